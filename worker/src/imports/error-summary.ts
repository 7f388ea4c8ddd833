import type { RowProblem } from '@muster/shared';

export interface ErrorSummaryItem {
  column: string;
  message: string;
  count: number;
}

const MAX_GROUPS = 50;

/** Counts problems by column and message, for "N rows: Phone Number is too short..." lists. */
export class ErrorSummary {
  private groups = new Map<string, ErrorSummaryItem>();

  add(problems: RowProblem[]) {
    for (const p of problems) {
      const key = `${p.column}\u0000${p.summary}`;
      const group = this.groups.get(key);
      if (group) group.count++;
      else if (this.groups.size < 10_000) this.groups.set(key, { column: p.column, message: p.summary, count: 1 });
    }
  }

  /** The largest groups first. */
  top(): ErrorSummaryItem[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count).slice(0, MAX_GROUPS);
  }
}

/** Gathers a row warning across the file into one line with a few example rows. */
export class WarningTally {
  private tallies = new Map<string, { count: number; rows: number[] }>();

  add(warning: string, rowNumber: number) {
    const tally = this.tallies.get(warning) ?? { count: 0, rows: [] };
    tally.count++;
    if (tally.rows.length < 5) tally.rows.push(rowNumber);
    this.tallies.set(warning, tally);
  }

  lines(): string[] {
    return [...this.tallies.entries()].map(([warning, { count, rows }]) => {
      const more = count > rows.length ? ` and ${count - rows.length} more` : '';
      return `${count} ${count === 1 ? 'row' : 'rows'} (row ${rows.join(', ')}${more}): ${warning}.`;
    });
  }
}
