import type { BadRow, BadRowProblem } from '../api.ts';
import { h } from '../dom.ts';
import { count, fmt } from '../format.ts';
import type { RowChecker } from './fix-rows-check.ts';
import type { RowFixes } from './fix-rows-edits.ts';

/** How long typing pauses before the row is checked again. */
const RECHECK_AFTER_MS = 250;

export interface GridOptions {
  header: string[];
  rows: BadRow[];
  fixes: RowFixes;
  /** Null when the rules cannot run here (the account's modules changed): the server's problems are shown. */
  checker: RowChecker | null;
  /** Told after each re-check whether the row still has problems. */
  onChecked: (rowNumber: number, stillBad: boolean) => void;
  caption: string;
}

const sentence = (p: BadRowProblem) => (p.column === 'Row' ? `This row ${p.message}` : `${p.column} ${p.message}`);

/**
 * One page of bad rows as an editable table: per row its number, what is still wrong, and every
 * cell as a labelled input whose problem is written under it (and read out with it through
 * aria-describedby). On a phone the same markup shows as one card per row (fix-rows.css).
 */
export function fixRowsGrid(options: GridOptions): { element: HTMLElement; recheckAll: () => void } {
  const { header, rows, fixes, checker } = options;
  const width = header.length;
  const datalists = header.map((_, cell) => {
    const values = checker?.suggestions(cell) ?? [];
    return values.length ? h('datalist', { id: `fix-list-${cell}` }, ...values.map((v) => h('option', { value: v }))) : null;
  });
  const rechecks: (() => void)[] = [];

  const body = h('tbody', {}, ...rows.map((row) => {
    const summary = h('td', { class: 'why', 'data-label': 'What to fix' });
    const reasons = header.map((_, cell) => h('span', { id: `fix-r${row.rowNumber}-c${cell}-why`, class: 'cell-why' }));
    const inputs = header.map((column, cell) => {
      const input = h('input', {
        id: `fix-r${row.rowNumber}-c${cell}`,
        type: 'text',
        value: fixes.value(row, cell),
        list: datalists[cell] ? `fix-list-${cell}` : undefined,
        autocomplete: 'off',
        spellcheck: 'false',
      });
      return { input, column };
    });
    const recheck = () => {
      const cells = fixes.cells(row, width);
      const problems = checker ? checker.problems(row, cells, (c) => fixes.changed(row, c)) : row.problems;
      inputs.forEach(({ input }, cell) => {
        const mine = problems.filter((p) => p.cell === cell);
        const bad = mine.length > 0;
        reasons[cell]!.textContent = mine.map(sentence).join(' ');
        if (bad) {
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', reasons[cell]!.id);
        } else {
          input.removeAttribute('aria-invalid');
          input.removeAttribute('aria-describedby');
        }
        input.closest('td')?.classList.toggle('bad-cell', bad);
        input.closest('td')?.classList.toggle('edited', fixes.changed(row, cell));
      });
      const rowWide = problems.filter((p) => p.cell === null || p.cell >= width);
      summary.replaceChildren(problems.length
        ? h('span', { class: 'still-bad' }, count(problems.length, 'problem'), ...rowWide.map((p) => h('span', { class: 'row-why' }, sentence(p))))
        : h('span', { class: 'fixed' }, '✓ No problems left'));
      summary.closest('tr')?.classList.toggle('fixed-row', problems.length === 0);
      options.onChecked(row.rowNumber, problems.length > 0);
    };
    let timer: number | undefined;
    for (const [cell, { input }] of inputs.entries()) {
      input.addEventListener('input', () => {
        fixes.set(row, cell, input.value);
        clearTimeout(timer);
        timer = window.setTimeout(recheck, RECHECK_AFTER_MS);
      });
    }
    const tr = h('tr', {},
      h('th', { scope: 'row', class: 'row-number', 'data-label': 'Row' }, fmt(row.rowNumber)),
      summary,
      ...inputs.map(({ input, column }, cell) => h('td', { 'data-label': column },
        h('label', { for: input.id, class: 'cell-label' }, column, h('span', { class: 'visually-hidden' }, `, row ${fmt(row.rowNumber)}`)),
        input,
        reasons[cell]!)),
    );
    rechecks.push(() => {
      for (const [cell, { input }] of inputs.entries()) input.value = fixes.value(row, cell);
      recheck();
    });
    recheck();
    return tr;
  }));

  // Wide files scroll sideways inside this region, which keyboard users can focus to scroll.
  const element = h('div', { class: 'fix-rows-scroll', role: 'region', 'aria-label': options.caption, tabindex: 0 },
    ...datalists,
    h('table', { class: 'fix-rows' },
      h('caption', {}, options.caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'What to fix'), ...header.map((c) => h('th', { scope: 'col' }, c)))),
      body,
    ),
  );
  return { element, recheckAll: () => rechecks.forEach((r) => r()) };
}
