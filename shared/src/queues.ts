/**
 * The queue contract: the one place where queue names, job names and their payloads are declared.
 * Both the API (producer) and the worker (consumer) import it. Names are stored in Redis: never
 * rename them.
 */
export const IMPORTS_QUEUE = 'imports';

export const ImportJobName = {
  /** Check every row against the account's live state and write the error log; no users written. */
  Validate: 'validate',
  /** Write the valid rows' users (validating again on the way) and write the final error log. */
  Import: 'import',
} as const;
export type ImportJobName = (typeof ImportJobName)[keyof typeof ImportJobName];

/** References only: the worker reloads everything else from the import document. */
export interface ImportJobData {
  importId: string;
}

/** What `job.updateProgress()` carries; the import document holds the same figures. */
export interface ImportJobProgress {
  phase: 'validating' | 'importing';
  processedRows: number;
  totalRows: number | null;
  percent: number;
}

/**
 * A deterministic job id: enqueueing the same run of the same import twice is harmless.
 * `run` grows each time an import is (re)started, so a retry gets a fresh job.
 */
export function importJobId(importId: string, name: ImportJobName, run: number): string {
  return `${importId}-${name}-${run}`;
}

/** Attempts for infrastructure faults; file faults are never retried. */
export const IMPORT_JOB_ATTEMPTS = 3;
export const IMPORT_JOB_BACKOFF_MS = 2000;

/** Housekeeping jobs (one scheduled job per kind, run by any worker). */
export const MAINTENANCE_QUEUE = 'maintenance';
export const MaintenanceJobName = {
  /** Deletes stored CSVs and error logs older than RETENTION_DAYS. */
  PurgeFiles: 'purge-files',
} as const;
