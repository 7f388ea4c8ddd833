import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import {
  enqueueImportJob,
  ImportJobName,
  IMPORT_JOB_ATTEMPTS,
  movableFrom,
  undoImport,
  type AccountDoc,
  type ImportDoc,
  type ImportErrorCode,
  type ImportJobData,
  type ImportJobProgress,
  type PassPhase,
  type StatusAfter,
  recordImportEnded,
  recordWorkerBusy,
  retryTransient,
} from '@muster/shared';
import type { WorkerDeps } from '../deps.js';
import { FileError } from '../imports/file-error.js';
import { createProgressReporter } from '../imports/progress.js';
import { runPass, type PassResult } from '../imports/run-pass.js';
import { takeAccountSlot } from './account-slot.js';
import { attemptEnd, endAttempt, failImport, settleAttempts, PROCESSING_ERROR_MESSAGE } from './import-status.js';

type ImportJob = Job<ImportJobData, void, ImportJobName>;

/**
 * The imports queue's processor: wiring, status and error classification only; the pipeline is
 * in ../imports. A bad file fails at once (not retried); anything else is retried with backoff
 * and, when it persists, ends as PROCESSING_ERROR, which says the file is not at fault.
 */
export async function processImportJob(deps: WorkerDeps, job: ImportJob, token?: string): Promise<void> {
  // A retried job may start while the database is still away: wait for it, as a pass would.
  const target = await retryTransient(() => deps.models.Import.findById(job.data.importId, { accountId: 1 }).lean(), deps.logger);
  if (!target) return;
  // One account's big import must not hold up another account's small one: wait for a slot.
  // The holder is the import, so a job that comes back after its worker died takes its slot again.
  const release = await takeAccountSlot(deps.redis, deps.config.redis.queuePrefix, String(target.accountId), job.data.importId, deps.config.limits.perAccountConcurrency);
  if (!release) {
    // Say so once, so the page shows "waiting" rather than a frozen 0%.
    await deps.models.Import.updateOne({ _id: job.data.importId, 'progress.waiting': { $ne: true } }, { $set: { 'progress.waiting': true } }).catch(() => undefined);
    await job.moveToDelayed(Date.now() + 1000, token);
    throw new DelayedError();
  }
  try {
    await runImportJob(deps, job, token);
  } finally {
    await release();
  }
}

async function runImportJob(deps: WorkerDeps, job: ImportJob, token?: string): Promise<void> {
  const { models } = deps;
  const phase: PassPhase = job.name === ImportJobName.Import ? 'importing' : 'validating';
  // Claim the import: only an import in the state this job expects is worked on, so a duplicate
  // or stale job (the import was cancelled, or already ended) does nothing.
  const from = movableFrom(phase === 'validating' ? 'claimValidation' : 'claimImport');
  const imp = (await models.Import.findOneAndUpdate(
    { _id: job.data.importId, status: { $in: from }, cancelRequested: { $ne: true } },
    {
      $set: { status: phase, 'progress.phase': phase, 'progress.waiting': false, ...(phase === 'importing' ? { startedAt: new Date() } : {}) },
      $push: {
        attempts: { at: new Date(), worker: deps.workerName, phase, run: 0, attempt: job.attemptsMade + 1, outcome: 'running' },
      },
    },
    { new: true },
  ).lean()) as ImportDoc | null;
  const logger = deps.logger.child({ importId: job.data.importId, jobId: job.id, phase, attempt: job.attemptsMade + 1 });
  if (!imp) {
    await cancelIfRequested(deps, job.data.importId);
    logger.info('import is not waiting for this job; nothing to do');
    return;
  }
  const attemptIndex = imp.attempts.length - 1;
  await settleAttempts(models, imp, attemptIndex);
  const account = (await models.Account.findById(imp.accountId).lean()) as AccountDoc | null;
  if (!account) throw new UnrecoverableError(`account ${imp.accountId} of import ${imp._id} no longer exists`);
  const log = logger.child({ accountId: String(imp.accountId) });
  const started = Date.now();
  log.info('import pass started');

  const progress = createProgressReporter(async (p: ImportJobProgress) => {
    await models.Import.updateOne({ _id: imp._id }, { $set: { progress: p } });
    await job.updateProgress(p).catch(() => undefined);
  });
  let result: PassResult;
  // Worker time on this attempt, whatever its outcome (for /metrics).
  const recordBusy = () => recordWorkerBusy(models.ImportTotals, (Date.now() - started) / 1000).catch(() => undefined);
  try {
    result = await runPass({ ...deps, batchSize: deps.config.limits.batchSize, logger: log }, imp, account, {
      write: phase === 'importing',
      progress,
      shouldStop: async () => {
        if (deps.shutdown.aborted) return 'shutdown';
        const cancelled = await retryTransient(() => models.Import.exists({ _id: imp._id, cancelRequested: true }), log);
        return cancelled ? 'cancel' : undefined;
      },
    });
    await progress.stop();
    await recordBusy();
  } catch (error) {
    await progress.stop();
    await recordBusy();
    if (error instanceof FileError) {
      log.info({ code: error.code, reason: error.message }, 'import failed: file problem');
      await failImport(models, imp._id, error.code, error.message);
      await endAttempt(models, imp._id, attemptIndex, 'file_error', error.message);
      throw new UnrecoverableError(error.message);
    }
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? IMPORT_JOB_ATTEMPTS);
    log.error({ err: error, willRetry: !last }, 'import pass failed');
    if (last) await failImport(models, imp._id, 'PROCESSING_ERROR', PROCESSING_ERROR_MESSAGE);
    await endAttempt(models, imp._id, attemptIndex, last ? 'gave_up' : 'error', (error as Error).message).catch(() => undefined);
    throw error;
  }

  if (result.stopped === 'shutdown') {
    // Hand the job back without using up an attempt; the next worker redoes this pass, and
    // recognises every user this one wrote.
    log.info('worker shutting down: import handed back to the queue');
    await endAttempt(models, imp._id, attemptIndex, 'handed_back');
    await job.moveToDelayed(Date.now() + 1000, token);
    throw new DelayedError();
  }
  await retryTransient(() => finishPass(deps, imp, result, phase, attemptIndex), log);
  log.info({ ms: Date.now() - started, counts: result.counts }, 'import pass finished');
}

