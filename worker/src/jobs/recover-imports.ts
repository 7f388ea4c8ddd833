import {
  enqueueImportJob,
  findStuckImports,
  importJobId,
  ImportJobName,
  canMove,
  type ImportQueue,
  type Logger,
  type Models,
} from '@muster/shared';
import { failImport, PROCESSING_ERROR_MESSAGE } from './import-status.js';

/**
 * Puts back the jobs of imports that should be running but whose job is gone from Redis (for
 * example after Redis lost its data), and ends imports whose job BullMQ has given up on. Which
 * imports count as stuck is decided by `findStuckImports` (the support console shows the same).
 * Safe to run from every worker at once: job ids are deterministic, so a second enqueue is a no-op.
 */
export async function recoverStuckImports(models: Models, queue: ImportQueue, logger: Logger, staleMs: number): Promise<number> {
  const stuck = await findStuckImports(models, staleMs);
  let recovered = 0;
  for (const imp of stuck) {
    // The job that claims the import in its present status.
    const name = canMove('claimImport', imp.status) ? ImportJobName.Import : ImportJobName.Validate;
    const id = String(imp._id);
    const job = await queue.getJob(importJobId(id, name, imp.run));
    if (job && (await job.getState()) === 'failed') {
      // BullMQ gave up on it (for example its workers died twice): the import has to say so.
      await failImport(models, imp._id, 'PROCESSING_ERROR', PROCESSING_ERROR_MESSAGE);
      logger.warn({ importId: id, reason: job.failedReason }, 'import job failed outside a worker: import marked failed');
      continue;
    }
    if (job) continue;
    await enqueueImportJob(queue, id, name, imp.run);
    recovered++;
    logger.warn({ importId: id, status: imp.status, run: imp.run }, 'import had no job in the queue: re-enqueued');
  }
  return recovered;
}

/** Runs the recovery now and then every `intervalMs`, until the returned function is called. */
export function scheduleRecovery(models: Models, queue: ImportQueue, logger: Logger, intervalMs: number, staleMs: number): () => void {
  const run = () =>
    recoverStuckImports(models, queue, logger, staleMs).catch((error: Error) => logger.warn({ err: error.message }, 'import recovery failed; will try again'));
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
