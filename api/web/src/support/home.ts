import { movableFrom, RUNNING_STATUSES, type ImportStatus } from '@muster/shared/imports/lifecycle';
import { fmt, h, show } from '../dom.ts';
import { errorBox } from '../views/parts.ts';
import { accountPicker } from './account-picker.ts';
import { healthStrip } from './health-strip.ts';
import { getAccount, listImports, type SupportImport } from './support-api.ts';
import { every } from './timers.ts';
import { STATUS_WORDS, when } from './words.ts';

/** Status choices; the two support cares most about come first. */
const STATUS_CHOICES: [ImportStatus | '' | (string & {}), string][] = [
  ['', 'Any status'],
  ['failed', 'Failed'],
  ['completed_with_errors', 'Completed with errors'],
  // The ones support can re-run.
  [movableFrom('retry').join(','), 'Failed or completed with errors'],
  [RUNNING_STATUSES.join(','), 'Running or waiting'],
  ['validated', 'Checked, waiting for the owner'],
  ['completed', 'Completed'],
  ['cancelled', 'Cancelled'],
  ['undone', 'Undone'],
];
const FILTERS = ['status', 'accountId', 'from', 'to', 'file'] as const;

/** The filters live in the address (#/support?status=failed&...), so Back returns to the same list. */
export const homeHash = (filters: URLSearchParams) => `#/support${filters.size ? `?${filters}` : ''}`;

function counts(imp: SupportImport): string {
  const c = imp.counts;
  if (!c.rows) return '—';
  return `${fmt(c.rows)} rows: ${fmt(c.invalid)} with problems; ${fmt(c.created)} created, ${fmt(c.updated)} updated, ${fmt(c.skipped)} skipped`;
}

function row(imp: SupportImport): HTMLElement {
  const status = STATUS_WORDS[imp.status] ?? imp.status;
  return h('tr', {},
    h('td', { 'data-label': 'When' }, when(imp.createdAt)),
    h('td', { 'data-label': 'Account' }, h('a', { href: `#/support/accounts/${imp.accountId}` }, imp.accountName)),
    h('td', { 'data-label': 'File' }, h('a', { href: `#/support/imports/${imp.id}` }, imp.fileName)),
    h('td', { 'data-label': 'Uploaded by' }, imp.createdBy),
    h('td', { 'data-label': 'Status', class: `status status-${imp.status}` }, imp.cancelRequested && imp.status === 'importing' ? `${status} (cancelling)` : status),
    h('td', { 'data-label': 'Counts' }, counts(imp)),
    h('td', { 'data-label': 'Error', class: 'why' }, imp.error ? imp.error.message : ''),
  );
}

function filterForm(filters: URLSearchParams, accountName: string | null): HTMLElement {
  const apply = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(filters);
    change(next);
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    location.hash = homeHash(next);
  };
  const status = h('select', { id: 'status-filter' }, ...STATUS_CHOICES.map(([value, label]) => h('option', { value, selected: value === (filters.get('status') ?? '') }, label)));
  status.addEventListener('change', () => apply((n) => n.set('status', status.value)));
  const quick = (value: ImportStatus | '', label: string) =>
    h('button', { type: 'button', class: filters.get('status') === value ? 'chip on' : 'chip', 'aria-pressed': String(filters.get('status') === value), onclick: () => apply((n) => n.set('status', value)) }, label);
  const from = h('input', { type: 'date', id: 'from-filter', value: filters.get('from') ?? '' });
  const to = h('input', { type: 'date', id: 'to-filter', value: filters.get('to') ?? '' });
  const file = h('input', { type: 'search', id: 'file-filter', value: filters.get('file') ?? '', placeholder: 'Part of the file name', autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find imports' },
    h('div', { class: 'chips' }, quick('failed', 'Failed'), quick('completed_with_errors', 'Completed with errors'), quick('', 'All')),
    h('div', { class: 'filter-grid' },
      h('div', {}, h('label', { for: 'status-filter' }, 'Status'), status),
      accountName !== null
        ? h('div', {}, h('span', { class: 'label' }, 'Account'), h('p', { class: 'chosen-account' }, accountName, ' ', h('button', { type: 'button', class: 'link', onclick: () => apply((n) => n.delete('accountId')) }, 'Any account')))
        : accountPicker('account-filter', 'Account', (account) => apply((n) => n.set('accountId', account.id))),
      h('div', {}, h('label', { for: 'from-filter' }, 'Uploaded from'), from),
      h('div', {}, h('label', { for: 'to-filter' }, 'Uploaded up to'), to),
      h('div', {}, h('label', { for: 'file-filter' }, 'File name'), file),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Find imports')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply((n) => {
      n.set('from', from.value);
      n.set('to', to.value);
      n.set('file', file.value.trim());
    });
  });
  return form;
}

/** The API's `to` is exclusive; the date picker's "up to" includes the day picked. */
function apiParams(filters: URLSearchParams, cursor: string | null): URLSearchParams {
  const params = new URLSearchParams({ limit: '25' });
  for (const name of FILTERS) {
    const value = filters.get(name);
    if (!value) continue;
    if (name === 'to') {
      const next = new Date(`${value}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      params.set('to', next.toISOString().slice(0, 10));
    } else params.set(name, value);
  }
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** The support home: health strip, filters, and every account's imports, newest first. */
export async function supportHome(filters: URLSearchParams) {
  const shownFor = location.hash;
  const strip = healthStrip();
  const tbody = h('tbody');
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  let cursor: string | null = null;
  const load = async () => {
    try {
      const page = await listImports(apiParams(filters, cursor));
      tbody.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = tbody.children.length ? `${fmt(tbody.children.length)} ${tbody.children.length === 1 ? 'import' : 'imports'} shown.` : cursor ? 'None found yet; press Show more to look further back.' : 'No imports match.';
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  more.addEventListener('click', () => void load());
  const table = h('table', { class: 'support-list' },
    h('caption', { class: 'visually-hidden' }, 'Imports of every account, newest first'),
    h('thead', {}, h('tr', {}, ...['When', 'Account', 'File', 'Uploaded by', 'Status', 'Counts', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody,
  );
  let accountName: string | null = null;
  const accountId = filters.get('accountId');
  if (accountId) accountName = await getAccount(accountId).then((a) => a.name, () => 'an account that no longer exists');
  if (location.hash !== shownFor) return; // the address moved on while we asked

  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Support'), h('a', { href: '#/support/accounts' }, 'Look at an account')),
    strip.element,
    h('section', { class: 'card' }, h('h2', {}, 'Find imports'), filterForm(filters, accountName)),
    h('div', { class: 'table-scroll' }, table),
    status,
    more,
  );
  await Promise.all([strip.refresh(), load()]);
  // Says which filters the list on screen answers (the address may already ask for others).
  table.setAttribute('data-for', shownFor);
  if (location.hash === shownFor) every(5000, strip.refresh);
}
