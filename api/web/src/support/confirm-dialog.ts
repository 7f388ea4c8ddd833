import { h } from '../dom.ts';

/**
 * Asks before an action, with its consequences spelled out. A modal <dialog>: focus stays in it,
 * Escape cancels. Resolves true only when the action's own button is pressed.
 */
export function confirmAction(title: string, confirmLabel: string, ...body: (Node | string)[]): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'primary' }, confirmLabel);
    const no = h('button', { type: 'button', class: 'secondary' }, 'Keep it as it is');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title),
      ...body,
      h('div', { class: 'actions' }, yes, no),
    );
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
