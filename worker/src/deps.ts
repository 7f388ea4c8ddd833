import type { Config, Logger, Models, Storage } from '@muster/shared';

/** What the import jobs need, built by main() (or a test) and passed in. */
export interface WorkerDeps {
  config: Config;
  logger: Logger;
  models: Models;
  storage: Storage;
  /** Identifies this process in logs and in an import's attempts. */
  workerName: string;
}
