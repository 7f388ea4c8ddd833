import { isRunning } from '@muster/shared/imports/lifecycle';
import { api, type ImportView } from '../api.ts';
import { h, pageTitle, show } from '../dom.ts';
import { count, fmt, isAre, timeLeftWords } from '../format.ts';
import { tokenClaims } from '../session.ts';
import { confirmAction } from '../support/confirm-dialog.ts';
import { chosenFile, uploadAndCheck } from './add-users.ts';
import { badRowsTable } from './bad-rows.ts';
import { discardButton } from './owner-actions.ts';
import { errorBox, errorLogButton, errorSummary, progressBar, warningList } from './parts.ts';

let timer: number | undefined;
let rate: { at: number; rows: number } | undefined;

export function stopPolling() {
  clearTimeout(timer);
  timer = undefined;
  rate = undefined;
}

/** Steps 4 to 6 for one import: Check, Importing, Result. Polls about once a second while it runs. */
export async function importView(id: string) {
  const poll = async () => {
    let imp: ImportView;
    try {
      imp = await api<ImportView>('GET', `/api/v1/imports/${id}`);
    } catch (error) {
      show(h('h1', {}, 'Import'), errorBox(error));
      return;
    }
    if (location.hash !== `#/imports/${id}`) return;
    await render(imp);
    if (isRunning(imp.status)) timer = window.setTimeout(poll, 1000);
  };
  await poll();
}

const tryAgain = () => h('a', { class: 'button secondary', href: '#/add' }, 'Try Again');

function timeLeft(imp: ImportView): string {
  const { processedRows, totalRows } = imp.progress;
  if (imp.status !== 'importing' || !totalRows || processedRows === 0) return '';
  if (!rate) rate = { at: Date.now(), rows: processedRows };
  const seconds = (Date.now() - rate.at) / 1000;
  const perSecond = (processedRows - rate.rows) / seconds;
  if (seconds < 2 || perSecond <= 0) return 'Estimating time left…';
  return timeLeftWords(Math.ceil((totalRows - processedRows) / perSecond));
}

async function render(imp: ImportView) {
  const head = h('div', { class: 'page-head' }, h('h1', {}, imp.fileName), h('a', { href: '#/history' }, 'Import history'));
  const status = h('div', { 'aria-live': 'polite' });

  if (imp.progress.waiting && (imp.status === 'queued' || imp.status === 'importing')) {
    show(head, h('section', { class: 'card' }, h('h2', {}, 'Waiting for your other import to finish'), h('p', { class: 'muted' }, 'Your account runs one import at a time; this one starts by itself as soon as the other ends. You can leave this page.')));
    return;
  }
  if (imp.status === 'queued' || imp.status === 'validating') {
    pageTitle('Checking', imp.fileName);
    show(head, h('section', { class: 'card' }, h('h2', {}, 'Checking your file…'), progressBar('Checking progress', imp.progress.percent), h('p', { class: 'muted' }, `${count(imp.progress.processedRows, 'row')} checked so far`)));
    return;
  }
  if (imp.status === 'importing') {
    pageTitle('Importing', imp.fileName);
    const { processedRows, totalRows } = imp.progress;
    show(head, h('section', { class: 'card' },
      h('h2', {}, 'Importing your users…'),
      progressBar('Import progress', imp.progress.percent),
      h('p', {}, totalRows ? `${fmt(processedRows)} of ${count(totalRows, 'row')}` : `${count(processedRows, 'row')} so far`),
      h('p', { class: 'muted' }, timeLeft(imp)),
      h('p', { class: 'muted' }, 'You can leave this page; the import carries on and you can come back to it from Import history.'),
    ));
    return;
  }
  if (imp.status === 'validated' || (imp.status === 'failed' && imp.error?.code === 'VALIDATION_FAILED')) {
    pageTitle('Check', imp.fileName);
    show(head, await checkStep(imp, status));
    return;
  }
  pageTitle('Result', imp.fileName);
  show(head, await resultStep(imp));
}

