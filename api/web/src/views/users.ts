import { api, type ImportView } from '../api.ts';
import { h, pageTitle, show } from '../dom.ts';
import { tokenClaims } from '../session.ts';
import { usersTable } from './users-table.ts';

/** The account's users (views/users-table.ts), and the way back to a running import. */
export async function usersView() {
  // Coming back to the page while an import runs: offer the way back to it.
  const running = h('div', { 'aria-live': 'polite' });
  // Only the person who uploaded an import is told it is "yours"; a colleague's is named as theirs.
  const me = tokenClaims()?.sub;
  api<{ items: ImportView[] }>('GET', '/api/v1/imports?status=queued,validating,validated,importing&limit=10')
    .then(({ items }) => {
      const imp = items.find((i) => i.createdBy === me) ?? items[0];
      if (!imp) return;
      const mine = imp.createdBy === me;
      const what = imp.status === 'validated' ? `is checked and waiting for ${mine ? 'you' : 'someone'} to import it` : 'is in progress';
      const whose = mine ? `Your import of ${imp.fileName}` : `An import of ${imp.fileName} by ${imp.createdBy}`;
      running.append(h('p', { class: 'card notice-info' }, `${whose} ${what}. `, h('a', { href: `#/imports/${imp.id}` }, 'Go to the import')));
    })
    .catch(() => undefined);
  pageTitle('Users');
  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Users'), h('a', { class: 'button primary', href: '#/add' }, 'Add Multiple Users')),
    running,
    usersTable({ accountId: tokenClaims()?.accountId ?? '', forSupport: false, searchId: 'user-search', caption: 'Users in your account', noUsers: 'No users yet. Use Add Multiple Users to import them from a spreadsheet.' }),
  );
}
