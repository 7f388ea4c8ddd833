import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { IMPORTS_QUEUE, type ImportJobData, type ImportJobName } from '@muster/shared';
import type { WorkerDeps } from '../deps.js';
import { processImportJob } from './import-users.job.js';

/** Starts consuming the imports queue. */
export function startImportWorker(deps: WorkerDeps, connection: Redis): Worker<ImportJobData, void, ImportJobName> {
  const worker = new Worker<ImportJobData, void, ImportJobName>(
    IMPORTS_QUEUE,
    (job, token, signal) => processImportJob(deps, job, signal),
    {
      connection,
      prefix: deps.config.redis.queuePrefix,
      concurrency: deps.config.limits.workerConcurrency,
      // A killed worker's job is picked up again after the lock expires; stalling twice ends it.
      lockDuration: 30_000,
      maxStalledCount: 1,
    },
  );
  worker.on('error', (error) => deps.logger.warn({ err: error.message }, 'worker error'));
  return worker;
}
