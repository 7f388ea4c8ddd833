import type { ImportDoc } from '../db/models/import.model.js';
import type { Models } from '../db/models.js';
import { movableFrom } from './lifecycle.js';

export type StuckImport = Pick<ImportDoc, '_id' | 'accountId' | 'fileName' | 'status' | 'run' | 'updatedAt'>;

/**
 * Imports that should be running but whose document has not moved for `staleMs` (running imports
 * write progress every half second): what recovery picks up, and what support sees as "stuck".
 * One equality query per status (indexed on FerretDB too; `$in` would read every import); the
 * age is then checked among those few.
 */
export async function findStuckImports(models: Models, staleMs: number, now = Date.now()): Promise<StuckImport[]> {
  const staleBefore = new Date(now - staleMs);
  const lists = await Promise.all(
    movableFrom('requeue').map((status) => models.Import.find({ status, updatedAt: { $lt: staleBefore } }, { accountId: 1, fileName: 1, status: 1, run: 1, updatedAt: 1 }).lean()),
  );
  return lists.flat() as unknown as StuckImport[];
}
