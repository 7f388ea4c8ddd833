import { api, type ImportView, type UserView } from '../api.ts';
import { h, show } from '../dom.ts';
import { tokenClaims } from '../session.ts';
import { addUsersLink } from './owner-actions.ts';
import { errorBox } from './parts.ts';

const MODULE_NAMES: Record<string, string> = { loneWorking: 'Lone Working', events: 'Events', incidents: 'Incidents', audits: 'Audits' };
const ROLE_NAMES: Record<string, string> = { user: 'User', manager: 'Manager', account_owner: 'Account Owner' };

/** The account's users, paged, with a search by name or email. */
export async function usersView() {
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: 'user-search', placeholder: 'Name or email', autocomplete: 'off' });
  let cursor: string | null = null;
  let query = '';

  const load = async (reset: boolean) => {
    if (reset) {
      cursor = null;
      tbody.replaceChildren();
    }
    const params = new URLSearchParams({ limit: '50' });
    if (query) params.set('q', query);
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api<{ items: UserView[]; nextCursor: string | null }>('GET', `/api/v1/users?${params}`);
      for (const u of page.items) {
        const modules = Object.entries(u.modules).filter(([, on]) => on).map(([m]) => MODULE_NAMES[m] ?? m);
        tbody.append(
          h('tr', {},
            h('td', { 'data-label': 'Name' }, `${u.firstName} ${u.lastName}`),
            h('td', { 'data-label': 'Email' }, u.email),
            h('td', { 'data-label': 'Phone' }, u.phone ?? '—'),
            h('td', { 'data-label': 'Role' }, ROLE_NAMES[u.role] ?? u.role),
            h('td', { 'data-label': 'Teams' }, u.teams.join(', ') || '—'),
            h('td', { 'data-label': 'Modules' }, modules.join(', ') || '—'),
          ),
        );
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = tbody.children.length ? '' : query ? `No users match "${query}".` : 'No users yet. Use Add Multiple Users to import them from a spreadsheet.';
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

  // Coming back to the page while imports run: every running import of the account, by file and
  // by who started it; only the signed-in person's own imports are called "yours".
  const running = h('div', { 'aria-live': 'polite' });
  const me = tokenClaims()?.sub;
  const isOwner = tokenClaims()?.role === 'account_owner';
  Promise.all([
    api<{ items: ImportView[] }>('GET', '/api/v1/imports?status=queued,validating,validated,importing&limit=10'),
    api<{ items: ImportView[] }>('GET', '/api/v1/imports?status=completed,completed_with_errors&limit=50'),
  ])
    .then(([{ items }, { items: imported }]) => {
      // A checked file imported since (by a later upload of the same file) is no longer worth offering.
      const importedSince = (imp: ImportView) => imported.some((i) => i.fileName === imp.fileName && i.createdAt > imp.createdAt);
      for (const imp of items) {
        const mine = imp.createdBy === me;
        // A checked import is an invitation to act, so only an Account Owner is offered it.
        if (imp.status === 'validated' && (!isOwner || importedSince(imp))) continue;
        const what = imp.status === 'validated' ? (mine ? 'is checked and waiting for you to import it' : 'is checked and waiting to be imported') : 'is in progress';
        const whose = mine ? `Your import of ${imp.fileName}` : `${imp.createdBy}'s import of ${imp.fileName}`;
        running.append(h('p', { class: 'card notice-info running-import' }, `${whose} ${what}. `, h('a', { href: `#/imports/${imp.id}` }, 'Go to the import')));
      }
    })
    .catch(() => undefined);
  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Users'), addUsersLink()),
    running,
    h('div', { class: 'search' }, h('label', { for: 'user-search' }, 'Search users'), search),
    h('table', { class: 'users' },
      h('caption', { class: 'visually-hidden' }, 'Users in your account'),
      h('thead', {}, h('tr', {}, ...['Name', 'Email', 'Phone', 'Role', 'Teams', 'Modules'].map((c) => h('th', { scope: 'col' }, c)))),
      tbody,
    ),
    status,
    more,
  );
  await load(true);
}
