import type { RepeatedBadValue } from '@muster/shared';

const MAX_KEYS = 10_000;
const MAX_VALUE_CHARS = 200;
const TOP = 50;

/**
 * Counts bad values by (cell, value) in bounded memory for a 1,000,000-row file: at most 10,000
 * pairs are held; when full, every pair seen only once is dropped (a value repeated often is seen
 * again long before it could be dropped). Blank and very long values are not counted: "apply to
 * all" is for a short value such as Role "Admin".
 */
export class RepeatedValues {
  private readonly counts = new Map<string, { cell: number; column: string; value: string; rows: number }>();

  add(cell: number, column: string, value: string): void {
    if (value.trim() === '' || value.length > MAX_VALUE_CHARS) return;
    const key = `${cell}\u0000${value}`;
    const seen = this.counts.get(key);
    if (seen) {
      seen.rows++;
      return;
    }
    if (this.counts.size >= MAX_KEYS) {
      for (const [k, entry] of this.counts) if (entry.rows === 1) this.counts.delete(k);
      if (this.counts.size >= MAX_KEYS) return;
    }
    this.counts.set(key, { cell, column, value, rows: 1 });
  }

  /** The most repeated pairs, most rows first, each in at least 2 rows. */
  top(): RepeatedBadValue[] {
    return [...this.counts.values()]
      .filter((e) => e.rows >= 2)
      .sort((a, b) => b.rows - a.rows || a.cell - b.cell)
      .slice(0, TOP)
      .map((e) => ({ ...e }));
  }
}
