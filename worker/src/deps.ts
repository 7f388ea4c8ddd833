import type { Redis } from 'ioredis';
import type { Config, ImportQueue, Logger, Models, Storage } from '@muster/shared';

/** What the import jobs need, built by main() (or a test) and passed in. */
export interface WorkerDeps {
  config: Config;
  logger: Logger;
  models: Models;
  storage: Storage;
  /** For the import phase that follows a successful check when the import auto-starts. */
  importQueue: ImportQueue;
  /** For per-account slots (fairness between accounts). */
  redis: Redis;
  /** Identifies this process in logs and in an import's attempts. */
  workerName: string;
  /** Aborted on SIGTERM: running imports stop at the next batch boundary. */
  shutdown: AbortSignal;
}
