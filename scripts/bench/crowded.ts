// The crowded-database scenario (issue 11): the same API and worker, on a database that already
// holds a million users of other accounts and one account of 300,000. A bench that starts on an
// empty database cannot see work that grows with the database instead of the request.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectMongo } from '@muster/shared';
import { BenchClient, createBenchAccount, type ImportState } from './client.js';
import { loadCrowd, type CrowdSizes } from './crowd-load.js';
import { latencyAtRate, settle, type PollingResult } from './polling.js';
import { median, medianOf } from './stats.js';
import { benchScope, startSystem, type RunningSystem } from './system.js';

export interface CrowdedOptions {
  crowd: CrowdSizes;
  runs: number;
  /** Seconds of steady load per latency measurement (20 in the issue). */
  seconds: number;
  /** The generated file of the large imports (100,000 rows in the issue) and its row count. */
  file: string;
  fileRows: number;
  /** An import that has not ended after this long counts as "did not end" (Infinity) and is cancelled. */
  importLimitSeconds: number;
  /** Where the small 10-row files are written. */
  workDir: string;
  /** Extra environment for the API and worker (the SQLite comparison turns the index mirroring off). */
  systemEnv?: Record<string, string>;
}

export interface CrowdedResult {
  crowd: CrowdSizes & { users: number; loadSeconds: number; rowsPerSecond: number };
  /** 10 rows, upload to finishedAt, seconds. */
  tenRowsSmallSeconds: number;
  tenRowsBigSeconds: number;
  smallList: PollingResult;
  smallEmail: PollingResult;
  bigEmail: PollingResult;
  /** One GET /api/v1/users?limit=50 of the big account, seconds. */
  bigListSeconds: number;
  /** A small account's ?email= lookups at the same rate while the big list runs. */
  smallDuringBigList: PollingResult;
  /** Status polling at 200 req/s during the re-import with existing=update. */
  polling: PollingResult;
  fileRows: number;
  /** File rows / (upload to finishedAt): into a fresh account, on an empty and on the crowded database. */
  emptyRowsPerSecond: number;
  crowdedRowsPerSecond: number;
  /** The same file again into the account that now holds it, existing=update. */
  updateRowsPerSecond: number;
}

const ENDED = new Set(['completed', 'completed_with_errors', 'failed', 'cancelled']);

