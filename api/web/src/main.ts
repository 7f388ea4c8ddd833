import './styles.css';
import { h, show } from './dom.ts';
import { acceptLinkToken, showAccount } from './account-switch.ts';
import { token, tokenClaims } from './session.ts';
import { supportRoute, useSupportNav } from './support/console.ts';
import { addUsersView } from './views/add-users.ts';
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

/** Hash routes: #/users, #/add, #/history, #/imports/<id>; support staff: #/support... (support/console.ts). */
function route() {
  stopPolling();
  if (!signedIn()) return;
  if (tokenClaims()?.role === 'support') {
    useSupportNav();
    supportRoute(location.hash);
    return;
  }
  const hash = location.hash || '#/users';
  const importMatch = /^#\/imports\/([0-9a-f]{24})$/.exec(hash);
  document.querySelectorAll('nav a').forEach((a) => a.toggleAttribute('aria-current', hash.startsWith(a.getAttribute('href')!)));
  if (importMatch) void importView(importMatch[1]!);
  else if (hash === '#/add' && tokenClaims()?.role !== 'account_owner') show(h('section', { class: 'card notice', role: 'alert' }, h('h1', {}, 'Only an Account Owner can add people'), h('p', {}, 'Ask your Account Owner to import them.'), h('a', { href: '#/users' }, 'Back to users')));
  else if (hash === '#/add') addUsersView();
  else if (hash === '#/history') void historyView();
  else void usersView();
}

await acceptLinkToken();
window.addEventListener('hashchange', route);
route();
if (tokenClaims()?.role !== 'support') void showAccount();
