import type { CellReplacement, RowEdits, Storage } from '@muster/shared';
import { FileError } from './file-error.js';
import type { CsvRow } from './read-csv.js';

/**
 * The file's rows with a correction's edits applied by row number as they stream past: an edited
 * row gets its new cell texts (a cell past the row's end pads the row with blanks), every other
 * row passes through untouched, so the rest of the pipeline cannot tell a corrected file apart.
 */
export async function* withEdits(rows: AsyncIterable<CsvRow>, edits: RowEdits, replacements: readonly CellReplacement[] = []): AsyncGenerator<CsvRow> {
  for await (const row of rows) {
    const changes = edits[row.rowNumber];
    if (!changes && !replacements.some(({ cell, from }) => row.cells[cell] === from)) {
      yield row;
      continue;
    }
    const cells = [...row.cells];
    for (const [index, text] of Object.entries(changes ?? {})) {
      const at = Number(index);
      while (cells.length < at) cells.push('');
      cells[at] = text;
    }
    // "Apply to all", after the row's own edits: a value the person already fixed by hand stays fixed.
    for (const { cell, from, to } of replacements) if (cells[cell] === from) cells[cell] = to;
    yield { rowNumber: row.rowNumber, cells };
  }
}

/** A correction's stored edits (JSON beside its file). */
export async function loadEdits(storage: Storage, key: string): Promise<RowEdits> {
  const stored = await storage.get(key);
  if (!stored) throw new FileError('FILE_MISSING', 'The corrections saved for this import are no longer stored. Open the bad rows and save them again.');
  const chunks: Buffer[] = [];
  for await (const chunk of stored.body) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as RowEdits;
}
