import type { Connection } from 'mongoose';
import { accountModel } from './models/account.model.js';
import { importModel } from './models/import.model.js';
import { teamModel } from './models/team.model.js';
import { userModel } from './models/user.model.js';
import { userRevisionModel } from './models/user-revision.model.js';

export type Models = ReturnType<typeof createModels>;

/** The models bound to one connection (each test can have its own database). */
export function createModels(connection: Connection) {
  return {
    Account: accountModel(connection),
    Team: teamModel(connection),
    User: userModel(connection),
    Import: importModel(connection),
    UserRevision: userRevisionModel(connection),
  };
}

/** Creates the collections and indexes the models declare; safe to run at every start. */
export async function syncIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch((error: { code?: number }) => {
      if (error.code !== 48) throw error; // 48: NamespaceExists
    });
    await model.createIndexes();
  }
}
