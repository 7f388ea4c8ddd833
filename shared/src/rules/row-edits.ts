/**
 * Corrections to a stored file, as the "fix bad rows" grid saves them: by the row number a
 * spreadsheet shows (header = row 1) and the 0-based cell index in that row of the original file,
 * the new cell text. Stored as JSON in S3 beside the corrected import's copy of the file (50,000
 * edited rows are several megabytes: too big for the import document).
 */
export type RowEdits = Record<string, Record<string, string>>;

export const MAX_EDITED_CELL = 1000;

/** The edits as sent, or the first thing wrong with them in words for a 400. */
export function checkRowEdits(value: unknown): { edits: RowEdits } | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'edits must be an object of row number -> { cell index: new text }.' };
  const edits: RowEdits = {};
  for (const [row, cells] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[1-9][0-9]{0,8}$/.test(row) || row === '1') return { problem: `edits: "${row}" is not a row number of the file (the header is row 1).` };
    if (typeof cells !== 'object' || cells === null || Array.isArray(cells)) return { problem: `edits for row ${row} must be an object of cell index -> new text.` };
    const kept: Record<string, string> = {};
    for (const [cell, text] of Object.entries(cells as Record<string, unknown>)) {
      if (!/^(0|[1-9][0-9]{0,2})$/.test(cell)) return { problem: `edits for row ${row}: "${cell}" is not a cell index.` };
      if (typeof text !== 'string' || text.length > MAX_EDITED_CELL) return { problem: `edits for row ${row}, cell ${cell}: the new value must be text of at most ${MAX_EDITED_CELL} characters.` };
      kept[cell] = text;
    }
    edits[row] = kept;
  }
  return { edits };
}

/** "Apply to all": every row whose cell `cell` holds exactly `from` gets `to` (after the row edits). */
export interface CellReplacement {
  cell: number;
  from: string;
  to: string;
}

export const MAX_REPLACEMENTS = 200;

/** The replacements as sent, or the first thing wrong with them in words for a 400. */
export function checkReplacements(value: unknown): { replacements: CellReplacement[] } | { problem: string } {
  if (value === undefined) return { replacements: [] };
  if (!Array.isArray(value)) return { problem: 'replacements must be a list of { cell, from, to }.' };
  if (value.length > MAX_REPLACEMENTS) return { problem: `replacements: at most ${MAX_REPLACEMENTS} at once.` };
  const replacements: CellReplacement[] = [];
  for (const [i, item] of value.entries()) {
    const { cell, from, to } = (item ?? {}) as Record<string, unknown>;
    if (typeof cell !== 'number' || !Number.isInteger(cell) || cell < 0 || cell > 999) return { problem: `replacements[${i}]: cell must be a cell index from 0 to 999.` };
    // A blank `from` would fill every blank cell of the column, good rows included: edit those rows instead.
    if (typeof from !== 'string' || from === '' || from.length > MAX_EDITED_CELL) return { problem: `replacements[${i}]: from must be the bad value, 1 to ${MAX_EDITED_CELL} characters (to fill blank cells, edit the rows).` };
    if (typeof to !== 'string' || to.length > MAX_EDITED_CELL) return { problem: `replacements[${i}]: to must be text of at most ${MAX_EDITED_CELL} characters.` };
    replacements.push({ cell, from, to });
  }
  return { replacements };
}

/** Adds `later` to `into`, cell by cell: a cell edited in both takes the later text. */
export function mergeRowEdits(into: RowEdits, later: RowEdits): RowEdits {
  for (const [row, cells] of Object.entries(later)) into[row] = { ...into[row], ...cells };
  return into;
}
