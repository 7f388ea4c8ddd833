import {
  BAD_ROWS_PAGE_SIZE,
  badRowsIndexKey,
  badRowsPageKey,
  type BadRow,
  type BadRowsIndex,
  type HeaderMap,
  type RowProblem,
  type Storage,
} from '@muster/shared';
import { RepeatedValues } from './repeated-values.js';

export interface BadRowsWriter {
  /** Adds one bad row: its cells as the pass read them and its problems. */
  add(rowNumber: number, cells: readonly string[], problems: readonly RowProblem[]): Promise<void>;
  /** Writes the last page and the index (when there are bad rows). */
  finish(): Promise<{ total: number; pages: number }>;
  /** Removes the pages of a pass that will not be used. */
  abort(): Promise<void>;
}

/** The cell index of each column label the file has, so a problem can name its cell. */
export function cellsByColumn(header: HeaderMap): Map<string, number> {
  const cells = new Map<string, number>();
  for (const [key, index] of Object.entries(header.index)) {
    if (index !== undefined) cells.set(header.labels[key as keyof HeaderMap['labels']], index);
  }
  return cells;
}

async function removeAll(storage: Storage, folder: string) {
  for (const key of await storage.list(folder)) await storage.delete(key);
}

/**
 * Writes a pass's bad rows as JSON pages of 200 under `folder`, one page in memory and one upload
 * in flight at a time, so memory stays flat for 50,000 bad rows. Any pages of an earlier pass are
 * removed first, so the index never points at a mix of two passes.
 */
export async function createBadRowsWriter(storage: Storage, folder: string, header: HeaderMap, fileHeader: readonly string[]): Promise<BadRowsWriter> {
  await removeAll(storage, folder);
  const cellOf = cellsByColumn(header);
  const repeated = new RepeatedValues();
  let page: BadRow[] = [];
  let pages = 0;
  let total = 0;
  let inFlight: Promise<unknown> = Promise.resolve();

  const flush = async () => {
    await inFlight;
    const body = JSON.stringify(page);
    const key = badRowsPageKey(folder, pages++);
    page = [];
    inFlight = storage.put(key, body, 'application/json');
    inFlight.catch(() => undefined); // observed by the next flush or finish
  };

  return {
    async add(rowNumber, cells, problems) {
      total++;
      const seen = new Set<number>();
      const listed = problems.map(({ column, message }) => {
        const cell = cellOf.get(column) ?? null;
        if (cell !== null && !seen.has(cell)) {
          seen.add(cell);
          repeated.add(cell, column, cells[cell] ?? '');
        }
        return { cell, column, message };
      });
      page.push({ rowNumber, cells: [...cells], problems: listed });
      if (page.length >= BAD_ROWS_PAGE_SIZE) await flush();
    },
    async finish() {
      if (page.length) await flush();
      await inFlight;
      if (total === 0) return { total, pages };
      const index: BadRowsIndex = { header: [...fileHeader], total, pages, pageSize: BAD_ROWS_PAGE_SIZE, repeated: repeated.top() };
      await storage.put(badRowsIndexKey(folder), JSON.stringify(index), 'application/json');
      return { total, pages };
    },
    async abort() {
      await inFlight.catch(() => undefined);
      await removeAll(storage, folder).catch(() => undefined);
    },
  };
}
