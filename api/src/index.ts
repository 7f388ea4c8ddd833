import type { Server } from 'node:http';
import { loadConfig } from '@muster/shared';
import { createApiRuntime } from './runtime.js';

async function main() {
  const config = loadConfig(process.env);
  const runtime = await createApiRuntime(config);
  const { logger } = runtime.deps;
  const server: Server = runtime.app.listen(config.port, () => logger.info({ port: config.port }, 'api listening'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    server.closeIdleConnections();
    await runtime.close();
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
