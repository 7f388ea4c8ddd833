// `npm run bench`: measures the import pipeline against its limits and writes docs/BENCHMARKS.md.
//   npm run bench                        sizes 10,000 / 100,000 / 1,000,000 rows, 3 runs each (about 20 minutes)
//   npm run bench -- --runs 1 --sizes 10000,100000 --no-concurrency --no-polling --no-crowded   a quick look (1 minute)
//   npm run bench -- --runs 1 --sizes 10000 --no-concurrency --no-polling --crowd-accounts 20 --crowd-per-account 1000 \
//     --crowd-big 30000 --crowd-file-rows 10000 --crowd-seconds 5       a quick look at the crowded database (3 minutes)
//   npm run bench -- ... --compare-sqlite   also a small crowded run on FerretDB's SQLite backend, beside PostgreSQL
//   --xlsx-sizes 100000 (the default) also imports the same rows as an Excel workbook; --no-xlsx skips it
// It needs only what `npm start` needs (run by this script: install, local services) and starts
// the same API and worker processes, on a database, queue prefix and key prefix of its own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@muster/shared';
import { describeMachine } from './bench/machine.js';
import { measureCrowded, type CrowdedOptions } from './bench/crowded.js';
import { measureConcurrency, measureFile, type SizeRun } from './bench/measure.js';
import type { PollingResult } from './bench/polling.js';
import { chartSvg, crowdedTables, extraLines, markdown, sizeTable, targets, textTable, xlsxTable, type BenchReport } from './bench/report.js';
import { startSqliteFerretDb } from './bench/sqlite-ferretdb.js';
import { median, medianOf } from './bench/stats.js';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '3' },
    'no-concurrency': { type: 'boolean', default: false },
    'no-polling': { type: 'boolean', default: false },
    'no-crowded': { type: 'boolean', default: false },
    // The crowded database (issue 11): 200 accounts of 5,000 users plus one of 300,000, then
    // 10-row and 100,000-row imports and the users endpoints under load, 20 s per measurement.
    'crowd-accounts': { type: 'string', default: '200' },
    'crowd-per-account': { type: 'string', default: '5000' },
    'crowd-big': { type: 'string', default: '300000' },
    'crowd-file-rows': { type: 'string', default: '100000' },
    'crowd-seconds': { type: 'string', default: '20' },
    'compare-sqlite': { type: 'boolean', default: false },
    'xlsx-sizes': { type: 'string', default: '100000' },
    'no-xlsx': { type: 'boolean', default: false },
    out: { type: 'string', default: 'docs/BENCHMARKS.md' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const xlsxSizes = values['no-xlsx'] ? [] : values['xlsx-sizes'].split(',').filter(Boolean).map(Number);
const runs = Number(values.runs);
const crowdNumbers = (['crowd-accounts', 'crowd-per-account', 'crowd-big', 'crowd-file-rows', 'crowd-seconds'] as const).map((k) => Number(values[k]));
if ([...sizes, ...xlsxSizes].some((s) => !Number.isInteger(s) || s < 1) || !Number.isInteger(runs) || runs < 1 || crowdNumbers.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error('--sizes and --xlsx-sizes take whole numbers separated by commas; --runs and the --crowd-* options whole numbers >= 1');
  process.exit(2);
}
const [crowdAccounts, crowdPerAccount, crowdBig, crowdFileRows, crowdSeconds] = crowdNumbers as [number, number, number, number, number];
// Node 20's parseArgs has no --no-<flag> negation, so the opt-outs are flags of their own.
const withConcurrency = !values['no-concurrency'];
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * The generated file for a size, made once and kept under .data/bench (same seed: same file; the
 * workbook holds the same rows as the CSV file of its size).
 */
function fileFor(rows: number, format: 'csv' | 'xlsx' = 'csv'): string {
  const dir = join(ROOT, '.data/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `users-${rows}.${format}`);
  if (!existsSync(file)) {
    log(`generating ${file}`);
    execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'scripts/generate-csv.ts'), '--rows', String(rows), '--error-rate', '0.02', '--format', format, '--out', file], { stdio: 'ignore' });
  }
  return file;
}

const mongoBase = loadConfig(process.env).mongo.url;
const warmUpFile = fileFor(5_000);
const largest = Math.max(...sizes);
const sizeResults: SizeRun[] = [];
const pollingRuns: PollingResult[] = [];
for (const rows of sizes) {
  const file = fileFor(rows);
  const perRun: SizeRun[] = [];
  for (let run = 1; run <= runs; run++) {
    log(`${rows.toLocaleString('en-GB')} rows, run ${run} of ${runs}`);
    const { result, polling } = await measureFile(mongoBase, warmUpFile, file, rows, run, rows === largest && !values['no-polling']);
    perRun.push(result);
    if (polling) pollingRuns.push(polling);
    log(`  validation ${Math.round(result.validationRowsPerSecond)} rows/s, import ${Math.round(result.importRowsPerSecond)} rows/s, raw insert ${Math.round(result.rawInsertRowsPerSecond)} rows/s, total ${result.totalSeconds.toFixed(1)} s, worker RSS ${Math.round(result.workerPeakRssMb)} MB${polling ? `, polling p99 ${polling.p99Ms} ms (${polling.errors} errors)` : ''}`);
  }
  sizeResults.push(medianOf(perRun));
}

