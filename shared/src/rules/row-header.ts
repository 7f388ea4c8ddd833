import type { ColumnKey } from '../imports/columns.js';

/** A file's header row matched to our columns (`header-map.ts` builds it). */
export interface HeaderMap {
  /** Which cell holds each column the file has. */
  index: Partial<Record<ColumnKey, number>>;
  /** The header text as the file wrote it, used in error messages so they match the file. */
  labels: Record<ColumnKey, string>;
  /** Cells in the header row that carry a column (trailing empty header cells do not count). */
  width: number;
  /** Indexes of the header cells that the error log repeats (everything but an old `error`). */
  keptIndexes: number[];
  /** The file is one of our error logs (it has the `error` column the log adds). */
  fromErrorLog: boolean;
  warnings: string[];
}
