// One measured run of each kind. Every run gets a fresh database and its own processes, so a run
// neither sees the users of the one before nor inherits its memory.
import { connectMongo } from '@muster/shared';
import { parseOnlyRowsPerSecond, rawInsertRowsPerSecond } from './baselines.js';
import { BenchClient, createBenchAccount, phaseSeconds, type ImportState } from './client.js';
import { pollUnderLoad, type PollingResult } from './polling.js';
import { benchScope, startSystem, type BenchScope } from './system.js';

export type SizeRun = {
  rows: number;
  uploadSeconds: number;
  validationRowsPerSecond: number;
  parseOnlyRowsPerSecond: number;
  importRowsPerSecond: number;
  rawInsertRowsPerSecond: number;
  totalSeconds: number;
  workerPeakRssMb: number;
  apiPeakRssMb: number;
};

const seconds = (fromMs: number) => (performance.now() - fromMs) / 1000;

async function dropDatabase(scope: BenchScope) {
  const mongo = await connectMongo(scope.mongoUrl);
  await mongo.dropDatabase().catch(() => undefined);
  await mongo.close();
}

function assertImported(state: ImportState) {
  if (state.status !== 'completed_with_errors' && state.status !== 'completed') {
    throw new Error(`import ${state.id} ended ${state.status}: ${state.error?.message ?? ''}`);
  }
}

/**
 * Upload one file, follow it to the end, then (for a CSV file) the two baselines on the same file
 * and database.
 */
export async function measureFile(
  mongoBase: string,
  warmUpFile: string,
  file: string,
  rows: number,
  run: number,
  withPolling: boolean,
  withBaselines = true,
): Promise<{ result: SizeRun; polling?: PollingResult }> {
  const scope = benchScope(mongoBase, `${rows}_${run}${withBaselines ? '' : '_nobaselines'}`);
  const system = await startSystem(scope, 1);
  try {
    const support = await BenchClient.as(system.baseUrl, { sub: 'bench-support', role: 'support' });
    // A server runs for days: measure it warm. One small import first, from another account, lets
    // V8 compile the hot paths and the connection pools fill before the clock starts.
    // It is undone again: on FerretDB every query but an _id lookup scans the whole collection,
    // so users left behind would slow the measured import's read of its account's existing users.
    const warmUp = await createBenchAccount(system.baseUrl, support, `warm-up-${rows}-${run}`);
    const warmUpId = await warmUp.upload(warmUpFile);
    assertImported(await support.waitFor(warmUpId));
    await warmUp.json('POST', `/api/v1/imports/${warmUpId}/undo`);
    const owner = await createBenchAccount(system.baseUrl, support, `${rows}-${run}`);
    const started = performance.now();
    const id = await owner.upload(file);
    const uploadSeconds = seconds(started);
    let polling: PollingResult | undefined;
    if (withPolling) {
      await support.waitFor(id, (s) => s.status === 'validating' || s.status === 'importing');
      polling = await pollUnderLoad(`${system.baseUrl}/api/v1/imports/${id}`, owner.token);
    }
    const state = await support.waitFor(id);
    const totalSeconds = seconds(started);
    assertImported(state);
    const result: SizeRun = {
      rows: state.counts.rows,
      uploadSeconds,
      validationRowsPerSecond: state.counts.rows / phaseSeconds(state, 'validating'),
      importRowsPerSecond: state.counts.rows / phaseSeconds(state, 'importing'),
      totalSeconds,
      workerPeakRssMb: system.workers[0]!.peakRssMb(),
      apiPeakRssMb: system.api.peakRssMb(),
      parseOnlyRowsPerSecond: 0,
      rawInsertRowsPerSecond: 0,
    };
    await system.stop();
    // An .xlsx run is compared with the CSV run of the same rows, not with baselines of its own.
    if (!withBaselines) return { result, polling };
    // The baselines run with the system stopped, as the import ran with nothing else to do.
    result.parseOnlyRowsPerSecond = (await parseOnlyRowsPerSecond(file)).rowsPerSecond;
    const mongo = await connectMongo(scope.mongoUrl);
    try {
      result.rawInsertRowsPerSecond = await rawInsertRowsPerSecond(mongo, file, rows);
    } finally {
      await mongo.close();
    }
    return { result, polling };
  } finally {
    await system.stop();
    await dropDatabase(scope);
  }
}

/** Four imports of `file` from four accounts at once; total rows per second from first upload to last end. */
export async function measureConcurrency(mongoBase: string, file: string, workers: number, run: number): Promise<number> {
  const scope = benchScope(mongoBase, `concurrent_${workers}w_${run}`);
  const system = await startSystem(scope, workers);
  try {
    const support = await BenchClient.as(system.baseUrl, { sub: 'bench-support', role: 'support' });
    const owners = await Promise.all([1, 2, 3, 4].map((n) => createBenchAccount(system.baseUrl, support, `concurrent-${workers}-${run}-${n}`)));
    const started = performance.now();
    const states = await Promise.all(owners.map(async (owner) => support.waitFor(await owner.upload(file))));
    const elapsed = seconds(started);
    states.forEach(assertImported);
    return states.reduce((sum, s) => sum + s.counts.rows, 0) / elapsed;
  } finally {
    await system.stop();
    await dropDatabase(scope);
  }
}
