// The benchmark's output: one table for the terminal, the same in docs/BENCHMARKS.md with the
// machine and the targets, and an SVG chart of rows/s against file size.
import { comparisonRows, crowdPhrase, crowdedTargets, type Verdict } from './crowded-report.js';
import type { CrowdedResult } from './crowded.js';
import type { PollingResult } from './polling.js';
import type { SizeRun } from './measure.js';

export interface BenchReport {
  command: string;
  runs: number;
  machine: string[];
  sizes: SizeRun[];
  /** The same rows uploaded as Excel workbooks (no baselines of their own). */
  xlsx: SizeRun[];
  polling?: PollingResult;
  concurrency?: { oneWorker: number; twoWorkers: number; rowsEach: number };
  /** The crowded-database scenario (off with --no-crowded). */
  crowded?: CrowdedResult;
  /** --compare-sqlite: the same small crowded scenario on both FerretDB backends, one run each. */
  sqliteComparison?: { sqlite: CrowdedResult; postgresql: CrowdedResult };
  date: string;
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-GB');
const s1 = (v: number) => v.toFixed(1);
const pct = (v: number) => `${Math.round(v * 100)}%`;

export function sizeTable(sizes: SizeRun[]): string[][] {
  const header = [
    'rows', 'upload s', 'validation rows/s', 'parse-only rows/s', 'validation / parse', 'import rows/s', 'raw insert rows/s',
    'import / raw', 'total s', 'worker peak RSS MB', 'API peak RSS MB',
  ];
  return [
    header,
    ...sizes.map((s) => [
      n0(s.rows), s1(s.uploadSeconds), n0(s.validationRowsPerSecond), n0(s.parseOnlyRowsPerSecond),
      pct(s.validationRowsPerSecond / s.parseOnlyRowsPerSecond), n0(s.importRowsPerSecond), n0(s.rawInsertRowsPerSecond),
      pct(s.importRowsPerSecond / s.rawInsertRowsPerSecond), s1(s.totalSeconds), n0(s.workerPeakRssMb), n0(s.apiPeakRssMb),
    ]),
  ];
}

/** Each workbook size beside the CSV file of the same rows, where that size ran too. */
export function xlsxTable(report: BenchReport): string[][] {
  const header = ['rows', 'file', 'upload s', 'validation rows/s', 'import rows/s', 'total s', 'worker peak RSS MB'];
  const line = (s: SizeRun, file: string) => [n0(s.rows), file, s1(s.uploadSeconds), n0(s.validationRowsPerSecond), n0(s.importRowsPerSecond), s1(s.totalSeconds), n0(s.workerPeakRssMb)];
  return [
    header,
    ...report.xlsx.flatMap((x) => {
      const csv = report.sizes.find((s) => s.rows === x.rows);
      return csv ? [line(csv, 'CSV'), line(x, '.xlsx')] : [line(x, '.xlsx')];
    }),
  ];
}

export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `| ${head!.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function targets(report: BenchReport): Verdict[] {
  const bySize = (rows: number) => report.sizes.find((s) => s.rows === rows);
  const largest = report.sizes.at(-1);
  const verdicts: Verdict[] = [];
  const slowestValidation = Math.min(...report.sizes.map((s) => s.validationRowsPerSecond));
  verdicts.push(['validation phase >= 25,000 rows/s (every size)', `${n0(slowestValidation)} rows/s (slowest size)`, slowestValidation >= 25_000]);
  const worstImport = Math.min(...report.sizes.map((s) => s.importRowsPerSecond / s.rawInsertRowsPerSecond));
  verdicts.push(['import phase >= 80% of raw insert (every size)', `${pct(worstImport)} (lowest)`, worstImport >= 0.8]);
  const peak = Math.max(...[...report.sizes, ...report.xlsx].map((s) => s.workerPeakRssMb));
  verdicts.push(['worker peak RSS <= 200 MB', `${n0(peak)} MB (highest)`, peak <= 200]);
  const [k100, m1] = [bySize(100_000), bySize(1_000_000)];
  if (k100 && m1) {
    const ratio = m1.workerPeakRssMb / k100.workerPeakRssMb;
    verdicts.push(['worker peak RSS at 1,000,000 rows <= 1.25x at 100,000', `${ratio.toFixed(2)}x`, ratio <= 1.25]);
  }
  if (report.polling) {
    const p = report.polling;
    verdicts.push([`polling p99 <= 25 ms, no errors (200 req/s for 20 s during the ${largest ? n0(largest.rows) : ''}-row import)`, `p99 ${s1(p.p99Ms)} ms, ${p.errors} errors`, p.p99Ms <= 25 && p.errors === 0]);
  }
  if (report.concurrency) {
    const c = report.concurrency;
    verdicts.push(['two worker processes finish four concurrent imports faster than one', `${n0(c.twoWorkers)} vs ${n0(c.oneWorker)} rows/s`, c.twoWorkers > c.oneWorker]);
  }
  if (report.crowded) verdicts.push(...crowdedTargets(report.crowded));
  return verdicts;
}

export function extraLines(report: BenchReport): string[] {
  const lines: string[] = [];
  if (report.polling) {
    const p = report.polling;
    lines.push(`Status polling (GET /api/v1/imports/:id, 200 req/s for 20 s, during the largest import): p50 ${s1(p.p50Ms)} ms, p99 ${s1(p.p99Ms)} ms, ${n0(p.requests)} requests, ${p.errors} errors`);
  }
  if (report.concurrency) {
    const c = report.concurrency;
    lines.push(`Four ${n0(c.rowsEach)}-row imports from four accounts at once: one worker process ${n0(c.oneWorker)} rows/s, two worker processes ${n0(c.twoWorkers)} rows/s (${(c.twoWorkers / c.oneWorker).toFixed(2)}x)`);
  }
  return lines;
}

/** The crowded scenario's figures, and the backend comparison, as tables (terminal or Markdown). */
export function crowdedTables(report: BenchReport): { title: string; rows: string[][] }[] {
  const tables: { title: string; rows: string[][] }[] = [];
  if (report.crowded) {
    tables.push({ title: `Crowded database (${crowdPhrase(report.crowded)})`, rows: comparisonRows([['measured', report.crowded]]) });
  }
  if (report.sqliteComparison) {
    const { sqlite, postgresql } = report.sqliteComparison;
    tables.push({
      title: `FerretDB backends, small crowded database (${crowdPhrase(sqlite)}), one run each`,
      rows: comparisonRows([['SQLite', sqlite], ['PostgreSQL', postgresql]]),
    });
  }
  return tables;
}

function crowdedMarkdown(report: BenchReport): string {
  const tables = crowdedTables(report);
  if (!tables.length) return '';
  return `
## Crowded database

Before measuring, the bench's own database is filled with the driver's \`insertMany\` (2,000 users
a call, 4 calls at a time) with users shaped as the worker writes them, in accounts made through
the API; then the same processes answer as usual. 10-row imports are timed from the start of the
upload to the worker's \`finishedAt\`; latencies come from autocannon (10 connections) at a fixed
rate; the empty-database rate is the same file into a fresh account of a fresh database.

${tables.map((t) => `### ${t.title}\n\n${markdownTable(t.rows)}\n`).join('\n')}`;
}

