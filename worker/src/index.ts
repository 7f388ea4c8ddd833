import { hostname } from 'node:os';
import {
  connectMongo,
  createLogger,
  createModels,
  createS3Storage,
  createImportQueue,
  createWorkerConnection,
  loadConfig,
  syncIndexes,
} from '@muster/shared';
import { startImportWorker } from './jobs/import-worker.js';
import { startMaintenance } from './jobs/purge-files.job.js';
import { scheduleRecovery } from './jobs/recover-imports.js';

const SHUTDOWN_GRACE_MS = Number(process.env.WORKER_SHUTDOWN_GRACE_MS ?? 25_000);

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger('worker', config.logLevel);
  const mongo = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize });
  const models = createModels(mongo);
  await syncIndexes(models, { ferretdbPostgresUrl: config.mongo.ferretdbPostgresUrl });
  const storage = createS3Storage(config.s3);
  const connection = createWorkerConnection(config.redis.url);
  connection.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const workerName = `${hostname()}:${process.pid}`;
  const importQueue = createImportQueue(connection, config.redis.queuePrefix);
  const shutdownController = new AbortController();
  const worker = startImportWorker(
    { config, logger, models, storage, importQueue, redis: connection, workerName, shutdown: shutdownController.signal },
    connection,
  );
  const maintenance = await startMaintenance(connection, config.redis.queuePrefix, models, storage, config.limits.retentionDays, logger, config.limits.discardCheckedAfterDays);
  const stopRecovery = scheduleRecovery(models, importQueue, logger, config.limits.recoveryIntervalMs, config.limits.recoveryStaleMs);
  logger.info({ workerName, concurrency: config.limits.workerConcurrency }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down: finishing the current batch');
    // Running imports see this at their next batch boundary and hand their job back.
    shutdownController.abort();
    stopRecovery();
    const force = setTimeout(() => {
      logger.error('worker did not stop within its grace period');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await worker.close();
    await importQueue.close();
    await maintenance.close();
    connection.disconnect();
    await mongo.close().catch(() => undefined);
    storage.close();
    clearTimeout(force);
    logger.info('worker stopped');
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `worker failed to start: ${error.message}` : error);
  process.exit(1);
});
