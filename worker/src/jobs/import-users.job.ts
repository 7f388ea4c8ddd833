import type { Job } from 'bullmq';
import type { ImportJobData, ImportJobName } from '@muster/shared';
import type { WorkerDeps } from '../deps.js';

/** Placeholder until the pipeline lands: logs the job. */
export async function processImportJob(deps: WorkerDeps, job: Job<ImportJobData, void, ImportJobName>, _signal?: AbortSignal) {
  deps.logger.info({ jobId: job.id, importId: job.data.importId }, 'import job received');
}
