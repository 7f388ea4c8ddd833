import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Config } from '@muster/shared';
import { trackProcess } from './process-registry.js';

const ROOT = join(import.meta.dirname, '../..');

/** The environment that points a child worker at the test's own services and prefixes. */
export function workerEnv(config: Config & { dbName?: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'warn',
    MONGO_URL: config.mongo.url,
    FERRETDB_POSTGRESQL_URL: config.mongo.ferretdbPostgresUrl ?? 'none',
    REDIS_URL: config.redis.url,
    QUEUE_PREFIX: config.redis.queuePrefix,
    S3_ENDPOINT: config.s3.endpoint ?? '',
    S3_KEY_PREFIX: config.s3.keyPrefix,
    S3_BUCKET: config.s3.bucket,
    S3_ACCESS_KEY_ID: config.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.s3.secretAccessKey,
    IMPORT_BATCH_SIZE: String(config.limits.batchSize),
    WORKER_LOCK_MS: String(config.limits.workerLockMs),
    WORKER_STALLED_INTERVAL_MS: String(config.limits.stalledIntervalMs),
    RECOVERY_INTERVAL_MS: String(config.limits.recoveryIntervalMs),
    RECOVERY_STALE_MS: String(config.limits.recoveryStaleMs),
    ...extra,
  };
}

/** The real worker as a separate process, so faults (kill -9, SIGTERM) are real. */
export class WorkerProcess {
  private child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output = '';

  constructor(env: Record<string, string>) {
    this.child = trackProcess(
      spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'worker/src/index.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  kill(signal: NodeJS.Signals) {
    this.child.kill(signal);
    return this.exited;
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}
