import { api, type ImportView } from '../api.ts';
import { usersTable } from '../views/users-table.ts';
import { fmt, h, show } from '../dom.ts';
import { errorBox } from '../views/parts.ts';
import { accountPicker } from './account-picker.ts';
import { getAccount, type Page } from './support-api.ts';
import { STATUS_WORDS, when } from './words.ts';

/** Pick an account by name to look at. */
export function accountSearchPage() {
  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Look at an account'), h('a', { href: '#/support' }, 'Back to all imports')),
    h('section', { class: 'card' },
      h('p', {}, 'See an account\'s users and import history as its owner sees them. Nothing can be changed from there.'),
      accountPicker('account-search', 'Account name', (account) => (location.hash = `#/support/accounts/${account.id}`)),
    ),
  );
}

function usersPanel(accountId: string): HTMLElement {
  return h('section', { 'aria-labelledby': 'users-heading' },
    h('h2', { id: 'users-heading' }, 'Users'),
    usersTable({ accountId, forSupport: true, searchId: 'account-user-search', caption: 'Users in this account', noUsers: 'This account has no users yet.' }),
  );
}

function historyPanel(accountId: string): HTMLElement {
  const panel = h('section', { 'aria-labelledby': 'history-heading' }, h('h2', { id: 'history-heading' }, 'Import history'));
  api<Page<ImportView>>('GET', `/api/v1/imports?${new URLSearchParams({ accountId, limit: '50' })}`).then(({ items }) => {
    panel.append(items.length
      ? h('table', { class: 'history' },
          h('thead', {}, h('tr', {}, ...['When', 'Who', 'File', 'Status', 'Created', 'Updated', 'Skipped', 'Failed'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...items.map((i) => h('tr', {},
            h('td', { 'data-label': 'When' }, when(i.createdAt)),
            h('td', { 'data-label': 'Who' }, i.createdBy),
            h('td', { 'data-label': 'File' }, h('a', { href: `#/support/imports/${i.id}` }, i.fileName)),
            h('td', { 'data-label': 'Status' }, STATUS_WORDS[i.status] ?? i.status),
            ...(['created', 'updated', 'skipped', 'failed'] as const).map((k) => h('td', { 'data-label': k }, fmt(i.counts[k]))),
          ))))
      : h('p', { class: 'muted' }, 'No imports yet.'));
  }, (error) => panel.append(errorBox(error)));
  return panel;
}

/** Another account as its owner sees it: read-only, clearly marked, no "Add Multiple Users". */
export async function accountPage(accountId: string) {
  const shownFor = location.hash;
  let name: string;
  try {
    name = (await getAccount(accountId)).name;
  } catch (error) {
    show(h('h1', {}, 'Account'), errorBox(error));
    return;
  }
  if (location.hash !== shownFor) return; // the address moved on while we asked
  show(
    h('p', { class: 'card other-account', role: 'note' },
      h('strong', {}, `You are looking at ${name}, another account, as its owner sees it. `),
      'Read-only: nothing can be added or changed here.'),
    h('div', { class: 'page-head' }, h('h1', {}, name), h('span', {}, h('a', { href: `#/support?accountId=${accountId}` }, 'Its imports in the console'), ' · ', h('a', { href: '#/support' }, 'Back to all imports'))),
    usersPanel(accountId),
    historyPanel(accountId),
  );
}
