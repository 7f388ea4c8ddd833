import { Queue, type ConnectionOptions } from 'bullmq';
import {
  IMPORT_JOB_ATTEMPTS,
  IMPORT_JOB_BACKOFF_MS,
  IMPORTS_QUEUE,
  importJobId,
  type ImportJobData,
  type ImportJobName,
} from './queues.js';

export type ImportQueue = Queue<ImportJobData, void, ImportJobName>;

export function createImportQueue(connection: ConnectionOptions, prefix: string): ImportQueue {
  return new Queue<ImportJobData, void, ImportJobName>(IMPORTS_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: IMPORT_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: IMPORT_JOB_BACKOFF_MS },
      // Finished jobs are only hints (the import document is the record): keep a day of them
      // for the dashboard. Failed ones stay a week so support can see what went wrong.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
}

/** Enqueues one run of one phase of an import; a second call for the same run is a no-op. */
export async function enqueueImportJob(queue: ImportQueue, importId: string, name: ImportJobName, run: number) {
  await queue.add(name, { importId }, { jobId: importJobId(importId, name, run) });
}
