import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '@muster/shared';

/** A short random id that keeps one test's data apart from every other run's. */
export const uniqueId = (label = 't') => `${label}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/**
 * A config for one test: the real local services, with a database, key prefix and queue prefix
 * of its own, so the suite can run twice at once on the same services.
 */
export function testConfig(overrides: Record<string, string> = {}): Config & { dbName: string } {
  const id = uniqueId();
  const mongoBase = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/muster';
  const mongoUrl = new URL(mongoBase);
  mongoUrl.pathname = `/muster_test_${id}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    MONGO_URL: mongoUrl.toString(),
    S3_KEY_PREFIX: `test/${id}`,
    QUEUE_PREFIX: `test-${id}`,
    METRICS_TOKEN: randomBytes(32).toString('hex'),
    ...overrides,
  });
  return { ...config, dbName: `muster_test_${id}` };
}
