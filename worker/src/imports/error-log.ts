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

export interface ErrorLogWriter {
  /** Adds one failed row: its original cells and every problem, joined. */
  add(cells: readonly string[], error: string): Promise<void>;
  /** Uploads the log (when it has rows) and says how many rows it has. */
  finish(): Promise<{ rows: number }>;
  /** Drops a log that will not be used (the pass failed or was cancelled). */
  abort(): Promise<void>;
}

/**
 * Streams the error log to storage as rows fail: the uploaded header row as it was, plus a final
 * `error` column; UTF-8 with BOM so Excel reads names correctly. The object only appears when the
 * upload completes, so a crash never leaves half a log behind under the final key.
 */
export function createErrorLogWriter(storage: Storage, key: string, header: readonly string[], keptIndexes: readonly number[]): ErrorLogWriter {
  let rows = 0;
  let stream: PassThrough | undefined;
  let upload: Promise<unknown> | undefined;
  const controller = new AbortController();

  const start = () => {
    stream = new PassThrough();
    upload = storage.put(key, stream, 'text/csv; charset=utf-8', controller.signal);
    upload.catch(() => undefined); // observed in finish()
    stream.write(`\uFEFF${csvLine([...keptIndexes.map((i) => header[i] ?? ''), 'error'])}`);
  };

  return {
    async add(cells, error) {
      if (!stream) start();
      rows++;
      // The original cells, lined up under the kept header columns; extra cells are kept too.
      const kept = keptIndexes.map((i) => cells[i] ?? '');
      const extra = cells.length > header.length ? cells.slice(header.length) : [];
      if (!stream!.write(csvLine([...kept, ...extra, error]))) await once(stream!, 'drain');
    },
    async finish() {
      if (!stream) return { rows: 0 };
      stream.end();
      await upload;
      return { rows };
    },
    async abort() {
      if (!stream) return;
      controller.abort();
      stream.destroy();
      await upload?.catch(() => undefined);
    },
  };
}
