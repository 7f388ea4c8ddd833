import type { ImportCounts, RowResult } from '@muster/shared';
import { ErrorSummary, WarningTally } from './error-summary.js';
import type { RowAction } from './resolve-batch.js';

/** The counts, error summary and warnings of one pass, row by row, in file order. */
export class PassTally {
  readonly counts: ImportCounts = { rows: 0, valid: 0, invalid: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  readonly summary = new ErrorSummary();
  readonly warnings = new WarningTally();

  /** `write`: the pass writes users, so valid rows are also counted as created, updated or skipped. */
  constructor(private readonly write: boolean) {}

  /** Counts one decided row; true when it goes to the error log. */
  add(rowNumber: number, result: RowResult, action: RowAction): action is Extract<RowAction, { kind: 'error' }> {
    const { counts } = this;
    counts.rows++;
    for (const warning of result.warnings) this.warnings.add(warning, rowNumber);
    if (action.kind === 'error') {
      counts.invalid++;
      this.summary.add(action.problems);
      return true;
    }
    counts.valid++;
    if (!this.write) return false;
    if (action.kind === 'create' || action.kind === 'created-before') counts.created++;
    else if (action.kind === 'update') counts.updated++;
    else counts.skipped++;
    return false;
  }
}
