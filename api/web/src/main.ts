import './styles.css';
import { h, show } from './dom.ts';
import { acceptLinkToken, showAccount } from './account-switch.ts';
import { token, tokenClaims } from './session.ts';
import { supportRoute, useSupportNav } from './support/console.ts';
import { addUsersView } from './views/add-users.ts';
import { guardLeaving, mayLeave } from './views/fix-rows-guard.ts';
import { historyView } from './views/history.ts';
import { importView, stopPolling } from './views/import.ts';
import { usersView } from './views/users.ts';

function signedIn(): boolean {
  const claims = tokenClaims();
  if (!token() || !claims) {
    show(h('section', { class: 'card notice', role: 'alert' }, h('h1', {}, 'Please sign in'), h('p', {}, 'Open Muster with the sign-in link you were given. If you do not have one, ask your Muster administrator.')));
    return false;
  }
  if (claims.exp && claims.exp * 1000 < Date.now()) {
    show(h('section', { class: 'card notice', role: 'alert' }, h('h1', {}, 'Your session has expired'), h('p', {}, 'Open the sign-in link again to carry on. Nothing you imported has been lost.')));
    return false;
  }
  return true;
}

/** Hash routes: #/users, #/add, #/history, #/imports/<id>, #/imports/<id>/fix; support staff: #/support... (support/console.ts). */
function route() {
  stopPolling();
  guardLeaving(null);
  if (!signedIn()) return;
  if (tokenClaims()?.role === 'support') {
    useSupportNav();
    supportRoute(location.hash);
    return;
  }
  const hash = location.hash || '#/users';
  const importMatch = /^#\/imports\/([0-9a-f]{24})$/.exec(hash);
  const fixMatch = /^#\/imports\/([0-9a-f]{24})\/fix$/.exec(hash);
  document.querySelectorAll('nav a').forEach((a) => a.toggleAttribute('aria-current', hash.startsWith(a.getAttribute('href')!)));
  if (importMatch) void importView(importMatch[1]!);
  // Loaded when first used: it carries the row rules and the phone metadata.
  else if (fixMatch && tokenClaims()?.role === 'account_owner') void import('./views/fix-rows.ts').then((m) => m.fixRowsView(fixMatch[1]!));
  else if (fixMatch) {
    history.replaceState(null, '', `#/imports/${fixMatch[1]!}`); // only an Account Owner corrects a file
    void importView(fixMatch[1]!);
  }
  else if (hash === '#/add' && tokenClaims()?.role !== 'account_owner') show(h('section', { class: 'card notice', role: 'alert' }, h('h1', {}, 'Only an Account Owner can add people'), h('p', {}, 'Ask your Account Owner to import them.'), h('a', { href: '#/users' }, 'Back to users')));
  else if (hash === '#/add') addUsersView();
  else if (hash === '#/history') void historyView();
  else void usersView();
}

await acceptLinkToken();
// The address the page shows, to go back to when someone chooses to stay on unsaved changes.
let shownHash = location.hash;
window.addEventListener('hashchange', () => {
  void mayLeave().then((leave) => {
    if (!leave) return history.replaceState(null, '', shownHash);
    shownHash = location.hash;
    route();
  });
});
route();
if (tokenClaims()?.role !== 'support') void showAccount();
