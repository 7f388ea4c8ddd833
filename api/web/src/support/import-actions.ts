import { canMove } from '@muster/shared/imports/lifecycle';
import { api } from '../api.ts';
import { fmt, h } from '../dom.ts';
import { errorBox } from '../views/parts.ts';
import { confirmAction } from './confirm-dialog.ts';
import { previewUndo, type SupportImportDetail } from './support-api.ts';

// The rules the API applies (the lifecycle module both read): a button only where the action is allowed.
export const canRetry = (imp: SupportImportDetail) => canMove('retry', imp.status);
/** A running import already asked to stop (its last audit entry is the cancel) cannot be cancelled again. */
export const cancelPending = (imp: SupportImportDetail) => canMove('requestCancel', imp.status) && imp.audit.at(-1)?.action === 'cancelled';
export const canCancel = (imp: SupportImportDetail) => (canMove('cancel', imp.status) || canMove('requestCancel', imp.status)) && !cancelPending(imp);
export const canUndo = (imp: SupportImportDetail) => canMove('undo', imp.status) && !imp.undo;

const list = (...items: (string | Node)[]) => h('ul', {}, ...items.map((i) => h('li', {}, i)));

async function confirmRetry(imp: SupportImportDetail): Promise<boolean> {
  return confirmAction(`Re-run ${imp.fileName}?`, 'Re-run import',
    list(
      `Muster reads the stored file ${imp.fileName} again and checks every row against the account as it is now (teams created since count).`,
      'Nobody is created twice: people this import already created are recognised and counted, not written again.',
      'The counts will describe the whole file. You are recorded in the audit trail as the person who re-ran it.',
    ));
}

async function confirmCancel(imp: SupportImportDetail): Promise<boolean> {
  const running = canMove('requestCancel', imp.status);
  return confirmAction(`Cancel ${imp.fileName}?`, 'Cancel import',
    list(
      running ? 'The import stops at the end of the batch of rows it is writing now.' : 'The import has not started writing: it stops now.',
      running ? 'People already written stay in the account, and the counts say exactly how many.' : 'Nobody has been added by it.',
      'You are recorded in the audit trail as the person who cancelled it.',
    ));
}

async function confirmUndo(imp: SupportImportDetail): Promise<boolean> {
  const plan = await previewUndo(imp.id);
  const people = (n: number) => `${fmt(n)} ${n === 1 ? 'person' : 'people'}`;
  // The first few of each group, so support can recognise the people before saying yes.
  const sample = (label: string, items: string[], total: number) =>
    total ? h('details', { class: 'who' }, h('summary', {}, label), h('ul', { class: 'people' }, ...items.slice(0, 20).map((i) => h('li', {}, i)), total > 20 ? h('li', { class: 'muted' }, `and ${fmt(total - 20)} more`) : '')) : '';
  return confirmAction(`Undo ${imp.fileName}?`, 'Undo import',
    list(
      `Removes ${people(plan.remove)} this import created.`,
      `Puts ${people(plan.restore)} this import changed back as they were before it.`,
      plan.leftAloneCount
        ? `Leaves alone ${people(plan.leftAloneCount)} changed since: their current details are kept.`
        : 'Nobody has been changed since, so nothing is left out.',
      'You are recorded in the audit trail as the person who undid it.',
    ),
    sample('Who would be removed', plan.removing, plan.remove),
    sample('Who would be put back', plan.restoring, plan.restore),
    sample('Who would be left alone, and why', plan.leftAlone.map((p) => `${p.email} — ${p.reason}`), plan.leftAloneCount),
  );
}

/** Re-run, Cancel and Undo, each where the API allows it and each after a confirmation. */
export function actionButtons(imp: SupportImportDetail, afterAction: () => void): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const button = (label: string, confirm: (imp: SupportImportDetail) => Promise<boolean>, path: string) => {
    const b = h('button', { type: 'button', class: 'secondary' }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      status.replaceChildren();
      try {
        if (await confirm(imp)) {
          await api('POST', `/api/v1/imports/${imp.id}/${path}`);
          afterAction();
          return;
        }
      } catch (error) {
        status.replaceChildren(errorBox(error));
      }
      b.disabled = false;
    });
    return b;
  };
  const buttons = [
    canRetry(imp) && button('Re-run', confirmRetry, 'retry'),
    canCancel(imp) && button('Cancel import', confirmCancel, 'cancel'),
    canUndo(imp) && button('Undo import', confirmUndo, 'undo'),
  ].filter((b): b is HTMLButtonElement => Boolean(b));
  if (!buttons.length) return status;
  return h('div', {}, h('div', { class: 'actions' }, ...buttons), status);
}
