import { loadConfig } from '@muster/shared';
import { createWorkerRuntime } from './runtime.js';

const SHUTDOWN_GRACE_MS = Number(process.env.WORKER_SHUTDOWN_GRACE_MS ?? 25_000);

async function main() {
  const config = loadConfig(process.env);
  const runtime = await createWorkerRuntime(config);
  const { logger, workerName } = runtime.deps;
  logger.info({ workerName, concurrency: config.limits.workerConcurrency }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down: finishing the current batch');
    const force = setTimeout(() => {
      logger.error('worker did not stop within its grace period');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await runtime.close();
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