async function checkStep(imp: ImportView, status: HTMLElement): Promise<HTMLElement> {
  const { rows, valid, invalid } = imp.counts;
  const failed = imp.status === 'failed';
  // A failed check is a problem: styled as one, its explanation and buttons first (above the fold).
  const card = h('section', { class: failed ? 'card failed' : 'card', role: failed ? 'alert' : undefined },
    h('h2', {}, 'Check'),
    h('p', { class: 'lead' }, `We found ${count(rows, 'row')}. ${fmt(valid)} ${isAre(valid)} ready to import.`),
    failed ? h('p', { class: 'error-message' }, imp.error!.message) : null,
  );
  const details: (HTMLElement | null)[] = [warningList(imp), errorSummary(imp), invalid > 0 ? await badRowsTable(imp.id, imp.counts.rows) : null];
  const actions = h('div', { class: 'actions' });
  if (invalid > 0) actions.append(errorLogButton(imp), tryAgain());
  if (imp.status === 'validated') {
    const start = h('button', { type: 'button', class: 'primary' }, invalid ? `Import ${count(valid, 'valid row')}` : 'Import');
    start.addEventListener('click', () => {
      start.disabled = true;
      api('POST', `/api/v1/imports/${imp.id}/start`).then(() => importView(imp.id), (e) => {
        start.disabled = false;
        status.replaceChildren(errorBox(e));
      });
    });
    actions.append(start, discardButton(imp.id, imp.fileName, () => importView(imp.id)));
  } else {
    if (valid > 0 && chosenFile) {
      const partial = h('button', { type: 'button', class: 'primary' }, `Check again, importing only the ${count(valid, 'valid row')}`);
      partial.addEventListener('click', () => {
        partial.disabled = true;
        uploadAndCheck(chosenFile!, { mode: 'partial', existing: imp.existing, autoStart: 'false' }, status).catch((e) => status.replaceChildren(errorBox(e)));
      });
      actions.append(partial);
    }
  }
  card.append(actions, status, ...details.filter((d): d is HTMLElement => Boolean(d)));
  return card;
}

/** "2 people added; 5 could not be imported": the good news first. */
function headline(imp: ImportView): string {
  const { created, updated, failed } = imp.counts;
  const done = [created ? `${count(created, 'person', 'people')} added` : '', updated ? `${count(updated, 'person', 'people')} updated` : ''].filter(Boolean);
  const good = done.length ? done.join(', ') : 'No one was added';
  return failed ? `${good}; ${fmt(failed)} could not be imported` : good;
}

/** The owner can take an ended import back (the API's undo); asks first, saying what it does. */
function undoButton(imp: ImportView): HTMLElement | null {
  if (tokenClaims()?.role !== 'account_owner') return null;
  const out = h('div', {});
  const button = h('button', { type: 'button', class: 'secondary' }, 'Undo this import');
  button.addEventListener('click', async () => {
    const { created, updated } = imp.counts;
    const sure = await confirmAction('Undo this import?', 'Undo this import',
      h('p', {}, `The ${count(created, 'person', 'people')} it added will be removed and the ${count(updated, 'person', 'people')} it changed will be put back as they were. Anyone edited since the import is left alone.`));
    if (!sure) return;
    button.disabled = true;
    api('POST', `/api/v1/imports/${imp.id}/undo`).then(() => importView(imp.id), (e) => {
      button.disabled = false;
      out.append(errorBox(e));
    });
  });
  out.append(button);
  return out;
}

async function resultStep(imp: ImportView): Promise<HTMLElement> {
  const { created, updated, skipped } = imp.counts;
  const counts = h('p', { class: 'muted' }, `${fmt(created)} created · ${fmt(updated)} updated · ${fmt(skipped)} skipped`);
  const viewUsers = h('a', { class: 'button primary', href: '#/users' }, 'View users');
  if (imp.status === 'completed') {
    return h('section', { class: 'card success', role: 'status' },
      h('h2', {}, headline(imp)),
      counts,
      h('div', { class: 'actions' }, viewUsers, undoButton(imp)),
      warningList(imp),
    );
  }
  if (imp.status === 'completed_with_errors') {
    return h('section', { class: 'card partial', role: 'status' },
      h('h2', {}, headline(imp)),
      counts,
      h('div', { class: 'actions' }, viewUsers, errorLogButton(imp), tryAgain(), undoButton(imp)),
      errorSummary(imp),
      await badRowsTable(imp.id, imp.counts.rows),
    );
  }
  if (imp.status === 'undone') {
    return h('section', { class: 'card' }, h('h2', {}, 'This import was undone'), h('p', {}, 'The users it added were removed and the users it changed were put back as they were.'));
  }
  if (imp.status === 'cancelled') {
    return h('section', { class: 'card' }, h('h2', {}, 'This import was cancelled'), counts, h('div', { class: 'actions' }, tryAgain()));
  }
  const message = imp.error?.code === 'PROCESSING_ERROR'
    ? 'Nothing is wrong with your file. The import stopped because of a problem on our side; our support team can re-run it for you, or you can try again later.'
    : imp.error?.message ?? 'The import failed.';
  return h('section', { class: 'card failed', role: 'alert' },
    h('h2', {}, 'The import did not go through'),
    h('p', {}, message),
    h('div', { class: 'actions' }, imp.errorLog.available ? errorLogButton(imp) : null, tryAgain()),
  );
}
