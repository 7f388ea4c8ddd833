import type { Server } from 'node:http';
import {
  connectMongo,
  createImportQueue,
  createLogger,
  createModels,
  createProducerConnection,
  createS3Storage,
  loadConfig,
  syncIndexes,
} from '@muster/shared';
import { createApp } from './app.js';
import { readinessChecks } from './health/readiness.js';

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger('api', config.logLevel);
  const redis = createProducerConnection(config.redis.url);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const mongo = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize });
  const models = createModels(mongo);
  await syncIndexes(models, { ferretdbPostgresUrl: config.mongo.ferretdbPostgresUrl });
  const storage = createS3Storage(config.s3);
  const importQueue = createImportQueue(redis, config.redis.queuePrefix);
  importQueue.on('error', (error) => logger.warn({ err: error.message }, 'queue error'));

  const app = createApp({
    config,
    logger,
    models,
    storage,
    importQueue,
    readiness: readinessChecks(redis, mongo, storage),
  });
  const server: Server = app.listen(config.port, () => logger.info({ port: config.port }, 'api listening'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await importQueue.close().catch(() => undefined);
    redis.disconnect();
    await mongo.close().catch(() => undefined);
    storage.close();
    clearTimeout(force);
    logger.info('api stopped');
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `api failed to start: ${error.message}` : error);
  process.exit(1);
});
