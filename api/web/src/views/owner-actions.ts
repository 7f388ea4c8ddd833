import { api } from '../api.ts';
import { h } from '../dom.ts';
import { tokenClaims } from '../session.ts';
import { errorBox } from './parts.ts';

/** Only an Account Owner can add people; a Manager is told so up front, not by a failing wizard. */
export function addUsersLink(): HTMLElement {
  if (tokenClaims()?.role === 'account_owner') return h('a', { class: 'button primary', href: '#/add' }, 'Add Multiple Users');
  return h('span', { class: 'owner-only' },
    h('button', { type: 'button', class: 'primary', disabled: true, 'aria-describedby': 'owner-only-note' }, 'Add Multiple Users'),
    h('small', { id: 'owner-only-note', class: 'muted' }, ' Only an Account Owner can add people.'),
  );
}

/** Discards a checked import nobody wants (it ends cancelled and its files are removed). */
export function discardButton(importId: string, fileName: string, done: () => void): HTMLElement {
  const out = h('span', {});
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Discard the checked import of ${fileName}` }, 'Discard');
  button.addEventListener('click', () => {
    if (!confirm(`Discard the checked import of ${fileName}? Nobody will be added and the uploaded file is deleted.`)) return;
    button.disabled = true;
    api('POST', `/api/v1/imports/${importId}/cancel`).then(done, (e) => {
      button.disabled = false;
      out.append(errorBox(e));
    });
  });
  out.append(button);
  return out;
}
