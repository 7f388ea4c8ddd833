import { h } from '../dom.ts';
import { errorBox } from '../views/parts.ts';
import { findAccounts, type Account } from './support-api.ts';

/** A search box for accounts by name; each match is a button that calls `onPick`. */
export function accountPicker(id: string, label: string, onPick: (account: Account) => void): HTMLElement {
  const input = h('input', { type: 'search', id, placeholder: 'Part of the account name', autocomplete: 'off' });
  const results = h('ul', { class: 'picker-results', 'aria-live': 'polite' });
  let timer: number | undefined;
  let asked = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      const mine = ++asked;
      if (!q) return results.replaceChildren();
      try {
        const { items } = await findAccounts(q);
        if (mine !== asked) return; // a later keystroke has asked again
        results.replaceChildren(
          ...(items.length
            ? items.map((account) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => onPick(account) }, account.name)))
            : [h('li', { class: 'muted' }, `No account name contains "${q}".`)]),
        );
      } catch (error) {
        results.replaceChildren(h('li', {}, errorBox(error)));
      }
    }, 250);
  });
  return h('div', { class: 'picker' }, h('label', { for: id }, label), input, results);
}
