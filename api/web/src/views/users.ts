import { api, whoStarted, type ImportView } from '../api.ts';
import { h, pageTitle, show } from '../dom.ts';
import { tokenClaims } from '../session.ts';
import { addUsersLink } from './owner-actions.ts';
import { usersTable } from './users-table.ts';

/** The account's users (views/users-table.ts), and the way back to a running import. */
export async function usersView() {
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
        const whose = mine ? `Your import of ${imp.fileName}` : `${whoStarted(imp, me)}'s import of ${imp.fileName}`;
        running.append(h('p', { class: 'card notice-info running-import' }, `${whose} ${what}. `, h('a', { href: `#/imports/${imp.id}` }, 'Go to the import')));
      }
    })
    .catch(() => undefined);
  pageTitle('Users');
  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Users'), addUsersLink()),
    running,
    usersTable({ accountId: tokenClaims()?.accountId ?? '', forSupport: false, searchId: 'user-search', caption: 'Users in your account', noUsers: 'No users yet. Use Add Multiple Users to import them from a spreadsheet.' }),
  );
}
