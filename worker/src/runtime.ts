import { hostname } from 'node:os';
import type { Connection } from 'mongoose';
import {
  connectMongo,
  createImportQueue,
  createLogger,
  createModels,
  createS3Storage,
  createWorkerConnection,
  syncIndexes,
  type Config,
} from '@muster/shared';
import type { WorkerDeps } from './deps.js';
import { backfillListPages } from './jobs/backfill-list-pages.js';
import { startImportWorker } from './jobs/import-worker.js';
import { startMaintenance } from './jobs/purge-files.job.js';
import { scheduleRecovery } from './jobs/recover-imports.js';

export interface WorkerRuntimeOptions {
  /** The logger's name (tests name theirs). */
  name?: string;
  /** Identifies this process in logs and in an import's attempts. */
  workerName?: string;
}

export type WorkerRuntime = Awaited<ReturnType<typeof createWorkerRuntime>>;

/**
 * The worker wired to its services and running: the imports queue's worker, the hourly file
 * purge and recovery of stuck imports. What `main()` and the test harness both start.
 */
export async function createWorkerRuntime(config: Config, options: WorkerRuntimeOptions = {}) {
  const logger = createLogger(options.name ?? 'worker', config.logLevel);
  const mongo: Connection = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize });
  const models = createModels(mongo);
  await syncIndexes(models, { ferretdbPostgresUrl: config.mongo.ferretdbPostgresUrl });
  const storage = createS3Storage(config.s3);
  const connection = createWorkerConnection(config.redis.url);
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const importQueue = createImportQueue(connection, config.redis.queuePrefix);
  const shutdown = new AbortController();
  const deps: WorkerDeps = {
    config,
    logger,
    models,
    storage,
    importQueue,
    redis: connection,
    workerName: options.workerName ?? `${hostname()}:${process.pid}`,
    shutdown: shutdown.signal,
  };
  const worker = startImportWorker(deps, connection);
  const maintenance = await startMaintenance(connection, config.redis.queuePrefix, models, storage, config.limits.retentionDays, logger, config.limits.discardCheckedAfterDays);
  // In the background: imports run meanwhile, and the users list waits for nobody.
  const backfill = backfillListPages(models, logger, shutdown.signal).catch((error: unknown) =>
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'list pages: backfill stopped; the next start goes on'),
  );
  const stopRecovery = scheduleRecovery(models, importQueue, logger, config.limits.recoveryIntervalMs, config.limits.recoveryStaleMs);
  return {
    deps,
    maintenance,
    /**
     * Running imports see the abort at their next batch boundary and hand their job back; then
     * everything the runtime opened is closed.
     */
    async close() {
      shutdown.abort();
      stopRecovery();
      await worker.close();
      await backfill;
      await importQueue.close();
      await maintenance.close();
      connection.disconnect();
      await mongo.close().catch(() => undefined);
      storage.close();
    },
  };
}
