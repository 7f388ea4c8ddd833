import type { Connection } from 'mongoose';
import { connectMongo, createModels, syncIndexes, type Models } from '@muster/shared';
import { testConfig } from './test-env.js';

/**
 * A database of its own for the enclosing `describe` (models with their indexes), dropped after
 * it. Read `db.models` inside the tests: it is set by the `before` hook.
 */
export function useTestDatabase(): { models: Models } {
  const db = {} as { models: Models };
  let connection: Connection;
  before(async () => {
    connection = await connectMongo(testConfig().mongo.url);
    db.models = createModels(connection);
    await syncIndexes(db.models);
  });
  after(async () => {
    await connection.dropDatabase();
    await connection.close();
  });
  return db;
}
