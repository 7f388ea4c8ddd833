/**
 * The bad rows of a pass, stored as JSON pages beside the error log so the "fix bad rows" grid can
 * page through 50,000 of them: `bad-rows/<n>.json` (200 rows each) and `bad-rows/index.json`.
 * Imports nothing, so the page can use the same types.
 */

export const BAD_ROWS_PAGE_SIZE = 200;

/** One problem of a bad row; `cell` is its index in `cells`, null when no one cell is at fault. */
export interface BadRowProblem {
  cell: number | null;
  column: string;
  message: string;
}

/** A bad row as the pass read it: its spreadsheet row number (header = 1) and every cell. */
export interface BadRow {
  rowNumber: number;
  cells: string[];
  problems: BadRowProblem[];
}

/** A bad value that many rows share in the same cell (for "apply to all"). */
export interface RepeatedBadValue {
  cell: number;
  column: string;
  value: string;
  rows: number;
}

export interface BadRowsIndex {
  /** The file's header row, every cell (cell indexes refer to it). */
  header: string[];
  total: number;
  pages: number;
  pageSize: number;
  /** The most repeated bad values, most rows first (top 50, each in at least 2 rows). */
  repeated: RepeatedBadValue[];
}

/** The folder of an import's stored files; everything under it goes with the import's files. */
export const importFolder = (imp: { accountId: unknown; _id: unknown }) => `imports/${String(imp.accountId)}/${String(imp._id)}/`;
export const badRowsFolder = (imp: { accountId: unknown; _id: unknown }) => `${importFolder(imp)}bad-rows/`;
export const badRowsIndexKey = (folder: string) => `${folder}index.json`;
export const badRowsPageKey = (folder: string, page: number) => `${folder}${page}.json`;
