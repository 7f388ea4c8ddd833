import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { Config } from '@muster/shared';
import type { AppDeps } from '../../api/src/deps.js';
import { createApiRuntime } from '../../api/src/runtime.js';

export interface ApiHarness {
  baseUrl: string;
  deps: AppDeps;
  mongo: Connection;
  redis: Redis;
  close(): Promise<void>;
}

/** The real API (the production wiring), on the test's own config, on a free port. */
export async function startApi(config: Config): Promise<ApiHarness> {
  const runtime = await createApiRuntime(config, { name: 'api-test', monitorCommands: true });
  const { deps, mongo, redis } = runtime;
  await deps.storage.ensureBucket();
  const server: Server = runtime.app.listen(0, '127.0.0.1');
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
      await deps.importQueue.obliterate({ force: true }).catch(() => undefined);
      for (const key of await deps.storage.list('').catch(() => [] as string[])) await deps.storage.delete(key).catch(() => undefined);
      await mongo.dropDatabase().catch(() => undefined);
      await runtime.close();
    },
  };
}
