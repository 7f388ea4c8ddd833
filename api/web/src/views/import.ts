import { isRunning } from '@muster/shared/imports/lifecycle';
import { api, type ImportView } from '../api.ts';
import { fmt, h, show } from '../dom.ts';
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
  const left = Math.ceil((totalRows - processedRows) / perSecond);
  return left < 60 ? `About ${left} seconds left` : `About ${Math.ceil(left / 60)} minutes left`;
}

async function render(imp: ImportView) {
  const head = h('div', { class: 'page-head' }, h('h1', {}, imp.fileName), h('a', { href: '#/history' }, 'Import history'));
  const status = h('div', { 'aria-live': 'polite' });

  if (imp.progress.waiting && (imp.status === 'queued' || imp.status === 'importing')) {
    show(head, h('section', { class: 'card' }, h('h2', {}, 'Waiting for your other import to finish'), h('p', { class: 'muted' }, 'Your account runs one import at a time; this one starts by itself as soon as the other ends. You can leave this page.')));
    return;
  }
  if (imp.status === 'queued' || imp.status === 'validating') {
    show(head, h('section', { class: 'card' }, h('h2', {}, 'Checking your file…'), progressBar('Checking progress', imp.progress.percent), h('p', { class: 'muted' }, `${fmt(imp.progress.processedRows)} rows checked`)));
    return;
  }
  if (imp.status === 'importing') {
    const { processedRows, totalRows } = imp.progress;
    show(head, h('section', { class: 'card' },
      h('h2', {}, 'Importing your users…'),
      progressBar('Import progress', imp.progress.percent),
      h('p', {}, `${fmt(processedRows)}${totalRows ? ` of ${fmt(totalRows)}` : ''} rows`),
      h('p', { class: 'muted' }, timeLeft(imp)),
      h('p', { class: 'muted' }, 'You can leave this page; the import carries on and you can come back to it from Import history.'),
    ));
    return;
  }
  if (imp.status === 'validated' || (imp.status === 'failed' && imp.error?.code === 'VALIDATION_FAILED')) {
    show(head, await checkStep(imp, status));
    return;
  }
  show(head, await resultStep(imp));
}

async function checkStep(imp: ImportView, status: HTMLElement): Promise<HTMLElement> {
  const { rows, valid, invalid } = imp.counts;
  const card = h('section', { class: 'card' },
    h('h2', {}, 'Check'),
    h('p', { class: 'lead' }, `We found ${fmt(rows)} ${rows === 1 ? 'row' : 'rows'}. ${fmt(valid)} ${valid === 1 ? 'is' : 'are'} ready to import.`),
    warningList(imp),
    errorSummary(imp),
  );
  if (invalid > 0) {
    const table = await badRowsTable(imp.id);
    if (table) card.append(table);
  }
  const actions = h('div', { class: 'actions' });
  if (invalid > 0) actions.append(errorLogButton(imp), tryAgain());
  if (imp.status === 'validated') {
    const start = h('button', { type: 'button', class: 'primary' }, invalid ? `Import ${fmt(valid)} valid ${valid === 1 ? 'row' : 'rows'}` : 'Import');
    start.addEventListener('click', () => {
      start.disabled = true;
      api('POST', `/api/v1/imports/${imp.id}/start`).then(() => importView(imp.id), (e) => {
        start.disabled = false;
        status.replaceChildren(errorBox(e));
      });
    });
    actions.append(start, discardButton(imp.id, imp.fileName, () => importView(imp.id)));
  } else {
    card.append(h('p', {}, imp.error!.message));
    if (valid > 0 && chosenFile) {
      const partial = h('button', { type: 'button', class: 'primary' }, `Check again, importing only the ${fmt(valid)} valid ${valid === 1 ? 'row' : 'rows'}`);
      partial.addEventListener('click', () => {
        partial.disabled = true;
        uploadAndCheck(chosenFile!, { mode: 'partial', existing: imp.existing, autoStart: 'false' }, status).catch((e) => status.replaceChildren(errorBox(e)));
      });
      actions.append(partial);
    }
  }
  card.append(actions, status);
  return card;
}

async function resultStep(imp: ImportView): Promise<HTMLElement> {
  const { created, updated, skipped, failed } = imp.counts;
  const counts = h('p', { class: 'muted' }, `${fmt(created)} created · ${fmt(updated)} updated · ${fmt(skipped)} skipped`);
  if (imp.status === 'completed') {
    const added = created + updated;
    return h('section', { class: 'card success', role: 'status' },
      h('h2', {}, `Congratulations, ${fmt(added)} ${added === 1 ? 'user has' : 'users have'} been added`),
      counts,
      warningList(imp),
      h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/users' }, 'View users')),
    );
  }
  if (imp.status === 'completed_with_errors') {
    return h('section', { class: 'card partial', role: 'status' },
      h('h2', {}, `${fmt(failed)} ${failed === 1 ? 'user' : 'users'} failed to import`),
      counts,
      errorSummary(imp),
      h('div', { class: 'actions' }, errorLogButton(imp), tryAgain(), h('a', { class: 'button secondary', href: '#/users' }, 'View users')),
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