export function markdown(report: BenchReport, chartFile: string): string {
  const verdictRows = [['target', 'measured', 'met'], ...targets(report).map(([t, m, ok]) => [t, m, ok === undefined ? '-' : ok ? 'yes' : 'no'])];
  return `# Benchmarks

Written by \`${report.command}\` on ${report.date}; do not edit by hand (the analysis is in the
README's "Performance" section). Each figure is the median of ${report.runs} run${report.runs === 1 ? '' : 's'}; every run
uses a fresh database and freshly started API and worker processes. Files come from
\`npm run generate-csv\` with 2% bad rows.

## Machine

${report.machine.map((m) => `- ${m}`).join('\n')}

## Import pipeline

${markdownTable(sizeTable(report.sizes))}

- validation rows/s and import rows/s: rows in the file divided by the pass's own duration, from the
  worker's record of the attempt; total s: from the start of the upload until the API reports the
  import ended.
- parse-only: fast-csv (\`headers: true\`) reading the same file from disk, doing nothing with the rows.
- raw insert: the MongoDB driver's \`insertMany\` (unordered, 1,000 per call) of as many ready-made
  user documents, with the file's own emails in file order, into a fresh collection with the users
  collection's indexes, in the same database (made-up sequential emails would insert about 25%
  faster on FerretDB: keys in random order touch random pages of the unique index).
- peak RSS: the kernel's high-water mark (\`VmHWM\`) of each process.

![Rows per second against file size](${chartFile})
${report.xlsx.length ? `
## Excel workbooks (.xlsx)

The same generated rows saved as a workbook (text in the shared-string table, as Excel writes it),
uploaded and imported the same way, beside the CSV file of the same rows from the table above.

${markdownTable(xlsxTable(report))}
` : ''}
${extraLines(report).map((l) => `- ${l}`).join('\n')}
${crowdedMarkdown(report)}
## Targets

${markdownTable(verdictRows)}
`;
}

