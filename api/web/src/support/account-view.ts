import { api, type ImportView, type UserView } from '../api.ts';
import { fmt, h, show } from '../dom.ts';
import { errorBox } from '../views/parts.ts';
import { accountPicker } from './account-picker.ts';
import { getAccount, type Page } from './support-api.ts';
import { STATUS_WORDS, when } from './words.ts';

const MODULE_NAMES: Record<string, string> = { loneWorking: 'Lone Working', events: 'Events', incidents: 'Incidents', audits: 'Audits' };
const ROLE_NAMES: Record<string, string> = { user: 'User', manager: 'Manager', account_owner: 'Account Owner' };

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
  const tbody = h('tbody');
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const search = h('input', { type: 'search', id: 'account-user-search', placeholder: 'Name or email', autocomplete: 'off' });
  let cursor: string | null = null;
  let query = '';
  const load = async (reset: boolean) => {
    if (reset) {
      cursor = null;
      tbody.replaceChildren();
    }
    const params = new URLSearchParams({ accountId, limit: '50' });
    if (query) params.set('q', query);
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api<Page<UserView>>('GET', `/api/v1/users?${params}`);
      tbody.append(...page.items.map((u) => h('tr', {},
        h('td', { 'data-label': 'Name' }, `${u.firstName} ${u.lastName}`),
        h('td', { 'data-label': 'Email' }, u.email),
        h('td', { 'data-label': 'Phone' }, u.phone ?? '—'),
        h('td', { 'data-label': 'Role' }, ROLE_NAMES[u.role] ?? u.role),
        h('td', { 'data-label': 'Teams' }, u.teams.join(', ') || '—'),
        h('td', { 'data-label': 'Modules' }, Object.entries(u.modules).filter(([, on]) => on).map(([m]) => MODULE_NAMES[m] ?? m).join(', ') || '—'),
      )));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = tbody.children.length ? '' : query ? `No users match "${query}".` : 'This account has no users yet.';
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  let timer: number | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      query = search.value.trim();
      void load(true);
    }, 300);
  });
  more.addEventListener('click', () => void load(false));
  void load(true);
  return h('section', { 'aria-labelledby': 'users-heading' },
    h('h2', { id: 'users-heading' }, 'Users'),
    h('div', { class: 'search' }, h('label', { for: 'account-user-search' }, 'Search users'), search),
    h('table', { class: 'users' },
      h('caption', { class: 'visually-hidden' }, 'Users in this account'),
      h('thead', {}, h('tr', {}, ...['Name', 'Email', 'Phone', 'Role', 'Teams', 'Modules'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody,
    ),
    status,
    more,
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