/**
 * Takes back what an all-or-nothing import pass wrote when rows turned out invalid at import time
 * (the account changed after the check). Users someone else changed since the pass are left as
 * they are (undoImport never overwrites a newer change), so "nothing" holds for this import's own
 * writes only. A pass that ends for any other reason (cancelled, our own error) keeps what it
 * wrote: a retry recognises those users, and an undo takes them back.
 * Safe to repeat (finishPass is retried while the database is away). The revisions go afterwards:
 * a later retry of the import writes fresh ones, and a stale one would make an undo of that retry
 * think its users had been changed since.
 */
async function rollBackImport(models: WorkerDeps['models'], imp: ImportDoc) {
  await undoImport(models, imp);
  await models.UserRevision.collection.deleteMany({ importId: imp._id });
}

async function cancelIfRequested(deps: WorkerDeps, importId: string) {
  const finishedAt = new Date();
  const ended = await deps.models.Import.findOneAndUpdate(
    { _id: importId, cancelRequested: true, status: { $in: movableFrom('stopOnCancel') } },
    { $set: { status: 'cancelled' satisfies StatusAfter<'stopOnCancel'>, finishedAt, 'progress.phase': 'done' } },
    { new: true },
  ).lean();
  if (ended) await recordImportEnded(deps.models.ImportTotals, { status: 'cancelled', counts: ended.counts, createdAt: ended.createdAt, finishedAt });
}

/** The fields a finished pass sets on its import, status included: typed by the lifecycle. */
type PassResultFields = Pick<ImportDoc, 'counts' | 'errorSummary' | 'warnings' | 'errorLog' | 'progress'>;
type PassEnd = PassResultFields &
  (
    | { status: Exclude<StatusAfter<'finishValidation' | 'finishImport'>, 'validated' | 'importing'>; error: { code: ImportErrorCode; message: string } | null; finishedAt: Date }
    | { status: Extract<StatusAfter<'finishValidation'>, 'validated' | 'importing'> }
  );

/**
 * Records a pass's outcome and moves the import on, closing the attempt in the same write: whoever
 * sees the import end also sees how the attempt ended.
 */
async function finishPass(deps: WorkerDeps, imp: ImportDoc, result: PassResult, phase: PassPhase, attemptIndex: number) {
  const update = await passEnd(deps, imp, result, phase);
  const attempt = attemptEnd(attemptIndex, result.stopped === 'cancel' ? 'cancelled' : 'succeeded');
  const { matchedCount } = await deps.models.Import.updateOne({ _id: imp._id, status: phase }, { $set: { ...update, ...attempt } });
  // The import moved on without us (for example support ended it): still close our attempt.
  if (matchedCount === 0) await deps.models.Import.updateOne({ _id: imp._id }, { $set: attempt });
  else if ('finishedAt' in update) {
    await recordImportEnded(deps.models.ImportTotals, { status: update.status, counts: update.counts, createdAt: imp.createdAt, finishedAt: update.finishedAt });
  }
  if (update.status === 'importing') await enqueueImportJob(deps.importQueue, String(imp._id), ImportJobName.Import, imp.run);
}

/** Where a finished pass leaves the import (rolling back an all-or-nothing import that found bad rows). */
async function passEnd(deps: WorkerDeps, imp: ImportDoc, result: PassResult, phase: PassPhase): Promise<PassEnd> {
  const { counts } = result;
  const base: PassResultFields = {
    counts,
    errorSummary: result.errorSummary,
    warnings: result.warnings,
    errorLog: result.errorLog,
    progress: { phase: 'done', processedRows: counts.rows, totalRows: counts.rows, percent: 100 },
  };
  const end = (status: Extract<PassEnd, { finishedAt: Date }>['status'], error: { code: ImportErrorCode; message: string } | null = null): PassEnd => ({
    ...base,
    status,
    error,
    finishedAt: new Date(),
  });
  if (result.stopped === 'cancel') return { ...end('cancelled'), errorLog: { key: null, rows: 0, contains: null } };
  if (counts.invalid > 0 && (imp.mode === 'all-or-nothing' || counts.valid === 0)) {
    if (phase === 'importing') {
      await rollBackImport(deps.models, imp);
      counts.created = 0;
      counts.updated = 0;
    }
    const message =
      counts.valid === 0
        ? `None of the ${counts.rows} rows can be imported. Download the error log, fix the rows and upload it again.`
        : `${counts.invalid} of ${counts.rows} rows have problems, so nothing was imported. Download the error log (it lists every row of the file), fix the rows that have an error and upload it again, or choose to import only the valid rows.`;
    return end('failed', { code: 'VALIDATION_FAILED', message });
  }
  if (phase === 'validating') {
    return imp.autoStart
      ? { ...base, status: 'importing', progress: { phase: 'importing', processedRows: 0, totalRows: counts.rows, percent: 0 } }
      : { ...base, status: 'validated' };
  }
  return end(counts.failed > 0 ? 'completed_with_errors' : 'completed');
}
