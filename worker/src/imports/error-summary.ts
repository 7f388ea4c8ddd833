import type { RowProblem } from '@muster/shared';

export interface ErrorSummaryItem {
  column: string;
  message: string;
  count: number;
  /** For a team that does not exist: every such team name the file has (each once, the first spelling). */
  missingTeams?: string[];
}

const MAX_GROUPS = 50;
/** Team names kept per group: far more than an account has, few enough for the import document. */
const MAX_MISSING_TEAMS = 500;

/** Counts problems by column and message, for "N rows: Phone Number is too short..." lists. */
export class ErrorSummary {
  private groups = new Map<string, ErrorSummaryItem>();

  add(problems: RowProblem[]) {
    for (const p of problems) {
      const key = `${p.column}\u0000${p.summary}`;
      const group = this.groups.get(key);
      if (group) group.count++;
      else if (this.groups.size < 10_000) this.groups.set(key, { column: p.column, message: p.summary, count: 1 });
      const named = group ?? this.groups.get(key);
      if (named && p.missingTeams) this.addTeams(named, p.missingTeams);
    }
  }

  private seenTeams = new Set<string>();

  private addTeams(group: ErrorSummaryItem, names: string[]) {
    for (const name of names) {
      const lower = name.toLowerCase();
      if (this.seenTeams.has(lower) || this.seenTeams.size >= MAX_MISSING_TEAMS) continue;
      this.seenTeams.add(lower);
      (group.missingTeams ??= []).push(name);
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
