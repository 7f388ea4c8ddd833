import type { BadRow, Replacement } from '../api.ts';

/** Edits as the corrections API takes them: row number -> cell index -> new text. */
export type EditsBody = Record<string, Record<string, string>>;

/** A value matches a replacement's `from` as the server matches it: exactly the same text. */
export const sameValue = (a: string, b: string) => a === b;

/**
 * The changes made in the "Fix these rows" grid for one import, before they are saved: cell edits
 * by row number and "apply to all" replacements. Kept in memory across pages and copied to this
 * tab's sessionStorage, so a reload or a visit to another view does not lose them.
 */
export class RowFixes {
  private readonly edits = new Map<number, Map<number, string>>();
  private replacementList: Replacement[] = [];
  private readonly key: string;

  constructor(importId: string) {
    this.key = `muster.fixes.${importId}`;
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.key) ?? 'null') as { edits: EditsBody; replacements: Replacement[] } | null;
      if (saved) {
        for (const [row, cells] of Object.entries(saved.edits)) this.edits.set(Number(row), new Map(Object.entries(cells).map(([c, t]) => [Number(c), t])));
        this.replacementList = saved.replacements;
      }
    } catch {
      // nothing usable stored: start afresh
    }
  }

  /** The cell as it will be saved: your edit, else an "apply to all" that matches it, else the file's text. */
  value(row: BadRow, cell: number): string {
    const edited = this.edits.get(row.rowNumber)?.get(cell);
    return edited ?? this.replaced(cell, row.cells[cell] ?? '');
  }

  /** Every cell of the row as it will be saved (at least `width` cells). */
  cells(row: BadRow, width: number): string[] {
    return Array.from({ length: Math.max(width, row.cells.length) }, (_, i) => this.value(row, i));
  }

  /** Whether this cell differs from the file (by an edit or a replacement). */
  changed(row: BadRow, cell: number): boolean {
    return this.value(row, cell) !== (row.cells[cell] ?? '');
  }

  /** Records what was typed; typing the cell back to what it would be anyway removes the edit. */
  set(row: BadRow, cell: number, text: string) {
    const cells = this.edits.get(row.rowNumber) ?? new Map<number, string>();
    if (text === this.replaced(cell, row.cells[cell] ?? '')) cells.delete(cell);
    else cells.set(cell, text);
    if (cells.size) this.edits.set(row.rowNumber, cells);
    else this.edits.delete(row.rowNumber);
    this.store();
  }

  get replacements(): readonly Replacement[] {
    return this.replacementList;
  }

  /** "Apply to all": replaces an earlier one for the same cell and value. */
  replace(replacement: Replacement) {
    this.unreplace(replacement.cell, replacement.from);
    this.replacementList.push(replacement);
    this.store();
  }

  unreplace(cell: number, from: string) {
    this.replacementList = this.replacementList.filter((r) => !(r.cell === cell && sameValue(r.from, from)));
    this.store();
  }

  get editedCells(): number {
    let n = 0;
    for (const cells of this.edits.values()) n += cells.size;
    return n;
  }

  /** Anything not saved yet. */
  get dirty(): boolean {
    return this.edits.size > 0 || this.replacementList.length > 0;
  }

  /** The edits in the API's shape. */
  body(): EditsBody {
    const out: EditsBody = {};
    for (const [row, cells] of this.edits) out[row] = Object.fromEntries(cells);
    return out;
  }

  /** After a save: forget everything, here and in sessionStorage. */
  clear() {
    this.edits.clear();
    this.replacementList = [];
    clearTimeout(this.storeTimer);
    sessionStorage.removeItem(this.key);
  }

  private replaced(cell: number, original: string): string {
    return this.replacementList.find((r) => r.cell === cell && sameValue(r.from, original))?.to ?? original;
  }

  private storeTimer: number | undefined;

  /** Copied to sessionStorage a moment after the last change (50,000 edits are a few MB of JSON). */
  private store() {
    clearTimeout(this.storeTimer);
    this.storeTimer = window.setTimeout(() => this.storeNow(), 300);
  }

  private storeNow() {
    try {
      sessionStorage.setItem(this.key, JSON.stringify({ edits: this.body(), replacements: this.replacementList }));
    } catch {
      // storage full (tens of thousands of edits): they stay in memory until saved
    }
  }
}