/** A 10-row file of people no account has yet (the run number keeps every file's emails new). */
function tenRowFile(dir: string, label: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ten-${label}.csv`);
  const rows = Array.from({ length: 10 }, (_, i) => `Ten,Rows ${i},ten.${label}.${i}@example.com,07400 1234${String(i).padStart(2, '0')},User,bulk users,True,False,True`);
  writeFileSync(file, ['First Name,Last Name,Email Address,Phone Number,Role,Teams,Lone Working,Incidents,Audits', ...rows, ''].join('\n'));
  return file;
}

/**
 * Seconds from the start of the upload until the worker recorded the import's end (its own
 * finishedAt, so neither the poll interval nor the status cache adds to the figure).
 */
async function endToEnd(owner: BenchClient, file: string, limitSeconds: number, existing: 'skip' | 'update' = 'skip', during?: (id: string) => Promise<void>): Promise<number> {
  const startedAt = Date.now();
  const id = await owner.upload(file, existing);
  const watched = during?.(id);
  let state: ImportState;
  for (;;) {
    // On a struggling database a status read can take long: that is no answer yet, not the end.
    const answer = await owner.json<ImportState>('GET', `/api/v1/imports/${id}`, undefined, 30_000).catch(() => undefined);
    if (answer && ENDED.has(answer.status)) {
      state = answer;
      break;
    }
    if (Date.now() - startedAt > limitSeconds * 1000) {
      await owner.json('POST', `/api/v1/imports/${id}/cancel`).catch(() => undefined);
      await watched;
      return Infinity;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await watched;
  if (state.status !== 'completed' && state.status !== 'completed_with_errors') throw new Error(`import ${id} ended ${state.status}: ${state.error?.message ?? ''}`);
  // A file whose rows were all refused would time nothing worth timing.
  if (state.counts.invalid * 10 > state.counts.rows) throw new Error(`import ${id}: ${state.counts.invalid} of ${state.counts.rows} rows refused`);
  return (Date.parse(state.finishedAt!) - startedAt) / 1000;
}

/** The large file's rate into a fresh account of a fresh, empty database (own system), after a 10-row warm-up. */
async function emptyDatabaseRate(mongoBase: string, options: CrowdedOptions, run: number): Promise<number> {
  const scope = benchScope(mongoBase, `empty_${run}`);
  const system = await startSystem(scope, 1, options.systemEnv);
  try {
    const support = await BenchClient.as(system.baseUrl, { sub: 'bench-support', role: 'support' });
    const warmUp = await createBenchAccount(system.baseUrl, support, `empty-warm-up-${run}`);
    await endToEnd(warmUp, tenRowFile(options.workDir, `empty-warm-up-${run}`), options.importLimitSeconds);
    const owner = await createBenchAccount(system.baseUrl, support, `empty-${run}`);
    return options.fileRows / (await endToEnd(owner, options.file, options.importLimitSeconds));
  } finally {
    await system.stop();
    await dropDatabase(scope.mongoUrl);
  }
}

async function dropDatabase(mongoUrl: string) {
  const mongo = await connectMongo(mongoUrl);
  await mongo.dropDatabase().catch(() => undefined);
  await mongo.close();
}

/** One GET, timed, in seconds; Infinity when no answer came within `limitSeconds`. */
async function timedGet(client: BenchClient, path: string, limitSeconds: number): Promise<number> {
  const started = performance.now();
  const answered = await client.json('GET', path, undefined, limitSeconds * 1000).then(() => true, () => false);
  return answered ? (performance.now() - started) / 1000 : Infinity;
}

const medianLatency = (runs: PollingResult[]) => medianOf(runs as unknown as Record<string, number>[]) as unknown as PollingResult;

/** Loads the crowd into a database of its own, then measures (medians of `runs`). */
export async function measureCrowded(mongoBase: string, options: CrowdedOptions, log: (line: string) => void): Promise<CrowdedResult> {
  const { runs, seconds, importLimitSeconds: limit } = options;
  const empty: number[] = [];
  for (let run = 1; run <= runs; run++) {
    log(`crowded: ${options.fileRows.toLocaleString('en-GB')}-row import on an empty database, run ${run} of ${runs}`);
    empty.push(await emptyDatabaseRate(mongoBase, options, run));
    log(`  ${Math.round(empty.at(-1)!)} rows/s`);
  }
  const scope = benchScope(mongoBase, 'crowded');
  let system: RunningSystem | undefined;
  try {
    system = await startSystem(scope, 1, options.systemEnv);
    const support = await BenchClient.as(system.baseUrl, { sub: 'bench-support', role: 'support' });
    log(`crowded: loading ${options.crowd.accounts} accounts of ${options.crowd.perAccount.toLocaleString('en-GB')} users and one of ${options.crowd.big.toLocaleString('en-GB')}`);
    const crowd = await loadCrowd(system.baseUrl, scope.mongoUrl, options.crowd, log);
    log(`  loaded ${crowd.users.toLocaleString('en-GB')} users in ${crowd.loadSeconds.toFixed(1)} s (${Math.round(crowd.rowsPerSecond)} rows/s)`);
    const small = crowd.small[0]!.owner;
    const big = crowd.big.owner;
    const usersUrl = (query: string) => `${system!.baseUrl}/api/v1/users?${query}`;
    // Warm, as a server that has been up for a while is: one small import from another account.
    const warmUp = await createBenchAccount(system.baseUrl, support, 'crowded-warm-up');
    await endToEnd(warmUp, tenRowFile(options.workDir, 'crowded-warm-up'), limit);

    const tenSmall: number[] = [];
    const tenBig: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const into = crowd.small[(run - 1) % crowd.small.length]!.owner;
      tenSmall.push(await endToEnd(into, tenRowFile(options.workDir, `small-${run}`), limit));
      tenBig.push(await endToEnd(big, tenRowFile(options.workDir, `big-${run}`), limit));
      log(`crowded: 10-row import, run ${run}: small account ${tenSmall.at(-1)!.toFixed(2)} s, big account ${tenBig.at(-1)!.toFixed(2)} s`);
    }

    const smallEmailUrl = (run: number) => usersUrl(`email=${encodeURIComponent(crowd.small[0]!.emailOf((run * 997) % crowd.small[0]!.users))}`);
    const smallList: PollingResult[] = [];
    const smallEmail: PollingResult[] = [];
    const bigEmail: PollingResult[] = [];
    for (let run = 1; run <= runs; run++) {
      smallList.push(await latencyAtRate(usersUrl('limit=50'), small.token, 50, seconds));
      await settle(system.baseUrl);
      smallEmail.push(await latencyAtRate(smallEmailUrl(run), small.token, 50, seconds));
      await settle(system.baseUrl);
      bigEmail.push(await latencyAtRate(usersUrl(`email=${encodeURIComponent(crowd.big.emailOf((run * 7919) % crowd.big.users))}`), big.token, 50, seconds));
      await settle(system.baseUrl);
      log(`crowded: 50 req/s for ${seconds} s, run ${run}: small list p99 ${smallList.at(-1)!.p99Ms} ms, small ?email= p99 ${smallEmail.at(-1)!.p99Ms} ms, big ?email= p99 ${bigEmail.at(-1)!.p99Ms} ms`);
    }

    const bigList: number[] = [];
    const during: PollingResult[] = [];
    for (let run = 1; run <= runs; run++) {
      // Meanwhile: a small account's lookups by email, which cost next to nothing when nothing queues.
      const [listSeconds, others] = await Promise.all([timedGet(big, '/api/v1/users?limit=50', limit), latencyAtRate(smallEmailUrl(run), small.token, 50, seconds)]);
      await settle(system.baseUrl);
      bigList.push(listSeconds);
      during.push(others);
      log(`crowded: big account's first page ${listSeconds.toFixed(2)} s; meanwhile small ?email= p99 ${others.p99Ms} ms (${others.errors} errors)`);
    }

    const crowded: number[] = [];
    const update: number[] = [];
    const polling: PollingResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const owner = await createBenchAccount(system.baseUrl, support, `crowded-fresh-${run}`);
      crowded.push(options.fileRows / (await endToEnd(owner, options.file, limit)));
      const watch = async (id: string) => {
        await support.waitFor(id, (s) => s.status === 'validating' || s.status === 'importing', 50);
        polling.push(await latencyAtRate(`${system!.baseUrl}/api/v1/imports/${id}`, owner.token, 200, seconds));
      };
      update.push(options.fileRows / (await endToEnd(owner, options.file, limit, 'update', watch)));
      log(`crowded: ${options.fileRows.toLocaleString('en-GB')} rows into a fresh account ${Math.round(crowded.at(-1)!)} rows/s; again with existing=update ${Math.round(update.at(-1)!)} rows/s, polling p99 ${polling.at(-1)!.p99Ms} ms`);
    }

    return {
      crowd: { ...options.crowd, users: crowd.users, loadSeconds: crowd.loadSeconds, rowsPerSecond: crowd.rowsPerSecond },
      tenRowsSmallSeconds: median(tenSmall),
      tenRowsBigSeconds: median(tenBig),
      smallList: medianLatency(smallList),
      smallEmail: medianLatency(smallEmail),
      bigEmail: medianLatency(bigEmail),
      bigListSeconds: median(bigList),
      smallDuringBigList: medianLatency(during),
      polling: medianLatency(polling),
      fileRows: options.fileRows,
      emptyRowsPerSecond: median(empty),
      crowdedRowsPerSecond: median(crowded),
      updateRowsPerSecond: median(update),
    };
  } finally {
    await system?.stop();
    await dropDatabase(scope.mongoUrl);
  }
}