const xlsxResults: SizeRun[] = [];
for (const rows of xlsxSizes) {
  const file = fileFor(rows, 'xlsx');
  const perRun: SizeRun[] = [];
  for (let run = 1; run <= runs; run++) {
    log(`${rows.toLocaleString('en-GB')} rows as an Excel workbook, run ${run} of ${runs}`);
    const { result } = await measureFile(mongoBase, warmUpFile, file, rows, run, false, false);
    perRun.push(result);
    log(`  validation ${Math.round(result.validationRowsPerSecond)} rows/s, import ${Math.round(result.importRowsPerSecond)} rows/s, total ${result.totalSeconds.toFixed(1)} s, worker RSS ${Math.round(result.workerPeakRssMb)} MB`);
  }
  xlsxResults.push(medianOf(perRun));
}

let concurrency: BenchReport['concurrency'];
if (withConcurrency) {
  const file = fileFor(100_000);
  const one: number[] = [];
  const two: number[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const [workers, into] of [[1, one], [2, two]] as const) {
      log(`four concurrent 100,000-row imports, ${workers} worker process${workers > 1 ? 'es' : ''}, run ${run} of ${runs}`);
      into.push(await measureConcurrency(mongoBase, file, workers, run));
      log(`  ${Math.round(into.at(-1)!)} rows/s`);
    }
  }
  concurrency = { oneWorker: median(one), twoWorkers: median(two), rowsEach: 100_000 };
}

/** The crowded scenario at the given sizes; an import that runs longer than the limit is cancelled and counted as not ending. */
const crowdedOptions = (crowd: CrowdedOptions['crowd'], fileRows: number, seconds: number, crowdRuns: number, importLimitSeconds: number): CrowdedOptions => ({
  crowd,
  runs: crowdRuns,
  seconds,
  file: fileFor(fileRows),
  fileRows,
  importLimitSeconds,
  workDir: join(ROOT, '.data/bench/crowded'),
});

let crowded: BenchReport['crowded'];
if (!values['no-crowded']) {
  const options = crowdedOptions({ accounts: crowdAccounts, perAccount: crowdPerAccount, big: crowdBig }, crowdFileRows, crowdSeconds, runs, 3600);
  crowded = await measureCrowded(mongoBase, options, log);
}

let sqliteComparison: BenchReport['sqliteComparison'];
if (values['compare-sqlite']) {
  // Small enough for SQLite, where every filter but _id reads the whole collection: one run each,
  // 30,000 users, 10,000-row imports, 10 s of load, and imports given up after 3 minutes.
  const small = crowdedOptions({ accounts: 10, perAccount: 1_000, big: 20_000 }, 10_000, 10, 1, 180);
  log('compare-sqlite: the small crowded scenario on this FerretDB (PostgreSQL)');
  const postgresql = await measureCrowded(mongoBase, small, log);
  const ferret = await startSqliteFerretDb();
  try {
    log(`compare-sqlite: the same on a FerretDB with its SQLite backend (${ferret.url})`);
    // No PostgreSQL under this one, so nothing to mirror indexes into.
    const onSqlite = { ...small, systemEnv: { FERRETDB_POSTGRESQL_URL: 'none' } };
    sqliteComparison = { postgresql, sqlite: await measureCrowded(ferret.url, onSqlite, log) };
  } finally {
    await ferret.stop();
  }
}

const report: BenchReport = {
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  runs,
  machine: describeMachine(),
  sizes: sizeResults,
  xlsx: xlsxResults,
  polling: pollingRuns.length ? medianOf(pollingRuns as unknown as Record<string, number>[]) as unknown as PollingResult : undefined,
  concurrency,
  crowded,
  sqliteComparison,
  date: new Date().toISOString().slice(0, 10),
};

console.log(textTable(sizeTable(report.sizes)));
if (xlsxResults.length) console.log(`\n${textTable(xlsxTable(report))}`);
for (const line of extraLines(report)) console.log(line);
for (const { title, rows } of crowdedTables(report)) console.log(`\n${title}\n${textTable(rows)}\n`);
for (const [target, measured, met] of targets(report)) console.log(`${met === undefined ? '      ' : met ? 'met   ' : 'MISSED'}  ${target}: ${measured}`);
const out = join(ROOT, values.out);
const chart = out.replace(/\.md$/, '') + '-rows-per-second.svg';
writeFileSync(chart, chartSvg(report.sizes));
writeFileSync(out, markdown(report, chart.split('/').at(-1)!));
log(`wrote ${values.out} and ${chart.slice(ROOT.length + 1)}`);
