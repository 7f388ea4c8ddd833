import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
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
import { createApp } from '../../api/src/app.js';
import type { AppDeps } from '../../api/src/deps.js';
import { readinessChecks } from '../../api/src/health/readiness.js';

export interface ApiHarness {
  baseUrl: string;
  deps: AppDeps;
  mongo: Connection;
  redis: Redis;
  close(): Promise<void>;
}

/** The real API, wired to the real services with the test's own config, on a free port. */
export async function startApi(config: Config): Promise<ApiHarness> {
  const redis = createProducerConnection(config.redis.url);
  redis.on('error', () => undefined);
  const mongo = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize, monitorCommands: true });
  const models = createModels(mongo);
  await syncIndexes(models, { ferretdbPostgresUrl: config.mongo.ferretdbPostgresUrl });
  const storage = createS3Storage(config.s3);
  await storage.ensureBucket();
  const importQueue = createImportQueue(redis, config.redis.queuePrefix);
  importQueue.on('error', () => undefined);
  const deps: AppDeps = {
    config,
    logger: createLogger('api-test', config.logLevel),
    models,
    storage,
    importQueue,
    readiness: readinessChecks(redis, mongo, storage),
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    mongo,
    redis,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await importQueue.obliterate({ force: true }).catch(() => undefined);
      await importQueue.close().catch(() => undefined);
      for (const key of await storage.list('').catch(() => [] as string[])) await storage.delete(key).catch(() => undefined);
      storage.close();
      redis.disconnect();
      await mongo.dropDatabase().catch(() => undefined);
      await mongo.close().catch(() => undefined);
    },
  };
}
