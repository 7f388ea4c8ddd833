import {
  connectMongo,
  createImportQueue,
  createLogger,
  createModels,
  createS3Storage,
  createWorkerConnection,
  type Config,
} from '@muster/shared';
import { startImportWorker } from '../../worker/src/jobs/import-worker.js';
import { startMaintenance } from '../../worker/src/jobs/purge-files.job.js';
import { scheduleRecovery } from '../../worker/src/jobs/recover-imports.js';

/** The real worker, in this process, on the test's own queue prefix and database. */
export async function startWorker(config: Config) {
  const mongo = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize });
  const connection = createWorkerConnection(config.redis.url);
  connection.on('error', () => undefined);
  const storage = createS3Storage(config.s3);
  const importQueue = createImportQueue(connection, config.redis.queuePrefix);
  const shutdown = new AbortController();
  const logger = createLogger('worker-test', config.logLevel);
  const models = createModels(mongo);
  const maintenance = await startMaintenance(connection, config.redis.queuePrefix, models, storage, config.limits.retentionDays, logger, config.limits.discardCheckedAfterDays);
  const stopRecovery = scheduleRecovery(models, importQueue, logger, config.limits.recoveryIntervalMs, config.limits.recoveryStaleMs);
  const worker = startImportWorker(
    {
      config,
      logger,
      models,
      storage,
      importQueue,
      redis: connection,
      workerName: 'test-worker',
      shutdown: shutdown.signal,
    },
    connection,
  );
  return {
    maintenance,
    async close() {
      shutdown.abort();
      stopRecovery();
      await worker.close();
      await importQueue.close();
      await maintenance.queue.obliterate({ force: true }).catch(() => undefined);
      await maintenance.close();
      connection.disconnect();
      storage.close();
      await mongo.close();
    },
  };
}
