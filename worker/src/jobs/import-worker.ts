import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { IMPORT_JOB_ATTEMPTS, IMPORTS_QUEUE, type ImportJobData, type ImportJobName } from '@muster/shared';
import type { WorkerDeps } from '../deps.js';
import { failImport, PROCESSING_ERROR_MESSAGE } from './import-status.js';
import { processImportJob } from './import-users.job.js';

/** Starts consuming the imports queue. */
export function startImportWorker(deps: WorkerDeps, connection: Redis): Worker<ImportJobData, void, ImportJobName> {
  const worker = new Worker<ImportJobData, void, ImportJobName>(
    IMPORTS_QUEUE,
    (job, token) => processImportJob(deps, job, token),
    {
      connection,
      prefix: deps.config.redis.queuePrefix,
      // Names the worker's Redis connection, so the support console can list workers by name.
      name: deps.workerName,
      concurrency: deps.config.limits.workerConcurrency,
      // A killed worker's job is picked up again once its lock expires; a job that stalls a
      // second time fails (and its import ends as PROCESSING_ERROR, below).
      lockDuration: deps.config.limits.workerLockMs,
      stalledInterval: deps.config.limits.stalledIntervalMs,
      maxStalledCount: 1,
    },
  );
  worker.on('error', (error) => deps.logger.warn({ err: error.message }, 'worker error'));
  worker.on('failed', (job, error) => {
    if (!job || error instanceof UnrecoverableError || error.name === 'UnrecoverableError') return;
    // The processor marks its own last attempt; this catches the rest. (Jobs failed for stalling
    // too often are not reported here: recover-imports.ts ends their imports.)
    const exhausted = job.attemptsMade >= (job.opts.attempts ?? IMPORT_JOB_ATTEMPTS) || /stalled/i.test(error.message);
    if (exhausted) {
      void failImport(deps.models, job.data.importId, 'PROCESSING_ERROR', PROCESSING_ERROR_MESSAGE).catch((e: Error) =>
        deps.logger.error({ err: e.message, importId: job.data.importId }, 'could not mark import failed'),
      );
    }
  });
  return worker;
}
