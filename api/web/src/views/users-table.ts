import { api, type UserView } from '../api.ts';
import { h } from '../dom.ts';
import { count, nationalPhone } from '../format.ts';
import { errorBox } from './parts.ts';

const MODULE_NAMES: Record<string, string> = { loneWorking: 'Lone Working', events: 'Events', incidents: 'Incidents', audits: 'Audits' };
export const ROLE_NAMES: Record<string, string> = { user: 'User', manager: 'Manager', account_owner: 'Account Owner' };

interface Options {
  accountId: string;
  /** Sent as ?accountId= (support staff look at other accounts; owners never need it). */
  forSupport: boolean;
  searchId: string;
  caption: string;
  noUsers: string;
}

/** A cell with a long value (an email): wraps on a phone, and the title holds it whole. */
const longCell = (label: string, value: string) => h('td', { 'data-label': label, class: 'long', title: value }, value);

/**
 * An account's users, paged, with a search by name or email, and the states a person needs to
 * understand what they see: loading, none yet, no match. Used by the owner's Users view and by
 * the support console's account view.
 */
export function usersTable(options: Options): HTMLElement {
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  const status = h('p', { class: 'muted table-status', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: options.searchId, placeholder: 'Name or email', autocomplete: 'off' });
  const table = h('table', { class: 'users' },
    h('caption', { class: 'visually-hidden' }, options.caption),
    h('thead', {}, h('tr', {}, ...['Name', 'Email', 'Phone', 'Role', 'Teams', 'Modules'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody,
  );
  const country = api<{ defaultCountry?: string }>('GET', `/api/v1/accounts/${options.accountId}`).then((a) => a.defaultCountry, () => undefined);
  let cursor: string | null = null;
  let query = '';
  let loads = 0;

  const load = async (reset: boolean) => {
    const load = ++loads;
    if (reset) {
      cursor = null;
      tbody.replaceChildren();
      table.hidden = true;
    }
    more.hidden = true; // never offer more of an answer that is being replaced
    status.textContent = query ? `Searching for "${query}"…` : 'Loading users…';
    const params = new URLSearchParams({ limit: '50' });
    if (options.forSupport) params.set('accountId', options.accountId);
    if (query) params.set('q', query);
    if (cursor) params.set('cursor', cursor);
    try {
      const [page, accountCountry] = await Promise.all([api<{ items: UserView[]; nextCursor: string | null }>('GET', `/api/v1/users?${params}`), country]);
      if (load !== loads) return; // a newer search has been typed since: its answer wins
      tbody.append(...page.items.map((u) => h('tr', {},
        h('td', { 'data-label': 'Name' }, `${u.firstName} ${u.lastName}`),
        longCell('Email', u.email),
        h('td', { 'data-label': 'Phone', class: 'nowrap' }, nationalPhone(u.phone, accountCountry)),
        h('td', { 'data-label': 'Role' }, ROLE_NAMES[u.role] ?? u.role),
        h('td', { 'data-label': 'Teams' }, u.teams.join(', ') || '—'),
        h('td', { 'data-label': 'Modules' }, Object.entries(u.modules).filter(([, on]) => on).map(([m]) => MODULE_NAMES[m] ?? m).join(', ') || '—'),
      )));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      const shown = tbody.children.length;
      table.hidden = shown === 0;
      if (!shown) status.textContent = query ? `No one matches "${query}". Try part of a first name, last name or email.` : options.noUsers;
      else status.textContent = `Showing ${count(shown, 'person', 'people')}${cursor ? ' (there are more)' : ''}${query ? ` matching "${query}"` : ''}.`;
    } catch (error) {
      if (load === loads) status.replaceChildren(errorBox(error));
    }
  };

  let timer: number | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    more.hidden = true;
    timer = window.setTimeout(() => {
      query = search.value.trim();
      void load(true);
    }, 300);
  });
  more.addEventListener('click', () => void load(false));
  void load(true);
  return h('div', { class: 'users-panel' },
    h('div', { class: 'search' }, h('label', { for: options.searchId }, 'Search users'), search),
    status,
    table,
    more,
  );
}
