import { expect } from 'chai';
import { Types } from 'mongoose';
import { startApi, type ApiHarness } from '../helpers/api-harness.js';
import { createAccount } from '../helpers/fixture-account.js';
import { HEADER, csv, type ApiClient, type ImportBody } from '../helpers/import-client.js';
import { startFerretDb, startPostgres, startRedis, startS3Gateway, type ServiceProcess } from '../helpers/spawn-service.js';
import { testConfig } from '../helpers/test-env.js';
import { WorkerProcess, workerEnv } from '../helpers/worker-process.js';

/** `n` people, every `badEvery`th with a bad email (so the error log has rows to check). */
export function peopleCsv(n: number, tag: string, badEvery = 50): string {
  const rows = Array.from({ length: n }, (_, i) => [`P${i}`, 'Fault', i % badEvery === badEvery - 1 ? `bad${i}` : `${tag}${i}@example.com`, '', 'User', '', 'False', 'False', 'False']);
  return csv([HEADER, ...rows]);
}

/**
 * Dedicated Redis and FerretDB on spare ports (so faults never touch the shared services), the
 * API in this process, and workers as child processes that tests start and kill.
 */
export function useFaultStack(overrides: Record<string, string> = {}, options: { dedicatedS3?: boolean; dedicatedPostgres?: boolean } = {}) {
  const stack = {} as {
    s3?: ServiceProcess & { endpoint: string };
    postgres?: ServiceProcess & { url: string };
    redis: ServiceProcess & { url: string };
    ferret: Awaited<ReturnType<typeof startFerretDb>>;
    api: ApiHarness;
    config: ReturnType<typeof testConfig>;
    owner: ApiClient;
    accountId: string;
    support: ApiClient;
    workers: WorkerProcess[];
    startWorker(extra?: Record<string, string>): WorkerProcess;
  };
  before(async function () {
    this.timeout(60_000);
    stack.redis = await startRedis();
    if (options.dedicatedPostgres) stack.postgres = await startPostgres();
    stack.ferret = await startFerretDb(stack.postgres?.url);
    if (options.dedicatedS3) stack.s3 = await startS3Gateway('fault-key', 'fault-secret');
    const s3: Record<string, string> = stack.s3 ? { S3_ENDPOINT: stack.s3.endpoint, S3_ACCESS_KEY_ID: 'fault-key', S3_SECRET_ACCESS_KEY: 'fault-secret' } : {};
    stack.config = testConfig({
      ...s3,
      REDIS_URL: stack.redis.url,
      MONGO_URL: stack.ferret.url,
      FERRETDB_POSTGRESQL_URL: stack.ferret.postgresUrl,
      IMPORT_BATCH_SIZE: '500',
      WORKER_LOCK_MS: '3000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      RECOVERY_INTERVAL_MS: '1000',
      RECOVERY_STALE_MS: '5000',
      // These tests act at exact moments of an import (kill at half way): they read it uncached.
      STATUS_CACHE_MS: '0',
      ...overrides,
    });
    stack.api = await startApi(stack.config);
    const account = await createAccount(stack.api);
    stack.owner = account.owner;
    stack.accountId = account.accountId;
    stack.support = account.support;
    stack.workers = [];
    stack.startWorker = (extra = {}) => {
      const worker = new WorkerProcess(workerEnv(stack.config, extra));
      stack.workers.push(worker);
      return worker;
    };
  });
  afterEach(async () => {
    for (const w of stack.workers) if (w.running) await w.kill('SIGKILL');
    stack.workers = [];
  });
  after(async () => {
    // Each one stopped whatever happens to the others (the root hook is the last resort).
    await Promise.allSettled([stack.api?.close()]);
    await Promise.allSettled([stack.ferret?.remove()]);
    await Promise.allSettled([stack.postgres?.stop('SIGINT'), stack.redis?.stop(), stack.s3?.stop()]);
  });
  return stack;
}

/** Polls until `done(imp)` holds. */
export async function waitUntil(client: ApiClient, id: string, done: (imp: ImportBody & { attempts?: { outcome: string; phase: string }[] }) => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.request('GET', `/api/v1/imports/${id}`);
    // 503 + Retry-After: the API's database connection is still coming back after an outage.
    if (res.status === 503) {
      await res.arrayBuffer();
      if (Date.now() > deadline) throw new Error('gave up waiting: the API kept answering 503');
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    const text = await res.text();
    expect(res.status, `GET /api/v1/imports/${id}: ${text}`).to.equal(200);
    const imp = JSON.parse(text) as ImportBody & { attempts?: { outcome: string; phase: string }[] };
    if (done(imp)) return imp;
    if (Date.now() > deadline) throw new Error(`gave up waiting: import is ${imp.status}, ${imp.progress.processedRows} rows`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits for the import to end and checks it is exact: the right counts, every valid row's user
 * once (not distinct(): FerretDB's is quadratic), and each bad row once in the error log.
 */
export async function expectExactImport(api: ApiHarness, client: ApiClient, id: string, rows: number, bad: number) {
  const done = await waitUntil(client, id, (i) => ['completed_with_errors', 'failed', 'completed'].includes(i.status), 180_000);
  expect(done.status, JSON.stringify(done.error)).to.equal('completed_with_errors');
  expect(done.counts).to.include({ rows, valid: rows - bad, invalid: bad, created: rows - bad, failed: bad });
  const users = await api.deps.models.User.collection.find({ createdByImportId: new Types.ObjectId(id) }, { projection: { emailLower: 1 } }).toArray();
  expect(users).to.have.length(rows - bad);
  expect(new Set(users.map((u) => u.emailLower)).size).to.equal(rows - bad);
  const log = (await client.errorLog(id)).split('\r\n').filter(Boolean);
  expect(log).to.have.length(bad + 1);
  expect(new Set(log).size).to.equal(log.length);
}

/** Waits until the API answers /readyz with 200 (its connections are back after an outage). */
export async function waitReady(api: ApiHarness, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await fetch(`${api.baseUrl}/readyz`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the API did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
}
