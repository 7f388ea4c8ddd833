import { isRunning } from '@muster/shared/imports/lifecycle';
import { fmt, h, show } from '../dom.ts';
import { badRowsTable } from '../views/bad-rows.ts';
import { errorBox, errorLogButton, errorSummary, progressBar, warningList } from '../views/parts.ts';
import { actionButtons, cancelPending } from './import-actions.ts';
import { getAccount, getImport, type SupportImportDetail } from './support-api.ts';
import { every, stopSupportTimers } from './timers.ts';
import { ACTION_WORDS, OUTCOME_WORDS, PHASE_WORDS, ROLE_WORDS, STATUS_WORDS, when } from './words.ts';


function countsTable(imp: SupportImportDetail): HTMLElement {
  const keys = ['rows', 'valid', 'invalid', 'created', 'updated', 'skipped', 'failed'] as const;
  const names = { rows: 'Rows', valid: 'Valid', invalid: 'With problems', created: 'Created', updated: 'Updated', skipped: 'Skipped', failed: 'Not imported' };
  return h('dl', { class: 'counts' }, ...keys.map((k) => h('div', {}, h('dt', {}, names[k]), h('dd', {}, fmt(imp.counts[k])))));
}

function attemptsTimeline(imp: SupportImportDetail): HTMLElement {
  if (!imp.attempts.length) return h('p', { class: 'muted' }, 'No worker has taken it up yet.');
  return h('ol', { class: 'timeline', 'aria-label': 'Attempts' }, ...imp.attempts.map((a) =>
    h('li', { class: `outcome-${a.outcome}` },
      h('strong', {}, when(a.at)),
      ` · ${a.worker} · ${PHASE_WORDS[a.phase] ?? a.phase} · run ${a.run}, attempt ${a.attempt} · `,
      h('span', { class: 'outcome' }, OUTCOME_WORDS[a.outcome] ?? a.outcome),
      a.endedAt ? h('span', { class: 'muted' }, ` (ended ${when(a.endedAt)})`) : null,
      a.error ? h('div', { class: 'why' }, a.error) : null,
    )));
}

function auditTrail(imp: SupportImportDetail): HTMLElement {
  return h('ol', { class: 'timeline', 'aria-label': 'Audit trail' }, ...imp.audit.map((a) =>
    h('li', {}, h('strong', {}, ACTION_WORDS[a.action] ?? a.action), ` by ${a.actorName ? `${a.actorName}, ${a.actor}` : a.actor} (${ROLE_WORDS[a.role] ?? a.role}) · ${when(a.at)}`)));
}

function whatHappened(imp: SupportImportDetail): HTMLElement {
  const status = STATUS_WORDS[imp.status] ?? imp.status;
  const card = h('section', { class: `card ${imp.status === 'failed' ? 'failed' : imp.status === 'completed_with_errors' ? 'partial' : imp.status === 'completed' ? 'success' : ''}` },
    h('h2', {}, cancelPending(imp) ? `${status} — cancelling at the next batch` : status),
  );
  if (isRunning(imp.status)) card.append(progressBar('Progress', imp.progress.percent), h('p', { class: 'muted' }, `${fmt(imp.progress.processedRows)}${imp.progress.totalRows ? ` of ${fmt(imp.progress.totalRows)}` : ''} rows`));
  if (imp.error) card.append(h('p', { class: 'error-message' }, h('strong', {}, `${imp.error.code}: `), imp.error.message));
  if (imp.undo) card.append(h('p', {}, `Undone ${when(imp.undo.at)}: ${fmt(imp.undo.removed)} removed, ${fmt(imp.undo.restored)} restored, ${fmt(imp.undo.leftAlone.length)} left alone.`));
  card.append(countsTable(imp));
  return card;
}

async function render(id: string, afterAction: () => void): Promise<SupportImportDetail | null> {
  let imp: SupportImportDetail;
  try {
    imp = await getImport(id);
  } catch (error) {
    show(h('h1', {}, 'Import'), errorBox(error));
    return null;
  }
  if (location.hash !== `#/support/imports/${id}`) return null;
  const account = await getAccount(imp.accountId).catch(() => null);
  const problems = h('section', { class: 'card' }, h('h2', {}, 'Problems in the file'));
  // While it runs, the worker is rewriting the error log: show the problems once it has ended.
  const ended = !isRunning(imp.status);
  const summary = ended ? errorSummary(imp) : null;
  if (summary) problems.append(summary);
  const bad = ended && imp.errorLog.available ? await badRowsTable(imp.id, imp.counts.rows) : null;
  if (bad) problems.append(bad);
  if (ended && imp.errorLog.available) problems.append(h('div', { class: 'actions' }, errorLogButton(imp)));
  if (!ended) problems.append(h('p', { class: 'muted' }, 'Shown when this run has ended.'));
  else if (!summary && !bad) problems.append(h('p', { class: 'muted' }, imp.filesRemovedAt ? `Its files were removed on ${when(imp.filesRemovedAt)}.` : 'None found.'));
  show(
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', {}, imp.fileName),
        h('p', { class: 'muted' }, 'Account: ', account ? h('a', { href: `#/support/accounts/${imp.accountId}` }, account.name) : imp.accountId, ` · uploaded by ${imp.createdBy} · ${when(imp.createdAt)} · ${imp.mode === 'partial' ? 'valid rows only' : 'all or nothing'}, existing people: ${imp.existing}`),
      ),
      h('a', { href: '#/support' }, 'Back to all imports'),
    ),
    whatHappened(imp),
    actionButtons(imp, afterAction),
    warningList(imp),
    problems,
    h('section', { class: 'card' }, h('h2', {}, 'Attempts'), attemptsTimeline(imp)),
    h('section', { class: 'card' }, h('h2', {}, 'Audit trail'), auditTrail(imp)),
  );
  return imp;
}

/** One import as support sees it; refreshes while it runs and after an action. */
export async function supportImportPage(id: string) {
  const refresh = async (): Promise<boolean> => {
    const imp = await render(id, restart);
    return Boolean(imp && isRunning(imp.status));
  };
  const start = async () => {
    if (await refresh()) every(1000, refresh);
  };
  // After an action: one fresh refresh loop (the old one, if any, stops).
  const restart = () => {
    stopSupportTimers();
    void start();
  };
  await start();
}
