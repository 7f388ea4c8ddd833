import { accountContextFrom, checkRow, mapHeader, type AccountContext, type HeaderMap, type RowProblem, type RowRulesContextBody } from '@muster/shared/rules/index';
import type { BadRow, BadRowProblem } from '../api.ts';

/**
 * Re-checks an edited row in the browser with the worker's own rules (shared/src/rules: the same
 * `mapHeader` and `checkRow`, bundled from their source, never a copy), so a problem goes as you
 * type. Some problems need the whole file or the database (an email twice in the file, a user
 * that exists already); the browser cannot re-check those, so the server's word stands for them
 * until their cell is changed, and the check after saving has the last word.
 */
export class RowChecker {
  private readonly header: HeaderMap;
  private readonly account: AccountContext;
  private readonly baseline = new Map<number, RowProblem[]>();

  constructor(fileHeader: string[], context: RowRulesContextBody) {
    this.account = accountContextFrom(context);
    // The file passed the header check when it was uploaded; this only fails if the account's
    // modules changed since, and then the caller shows the server's problems without re-checking.
    this.header = mapHeader(fileHeader, this.account.modules);
  }

  /** The cell a rules problem is in (by the column's label in this file), or null for the row. */
  private cellOf(problem: RowProblem): number | null {
    for (const [key, index] of Object.entries(this.header.index)) {
      if (this.header.labels[key as keyof HeaderMap['labels']] === problem.column) return index ?? null;
    }
    return null;
  }

  /**
   * The row's problems with its cells as they are now. `changed(cell)` says whether a cell differs
   * from the file.
   */
  problems(row: BadRow, cells: string[], changed: (cell: number) => boolean): BadRowProblem[] {
    const serverSaid = (cell: number | null) => row.problems.some((p) => p.cell === cell);
    const local = checkRow(cells, this.header, this.account).problems
      // A blank required cell is allowed when the row updates someone who exists; only the server
      // knows who does, so an untouched blank it did not complain about is fine.
      .filter((p) => !p.blankRequired || serverSaid(this.cellOf(p)) || (this.cellOf(p) !== null && changed(this.cellOf(p)!)))
      .map((p) => ({ cell: this.cellOf(p), column: p.column, message: p.message }));
    const rulesSaw = this.baselineOf(row);
    const beyondTheBrowser = row.problems.filter((p) =>
      !rulesSaw.some((b) => b.column === p.column && b.message === p.message) &&
      !local.some((l) => l.cell === p.cell) &&
      (p.cell === null ? !row.cells.some((_, i) => changed(i)) : !changed(p.cell)));
    return [...local, ...beyondTheBrowser];
  }

  /** What the rules find in the row as the file has it (once per row). */
  private baselineOf(row: BadRow): RowProblem[] {
    let found = this.baseline.get(row.rowNumber);
    if (!found) {
      found = checkRow(row.cells, this.header, this.account).problems;
      this.baseline.set(row.rowNumber, found);
    }
    return found;
  }

  /** The datalist suggestions for a cell (roles, True/False, the account's teams), if any. */
  suggestions(cell: number): string[] {
    const key = (Object.entries(this.header.index) as [string, number][]).find(([, i]) => i === cell)?.[0];
    if (key === 'role') return ['User', 'Manager', 'Account Owner'];
    if (key === 'teams') return [...this.account.teams.values()].map((t) => t.name);
    if (key === 'lone_working' || key === 'events' || key === 'incidents' || key === 'audits') return ['True', 'False'];
    return [];
  }
}
