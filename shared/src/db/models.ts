import type { Connection, Model } from 'mongoose';
import { mirrorIndexesForFerretDb } from './ferretdb-indexes.js';
import { accountModel } from './models/account.model.js';
import { importModel } from './models/import.model.js';
import { importTotalsModel } from './models/import-totals.model.js';
import { listPageClaimModel } from './models/list-page-claim.model.js';
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
    ImportTotals: importTotalsModel(connection),
    ListPageClaim: listPageClaimModel(connection),
  };
}

/**
 * Creates the collections and indexes the models declare; safe to run at every start. On a local
 * FerretDB (`ferretdbPostgresUrl` set) also mirrors them into PostgreSQL: see ferretdb-indexes.ts.
 */
export async function syncIndexes(models: Models, options: { ferretdbPostgresUrl?: string | undefined } = {}): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection().catch((error: { code?: number }) => {
      if (error.code !== 48) throw error; // 48: NamespaceExists
    });
    await model.createIndexes();
  }
  // Only under FerretDB: a developer pointing MONGO_URL at real MongoDB needs no PostgreSQL.
  if (options.ferretdbPostgresUrl && (await isFerretDb(models))) {
    const dbName = models.User.db.name;
    await mirrorIndexesForFerretDb(models as unknown as Record<string, Model<never>>, options.ferretdbPostgresUrl, dbName);
  }
}

/** FerretDB's `buildInfo` carries `ferretdbVersion`; MongoDB's does not. */
async function isFerretDb(models: Models): Promise<boolean> {
  const info = await models.User.db.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}
