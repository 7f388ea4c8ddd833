// The worker's memory for a large "fix bad rows" correction (issue 12 point 14):
//   npx tsx scripts/bench/correction-memory.ts [rows=100000] [editedRows=50000]
// Runs the real worker in this process (no API), checks a file with half its rows bad, then the
// correction that fixes them by row number, and prints the process's peak RSS (VmHWM) after each.
import { readFileSync } from 'node:fs';
import { Types } from 'mongoose';
import { ImportJobName, enqueueImportJob, type ImportDoc } from '@muster/shared';
import { testConfig } from '../../test/helpers/test-env.js';
import { createWorkerRuntime } from '../../worker/src/runtime.js';

const rows = Number(process.argv[2] ?? 100_000);
const editedRows = Number(process.argv[3] ?? 50_000);
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
const HEADER = 'First Name,Last Name,Email Address,Phone Number,Role\n';
const ROLE_CELL = 4;

const config = testConfig({ IMPORT_BATCH_SIZE: '1000' });
const runtime = await createWorkerRuntime(config, { name: 'bench', workerName: 'bench-worker' });
const { models, storage } = runtime.deps;
await storage.ensureBucket();
const account = await models.Account.create({ name: 'Bench', modules: [], defaultCountry: 'GB' });
const lines = [HEADER];
for (let i = 0; i < rows; i++) lines.push(`First${i},Last${i},p${i}@example.com,,${i < editedRows ? 'Admin' : 'User'}\n`);
const file = lines.join('');
lines.length = 0;

async function check(fileKey: string, correction: ImportDoc['correction']) {
  const _id = new Types.ObjectId();
  await models.Import.create({
    _id, accountId: account._id, createdBy: 'bench', fileName: 'bench.csv', fileKey, fileBytes: Buffer.byteLength(file),
    mode: 'all-or-nothing', existing: 'fail', autoStart: false, status: 'queued', run: 1, correction,
  });
  const started = Date.now();
  await enqueueImportJob(runtime.deps.importQueue, String(_id), ImportJobName.Validate, 1);
  for (;;) {
    const imp = await models.Import.findById(_id).lean();
    if (imp && ['validated', 'failed'].includes(imp.status)) return { imp, seconds: (Date.now() - started) / 1000 };
    await new Promise((r) => setTimeout(r, 200));
  }
}

const folder = `imports/${account._id}/bench-${Date.now()}`;
await storage.put(`${folder}/source.csv`, file, 'text/csv');
const before = peakMb();
const plain = await check(`${folder}/source.csv`, null);
console.log(`check of ${rows} rows, ${plain.imp.counts?.invalid} bad: ${plain.seconds.toFixed(1)} s, peak RSS ${before.toFixed(0)} -> ${peakMb().toFixed(0)} MB`);
const edits: Record<string, Record<string, string>> = {};
for (let i = 0; i < editedRows; i++) edits[i + 2] = { [ROLE_CELL]: 'Manager' };
await storage.put(`${folder}/edits.json`, JSON.stringify(edits), 'application/json');
const fixed = await check(`${folder}/source.csv`, { of: plain.imp._id, editsKey: `${folder}/edits.json`, editedRows });
console.log(`correction of ${editedRows} rows: ${fixed.imp.status}, ${fixed.imp.counts?.invalid} bad, ${fixed.seconds.toFixed(1)} s, peak RSS ${peakMb().toFixed(0)} MB`);
for (const key of await storage.list(`imports/${account._id}/`)) await storage.delete(key);
await runtime.close();
process.exit(0);
