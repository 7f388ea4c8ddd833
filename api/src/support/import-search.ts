import { Types } from 'mongoose';
import type { ImportDoc, ImportStatus, Models } from '@muster/shared';
import { matchesInMemory, type ImportFilters } from './import-filters.js';
import { mergePage, type StreamResult } from './merge-page.js';

/** Documents one status's stream may read per request, so a rare match cannot make a page read everything. */
export const READ_BUDGET = 1000;

/** What a row of the support list needs (the big arrays of an import stay in the database). */
const LIST_FIELDS = { accountId: 1, fileName: 1, status: 1, createdBy: 1, createdAt: 1, updatedAt: 1, finishedAt: 1, counts: 1, error: 1, progress: 1, cancelRequested: 1, undo: 1 };
export type ListedImport = Pick<ImportDoc, '_id' | 'accountId' | 'fileName' | 'status' | 'createdBy' | 'createdAt' | 'updatedAt' | 'finishedAt' | 'counts' | 'error' | 'progress' | 'cancelRequested' | 'undo'>;

async function readStream(models: Models, status: ImportStatus | undefined, filters: ImportFilters, cursor: string | undefined, limit: number, budget: number) {
  const query: Record<string, unknown> = {};
  if (status) query.status = status;
  if (filters.accountId) query.accountId = filters.accountId;
  if (cursor) query._id = { $lt: new Types.ObjectId(cursor) };
  const result: StreamResult<{ id: string; doc: ListedImport }> = { matches: [], exhausted: false };
  const docs = models.Import.find(query, LIST_FIELDS).sort({ _id: -1 }).lean().cursor({ batchSize: Math.min(budget, limit * 4) });
  let read = 0;
  try {
    for (;;) {
      if (result.matches.length >= limit || read >= budget) return result;
      const doc = (await docs.next()) as unknown as ListedImport | null;
      if (!doc) {
        result.exhausted = true;
        return result;
      }
      read++;
      result.lastRead = String(doc._id);
      if (matchesInMemory(doc, filters)) result.matches.push({ id: result.lastRead, doc });
    }
  } finally {
    await docs.close();
  }
}

/**
 * Every account's imports, newest first, one page at a time. Each status asked for is read by
 * equality, newest first (FerretDB pushes top-level equality down; a `$in` would read every
 * import), dates and file name are checked in memory, and the streams are merged.
 */
export async function searchImports(models: Models, filters: ImportFilters, limit: number, cursor: string | undefined) {
  const statuses: (ImportStatus | undefined)[] = filters.statuses.length ? filters.statuses : [undefined];
  const streams = await Promise.all(statuses.map((s) => readStream(models, s, filters, cursor, limit, READ_BUDGET)));
  const page = mergePage(streams, limit);
  return { items: page.items.map((m) => m.doc), nextCursor: page.nextCursor };
}
