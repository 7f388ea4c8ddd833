import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import type { Storage } from '@muster/shared';

import { guardFormula } from '@muster/shared';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell for a spreadsheet: a cell that a spreadsheet would run as a formula gets a leading
 * ' (the OWASP "CSV injection" advice; see formula-guard.ts); our reader takes it off again when
 * the error log itself is uploaded again.
 */
export function csvCell(value: string): string {
  const safe = guardFormula(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** What the error log holds: every row of the file (nothing was imported), or only the rows not imported. */
export type ErrorLogContents = 'all-rows' | 'rows-not-imported';

/**
 * The first `count` rows of the file again, from a fresh read (with the same edits applied), for an
 * all-rows log whose first bad row comes after good ones that were not kept in memory.
 */
export type ReadRowsAgain = (count: number) => AsyncIterable<readonly string[]>;

export interface ErrorLogWriter {
  /** Adds one row: its original cells and every problem, joined ('' for a good row, kept only in an all-rows log). */
  add(cells: readonly string[], error: string): Promise<void>;
  /** Uploads the log (when it has a bad row) and says how many rows it has and which. */
  finish(): Promise<{ rows: number; contains: ErrorLogContents }>;
  /** Drops a log that will not be used (the pass failed or was cancelled). */
  abort(): Promise<void>;
}

/**
 * With `readRowsAgain` (all-or-nothing: nothing is imported when any row is bad) the log holds
 * every row of the file in its order, good rows with an empty `error`, so uploading it again loses
 * nobody. Good rows before the first bad one are only counted, not held: a clean file writes no log
 * at all, and when a bad row turns up the earlier rows are read again from the stored file.
 *
 * Streams the error log to storage as rows fail: the uploaded header row as it was, plus a final
 * `error` column; UTF-8 with BOM so Excel reads names correctly. The object only appears when the
 * upload completes, so a crash never leaves half a log behind under the final key.
 */
export function createErrorLogWriter(
  storage: Storage,
  key: string,
  header: readonly string[],
  keptIndexes: readonly number[],
  readRowsAgain?: ReadRowsAgain,
): ErrorLogWriter {
  let rows = 0;
  let goodRows = 0;
  let goodBeforeLog = 0;
  let stream: PassThrough | undefined;
  let upload: Promise<unknown> | undefined;
  const controller = new AbortController();

  const start = () => {
    stream = new PassThrough();
    upload = storage.put(key, stream, 'text/csv; charset=utf-8', controller.signal);
    upload.catch(() => undefined); // observed in finish()
    stream.write(`\uFEFF${csvLine([...keptIndexes.map((i) => header[i] ?? ''), 'error'])}`);
  };

  const write = async (cells: readonly string[], error: string) => {
    rows++;
    // The original cells, lined up under the kept header columns; extra cells are kept too.
    const kept = keptIndexes.map((i) => cells[i] ?? '');
    const extra = cells.length > header.length ? cells.slice(header.length) : [];
    if (!stream!.write(csvLine([...kept, ...extra, error]))) await once(stream!, 'drain');
  };

  return {
    async add(cells, error) {
      if (error === '') {
        goodRows++;
        if (!readRowsAgain) return;
        if (!stream) {
          goodBeforeLog++;
          return;
        }
        await write(cells, '');
        return;
      }
      if (!stream) {
        start();
        if (readRowsAgain && goodBeforeLog > 0) for await (const again of readRowsAgain(goodBeforeLog)) await write(again, '');
      }
      await write(cells, error);
    },
    async finish() {
      const contains: ErrorLogContents = readRowsAgain || goodRows === 0 ? 'all-rows' : 'rows-not-imported';
      if (!stream) return { rows: 0, contains };
      stream.end();
      await upload;
      return { rows, contains };
    },
    async abort() {
      if (!stream) return;
      controller.abort();
      stream.destroy();
      await upload?.catch(() => undefined);
    },
  };
}