/** A small log-x line chart (SVG, no dependencies) of the pipeline's rows/s and the baselines'. */
export function chartSvg(sizes: SizeRun[]): string {
  const series: [label: string, color: string, pick: (s: SizeRun) => number][] = [
    ['parse only (fast-csv)', '#9aa5b1', (s) => s.parseOnlyRowsPerSecond],
    ['validation phase', '#1f6feb', (s) => s.validationRowsPerSecond],
    ['raw insert (driver)', '#d29922', (s) => s.rawInsertRowsPerSecond],
    ['import phase', '#2da44e', (s) => s.importRowsPerSecond],
  ];
  const [w, h, left, right, top, bottom] = [760, 420, 80, 200, 30, 50];
  const xs = sizes.map((s) => Math.log10(s.rows));
  const [xMin, xMax] = [Math.min(...xs) - 0.15, Math.max(...xs) + 0.15];
  const yMax = Math.max(...sizes.flatMap((s) => series.map(([, , pick]) => pick(s))));
  const yTop = 10 ** Math.ceil(Math.log10(yMax));
  const [yMin, yMaxLog] = [Math.log10(1000), Math.log10(yTop)];
  const x = (rows: number) => left + ((Math.log10(rows) - xMin) / (xMax - xMin)) * (w - left - right);
  const y = (v: number) => top + (1 - (Math.log10(Math.max(v, 1000)) - yMin) / (yMaxLog - yMin)) * (h - top - bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">Rows per second against file size (log scales)</text>`,
  ];
  for (let p = Math.ceil(yMin); p <= yMaxLog; p++) {
    parts.push(`<line x1="${left}" x2="${w - right}" y1="${y(10 ** p)}" y2="${y(10 ** p)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 8}" y="${y(10 ** p) + 4}" text-anchor="end">${n0(10 ** p)}</text>`);
  }
  for (const s of sizes) {
    parts.push(`<line x1="${x(s.rows)}" x2="${x(s.rows)}" y1="${top}" y2="${h - bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x(s.rows)}" y="${h - bottom + 18}" text-anchor="middle">${n0(s.rows)} rows</text>`);
  }
  series.forEach(([label, color, pick], i) => {
    const points = sizes.map((s) => `${x(s.rows).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    for (const s of sizes) parts.push(`<circle cx="${x(s.rows).toFixed(1)}" cy="${y(pick(s)).toFixed(1)}" r="4" fill="${color}"/>`);
    const ly = top + 20 + i * 22;
    parts.push(`<rect x="${w - right + 16}" y="${ly - 9}" width="14" height="4" fill="${color}"/>`);
    parts.push(`<text x="${w - right + 36}" y="${ly - 3}">${label}</text>`);
  });
  parts.push(`<text x="${(left + w - right) / 2}" y="${h - 12}" text-anchor="middle">file size</text>`);
  parts.push(`<text x="18" y="${(top + h - bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 ${(top + h - bottom) / 2})">rows/s</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
