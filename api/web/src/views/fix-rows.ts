import './fix-rows.css';
import type { RowRulesContextBody } from '@muster/shared/rules/index';
import { api, ApiError, type BadRow, type BadRowsPage, type BadRowsSummary, type ImportView } from '../api.ts';
import { h, pageTitle, show } from '../dom.ts';
import { count, fmt } from '../format.ts';
import { confirmAction } from '../support/confirm-dialog.ts';
import { RowChecker } from './fix-rows-check.ts';
import { RowFixes } from './fix-rows-edits.ts';
import { fixRowsGrid } from './fix-rows-grid.ts';
import { guardLeaving } from './fix-rows-guard.ts';
import { repeatedValues } from './fix-rows-repeated.ts';
import { saveFixes } from './fix-rows-save.ts';
import { errorBox } from './parts.ts';

/**
 * "Fix these rows" (#/imports/<id>/fix): the bad rows of a checked or failed import, 200 a page,
 * editable in place and re-checked as you type; saving makes a corrected import from the stored
 * file plus the changes, which is checked like any upload.
 */
export async function fixRowsView(id: string) {
  pageTitle('Fix rows');
  const back = h('a', { href: `#/imports/${id}` }, 'Back to the check');
  show(h('div', { class: 'page-head' }, h('h1', {}, 'Fix these rows'), back), h('p', { class: 'table-status', role: 'status' }, 'Loading the rows with problems…'));
  let imp: ImportView, summary: BadRowsSummary, context: RowRulesContextBody;
  try {
    [imp, summary, context] = await Promise.all([
      api<ImportView>('GET', `/api/v1/imports/${id}`),
      api<BadRowsSummary>('GET', `/api/v1/imports/${id}/bad-rows`),
      api<RowRulesContextBody>('GET', '/api/v1/imports/row-rules-context'),
    ]);
  } catch (error) {
    const none = error instanceof ApiError && error.status === 404;
    show(h('div', { class: 'page-head' }, h('h1', {}, 'Fix these rows'), back),
      none ? h('section', { class: 'card' }, h('p', {}, 'This import has no rows with problems to fix.')) : errorBox(error));
    return;
  }
  if (location.hash !== `#/imports/${id}/fix`) return;
  pageTitle('Fix rows', imp.fileName);

  const fixes = new RowFixes(id);
  let checker: RowChecker | null = null;
  try {
    checker = new RowChecker(summary.header, context);
  } catch {
    // the account changed since the check (a module bought or dropped): no live re-check
  }
  /** Rows seen on any page: whether each still has a problem. Rows not seen yet count as bad. */
  const stillBad = new Map<number, boolean>();
  const pages = new Map<number, BadRow[]>();
  let current = 1;
  let grid: { recheckAll: () => void } | null = null;

  const tally = h('p', { class: 'still-count', role: 'status' });
  const changes = h('p', { class: 'muted changes' });
  const updateTally = () => {
    const fixed = [...stillBad.values()].filter((bad) => !bad).length;
    const left = summary.total - fixed;
    const unseen = summary.total - stillBad.size;
    tally.textContent = left === 0
      ? 'Every row is fixed. Save to check the file again.'
      : `${count(left, 'row')} still ${left === 1 ? 'has' : 'have'} problems.` +
        (unseen && fixes.replacements.length ? ` Rows on pages you have not opened are counted until the check after saving.` : '');
    const cells = fixes.editedCells;
    const all = fixes.replacements.length;
    changes.textContent = cells || all ? `Not saved yet: ${count(cells, 'changed cell')}${all ? `, ${count(all, '"apply to all" change')}` : ''}.` : 'No changes yet.';
    save.disabled = !fixes.dirty;
  };
  const tallyRows = (rows: BadRow[]) => {
    if (!checker) return;
    for (const row of rows) stillBad.set(row.rowNumber, checker.problems(row, fixes.cells(row, summary.header.length), (c) => fixes.changed(row, c)).length > 0);
  };
  const onReplace = () => {
    for (const rows of pages.values()) tallyRows(rows);
    grid?.recheckAll();
    updateTally();
  };

  const gridHolder = h('div', { class: 'grid-holder' });
  const pageStatus = h('p', { class: 'table-status', role: 'status' });
  const navs = [pageNav('top'), pageNav('bottom')];
  function pageNav(where: string) {
    const prev = h('button', { type: 'button', class: 'secondary' }, 'Previous page');
    const next = h('button', { type: 'button', class: 'secondary' }, 'Next page');
    const where_ = h('span', { class: 'page-where' });
    const jump = h('input', { id: `page-jump-${where}`, type: 'number', min: 1, max: summary.pages, inputmode: 'numeric' });
    const form = h('form', { class: 'page-jump' }, h('label', { for: jump.id }, 'Go to page'), jump, h('button', { type: 'submit', class: 'secondary' }, 'Go'));
    prev.addEventListener('click', () => void openPage(current - 1));
    next.addEventListener('click', () => void openPage(current + 1));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const n = Math.round(Number(jump.value));
      if (n >= 1 && n <= summary.pages) void openPage(n);
    });
    const nav = h('nav', { class: 'page-nav', 'aria-label': `Pages of rows (${where})`, hidden: summary.pages < 2 }, prev, where_, next, summary.pages > 2 ? form : null);
    return { nav, update: () => {
      prev.disabled = current <= 1;
      next.disabled = current >= summary.pages;
      const first = (current - 1) * summary.pageSize + 1;
      const last = Math.min(current * summary.pageSize, summary.total);
      where_.textContent = `Page ${fmt(current)} of ${fmt(summary.pages)}: rows with problems ${fmt(first)}–${fmt(last)} of ${fmt(summary.total)}`;
    } };
  }

  async function openPage(n: number) {
    if (n < 1 || n > summary.pages) return;
    let rows = pages.get(n);
    if (!rows) {
      pageStatus.textContent = `Loading page ${fmt(n)}…`;
      try {
        // The API counts pages from 0; people count them from 1.
        rows = (await api<BadRowsPage>('GET', `/api/v1/imports/${id}/bad-rows?page=${n - 1}`)).rows;
      } catch (error) {
        pageStatus.replaceChildren(errorBox(error));
        return;
      }
      pages.set(n, rows);
    }
    current = n;
    const built = fixRowsGrid({
      header: summary.header, rows, fixes, checker,
      caption: `Rows with problems, page ${fmt(n)} of ${fmt(summary.pages)}`,
      onChecked: (row, bad) => {
        stillBad.set(row, bad);
        updateTally();
      },
    });
    grid = built;
    gridHolder.replaceChildren(built.element);
    pageStatus.textContent = summary.pages > 1 ? `Showing page ${fmt(n)} of ${fmt(summary.pages)}.` : '';
    navs.forEach((nav) => nav.update());
  }

  const save = h('button', { type: 'button', class: 'primary' }, 'Save and check again');
  const saveStatus = h('div', { class: 'save-status', 'aria-live': 'polite' });
  save.addEventListener('click', () => void saveAll());
  async function saveAll() {
    save.disabled = true;
    const line = h('p', {});
    saveStatus.replaceChildren(line);
    try {
      const created = await saveFixes(id, fixes.body(), fixes.replacements, {
        progress: (text) => (line.textContent = text),
        retry: (part, parts, error) => new Promise((resolve) => {
          const again = h('button', { type: 'button', class: 'secondary' }, `Try part ${part} of ${parts} again`);
          again.addEventListener('click', () => {
            again.parentElement?.remove();
            resolve();
          });
          saveStatus.append(h('div', { class: 'retry' }, errorBox(error), again));
          again.focus();
        }),
      });
      fixes.clear();
      guardLeaving(null);
      location.hash = `#/imports/${created.id}`;
    } catch (error) {
      saveStatus.replaceChildren(errorBox(error));
      save.disabled = false;
    }
  }

  guardLeaving({
    unsaved: () => fixes.dirty,
    ask: () => confirmAction('Leave without saving?', 'Leave without saving',
      h('p', {}, `You have changes to ${imp.fileName} that are not saved. They are kept in this browser tab for now, and lost when you close it.`)),
  });

  show(
    h('div', { class: 'page-head' }, h('h1', {}, `Fix these rows: ${imp.fileName}`), back),
    h('section', { class: 'card fix-card' },
      h('h2', {}, `${count(summary.total, 'row')} with problems`),
      h('p', {}, 'Change the cells marked in red; each row is checked again as you type. When you save, Muster makes a corrected copy of your file with these changes and checks it again; your file is not uploaded again.'),
      tally,
      repeatedValues(summary.repeated, fixes, checker, onReplace),
      checker ? null : h('p', { class: 'muted' }, 'Your account has changed since this file was checked, so your changes are checked when you save.'),
      navs[0]!.nav,
      pageStatus,
      gridHolder,
      navs[1]!.nav,
      h('div', { class: 'actions save-bar' }, save, changes),
      saveStatus,
    ),
  );
  await openPage(1);
  updateTally();
}
