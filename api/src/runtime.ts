import type { Express } from 'express';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import {
  connectMongo,
  createImportQueue,
  createLogger,
  createModels,
  createProducerConnection,
  createS3Storage,
  syncIndexes,
  type Config,
} from '@muster/shared';
import { createApp } from './app.js';
import type { AppDeps } from './deps.js';
import { readinessChecks } from './health/readiness.js';

export interface ApiRuntime {
  app: Express;
  deps: AppDeps;
  mongo: Connection;
  redis: Redis;
  /** Closes the connections the runtime opened (the caller closes its HTTP server first). */
  close(): Promise<void>;
}

export interface ApiRuntimeOptions {
  /** The logger's name (tests name theirs). */
  name?: string;
  /** Emit MongoDB command events (tests that count queries listen to them). */
  monitorCommands?: boolean;
}

/** The API wired to its services: what `main()` and the test harness both start. */
export async function createApiRuntime(config: Config, options: ApiRuntimeOptions = {}): Promise<ApiRuntime> {
  const logger = createLogger(options.name ?? 'api', config.logLevel);
  const redis = createProducerConnection(config.redis.url);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const mongo = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize, monitorCommands: options.monitorCommands ?? false });
  const models = createModels(mongo);
  await syncIndexes(models, { ferretdbPostgresUrl: config.mongo.ferretdbPostgresUrl });
  const storage = createS3Storage(config.s3);
  const importQueue = createImportQueue(redis, config.redis.queuePrefix);
  importQueue.on('error', (error) => logger.warn({ err: error.message }, 'queue error'));
  const deps: AppDeps = { config, logger, models, storage, importQueue, readiness: readinessChecks(redis, mongo, storage) };
  return {
    app: createApp(deps),
    deps,
    mongo,
    redis,
    async close() {
      await importQueue.close().catch(() => undefined);
      redis.disconnect();
      await mongo.close().catch(() => undefined);
      storage.close();
    },
  };
}
