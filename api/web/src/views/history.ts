import { api, whoStarted, type ImportView } from '../api.ts';
import { h, pageTitle, show } from '../dom.ts';
import { fmt } from '../format.ts';
import { tokenClaims } from '../session.ts';
import { addUsersLink, discardButton } from './owner-actions.ts';
import { errorBox } from './parts.ts';

const STATUS_WORDS: Record<string, string> = {
  queued: 'Waiting', validating: 'Checking', validated: 'Checked, ready to import', importing: 'Importing',
  completed: 'Completed', completed_with_errors: 'Completed with errors', failed: 'Failed', cancelled: 'Cancelled', undone: 'Undone',
};

/** Past imports: who, when, file, status, counts, with a link to each. */
export async function historyView() {
  try {
    const { items } = await api<{ items: ImportView[] }>('GET', '/api/v1/imports?limit=50');
    const me = tokenClaims()?.sub;
    const owner = tokenClaims()?.role === 'account_owner';
    pageTitle('Import history');
    show(
      h('div', { class: 'page-head' }, h('h1', {}, 'Import history'), addUsersLink()),
      items.length
        ? h('table', { class: 'history' },
            h('thead', {}, h('tr', {}, ...['When', 'Who', 'File', 'Status'].map((c) => h('th', { scope: 'col' }, c)), ...['Created', 'Updated', 'Skipped', 'Failed'].map((c) => h('th', { scope: 'col', class: 'number' }, c)))),
            h('tbody', {}, ...items.map((i) => h('tr', {},
              h('td', { 'data-label': 'When' }, new Date(i.createdAt).toLocaleString('en-GB')),
              h('td', { 'data-label': 'Who', title: i.createdByName ? i.createdBy : undefined }, whoStarted(i, me)),
              h('td', { 'data-label': 'File', class: 'long' }, h('a', { href: `#/imports/${i.id}` }, i.fileName)),
              h('td', { 'data-label': 'Status' }, h('span', { class: `status status-${i.status}` }, STATUS_WORDS[i.status] ?? i.status), ...(i.status === 'validated' && owner ? [' ', discardButton(i.id, i.fileName, () => void historyView())] : [])),
              ...(['created', 'updated', 'skipped', 'failed'] as const).map((k) => h('td', { 'data-label': k, class: 'number' }, fmt(i.counts[k]))),
            ))),
          )
        : h('p', { class: 'muted' }, 'No imports yet.'),
    );
  } catch (error) {
    show(h('h1', {}, 'Import history'), errorBox(error));
  }
}
