import type { Storage } from '@muster/shared';
import { FileError } from './file-error.js';
import { openUpload } from './open-upload.js';
import type { CsvRow } from './read-csv.js';

/**
 * The first `count` rows of a stored file, read again from its start (with a correction's edits
 * applied as in the pass), for an error log that must list the good rows before the first bad one.
 */
export async function* readRowsAgain(
  storage: Storage,
  fileKey: string,
  corrected: (rows: AsyncGenerator<CsvRow>) => AsyncIterable<CsvRow>,
  count: number,
): AsyncGenerator<readonly string[]> {
  const stored = await storage.get(fileKey);
  if (!stored) throw new FileError('FILE_MISSING', 'The uploaded file is no longer stored (files are kept for a limited time). Upload it again.');
  const file = await openUpload(stored.body, stored.bytes);
  try {
    let left = count;
    if (left <= 0) return;
    for await (const row of corrected(file.rows)) {
      yield row.cells;
      if (--left <= 0) return;
    }
  } finally {
    await file.close();
    stored.body.destroy();
  }
}
