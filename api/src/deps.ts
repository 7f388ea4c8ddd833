import type { Config, ImportQueue, Logger, Models, Storage } from '@muster/shared';
import type { ReadinessCheck } from './health/health.routes.js';

/** Everything the HTTP layer needs, built by main() (or by a test) and passed in. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  models: Models;
  storage: Storage;
  importQueue: ImportQueue;
  readiness: ReadinessCheck[];
}
