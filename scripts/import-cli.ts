// Uploads a CSV or Excel (.xlsx) file through the API, shows progress until the import ends, prints the counts and
// saves the error log beside the file:
//   MUSTER_TOKEN=... npm run import -- people.csv|people.xlsx [--partial] [--existing update] [--api http://localhost:3000]
import { openAsBlob } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    partial: { type: 'boolean', default: false },
    existing: { type: 'string', default: 'skip' },
    api: { type: 'string', default: process.env.MUSTER_API ?? 'http://localhost:3000' },
    token: { type: 'string', default: process.env.MUSTER_TOKEN },
  },
});
const file = positionals[0];
if (!file || !values.token) {
  console.error('usage: MUSTER_TOKEN=<token> npm run import -- <file.csv|file.xlsx> [--partial] [--existing skip|update|fail]');
  process.exit(2);
}
const headers = { authorization: `Bearer ${values.token}` };
type Import = {
  id: string;
  status: string;
  progress: { processedRows: number; totalRows: number | null; percent: number; phase: string };
  counts: Record<string, number>;
  errorLog: { available: boolean; rows: number };
  error: { code: string; message: string } | null;
  warnings: string[];
};

const started = Date.now();
const form = new FormData();
form.append('mode', values.partial ? 'partial' : 'all-or-nothing');
form.append('existing', values.existing!);
form.append('autoStart', 'true');
const type = /\.xlsx$/i.test(file) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
form.append('file', await openAsBlob(file, { type }), basename(file));
const res = await fetch(`${values.api}/api/v1/imports`, { method: 'POST', headers, body: form });
if (res.status !== 202) {
  console.error(`Upload refused (${res.status}): ${((await res.json()) as { error: { message: string } }).error.message}`);
  process.exit(1);
}
let imp = (await res.json()) as Import;
console.log(`Uploaded ${basename(file)} in ${((Date.now() - started) / 1000).toFixed(1)} s; import ${imp.id}`);

const ENDED = ['completed', 'completed_with_errors', 'failed', 'cancelled'];
while (!ENDED.includes(imp.status)) {
  await new Promise((r) => setTimeout(r, 500));
  imp = (await (await fetch(`${values.api}/api/v1/imports/${imp.id}`, { headers })).json()) as Import;
  const { percent, processedRows, totalRows } = imp.progress;
  const bar = '#'.repeat(Math.round(percent / 4)).padEnd(25, '.');
  process.stdout.write(`\r${imp.status.padEnd(10)} [${bar}] ${String(percent).padStart(3)}%  ${processedRows}${totalRows ? `/${totalRows}` : ''} rows   `);
}
process.stdout.write('\n');
const seconds = (Date.now() - started) / 1000;
console.log(`${imp.status} in ${seconds.toFixed(1)} s:`, imp.counts);
for (const warning of imp.warnings) console.log(`warning: ${warning}`);
if (imp.error) console.log(`${imp.error.code}: ${imp.error.message}`);
if (imp.errorLog.available) {
  const log = await fetch(`${values.api}/api/v1/imports/${imp.id}/error-log`, { headers });
  const out = file.replace(/(\.csv|\.txt|\.xlsx)?$/i, '-errors.csv');
  await writeFile(out, Buffer.from(await log.arrayBuffer()));
  console.log(`Error log (${imp.errorLog.rows} rows) saved to ${out}`);
}
process.exit(imp.status === 'completed' ? 0 : 1);
