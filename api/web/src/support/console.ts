import './support.css';
import { h } from '../dom.ts';
import { accountPage, accountSearchPage } from './account-view.ts';
import { supportHome } from './home.ts';
import { supportImportPage } from './import-page.ts';
import { stopSupportTimers } from './timers.ts';

/** Support staff get the console's navigation instead of the owner's (they have no account of their own). */
export function useSupportNav(): void {
  const nav = document.querySelector('nav');
  nav?.replaceChildren(h('a', { href: '#/support' }, 'Imports'), h('a', { href: '#/support/accounts' }, 'Accounts'));
  document.title = 'Muster · Support';
}

/** Hash routes of the console: #/support[?filters], #/support/imports/<id>, #/support/accounts[/<id>]. */
export function supportRoute(hash: string): void {
  stopSupportTimers();
  const [path = '', query = ''] = hash.split('?');
  const importMatch = /^#\/support\/imports\/([0-9a-f]{24})$/.exec(path);
  const accountMatch = /^#\/support\/accounts\/([0-9a-f]{24})$/.exec(path);
  const section = accountMatch || path === '#/support/accounts' ? '#/support/accounts' : '#/support';
  document.querySelectorAll('nav a').forEach((a) => a.toggleAttribute('aria-current', a.getAttribute('href') === section));
  if (importMatch) void supportImportPage(importMatch[1]!);
  else if (accountMatch) void accountPage(accountMatch[1]!);
  else if (path === '#/support/accounts') accountSearchPage();
  else if (path === '#/support') void supportHome(new URLSearchParams(query));
  // An owner's address (or none) opened with a support token: the console's home.
  else location.replace('#/support');
}
