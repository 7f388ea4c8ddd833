// Writes a realistic user CSV (or Excel workbook) for trying Muster and for benchmarks:
//   npm run generate-csv -- --rows 100000 --error-rate 0.02 [--out people.csv] [--seed 1] [--format xlsx]
// A workbook is written as Excel writes one: text in the shared-string table.
// Bad rows (at the given rate) carry one typical mistake each: a bad email, a short phone, an
// unknown team, a wrong role, a duplicate email or a missing name.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000' },
    'error-rate': { type: 'string', default: '0' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    modules: { type: 'string', default: 'lone_working,incidents,audits' },
    format: { type: 'string', default: 'csv' },
  },
});
const rows = Number(values.rows);
const errorRate = Number(values['error-rate']);
const format = values.format;
if (!Number.isInteger(rows) || rows < 1 || !(errorRate >= 0 && errorRate <= 1) || (format !== 'csv' && format !== 'xlsx')) {
  console.error('--rows must be a whole number >= 1, --error-rate between 0 and 1, --format csv or xlsx');
  process.exit(2);
}
const out = values.out ?? `users-${rows}.${format}`;

// A small deterministic generator (mulberry32), so the same seed gives the same file.
let state = Number(values.seed) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const FIRST = ['Ada', 'Bob', 'Chloé', 'Dev', 'Eilidh', 'Farah', 'George', 'Hana', 'Ivan', 'Jo', 'Kwame', 'Liam', 'Mei', 'Niamh', 'Owen', 'Priya', 'Rhys', 'Siobhán', 'Tom', 'Zoë'];
const LAST = ['Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', "O'Neill", 'Patel', 'Khan', 'Nowak', 'Murphy', 'Wilson', 'Roberts'];
const ROLES = ['User', 'User', 'User', 'User', 'Manager', 'Account Owner'];
const TEAMS = ['bulk users', 'Bulk extra', 'bulk users;Bulk extra', '', ''];
const moduleColumns = values.modules.split(',').filter(Boolean);
const LABELS: Record<string, string> = { lone_working: 'Lone Working', events: 'Events', incidents: 'Incidents', audits: 'Audits' };
const header = ['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role', 'Teams', ...moduleColumns.map((m) => LABELS[m]!)];

const phone = () => `07${Math.floor(400 + random() * 40)} ${String(Math.floor(random() * 1e6)).padStart(6, '0')}`;
const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

function row(i: number): string[] {
  const first = pick(FIRST);
  const last = pick(LAST);
  const cells = [first, last, `${first}.${last}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''), random() < 0.8 ? phone() : '', pick(ROLES), pick(TEAMS), ...moduleColumns.map(() => (random() < 0.5 ? 'True' : 'False'))];
  if (moduleColumns[0] === 'lone_working' && cells[3] === '') cells[6] = 'False';
  if (random() < errorRate) {
    switch (Math.floor(random() * 6)) {
      case 0: cells[2] = `${first} ${last}@example`; break;
      case 1: cells[3] = '07911 12'; break;
      case 2: cells[5] = 'Nonexistent Team'; break;
      case 3: cells[4] = 'Supervisor'; break;
      case 4: cells[2] = `${first}.${last}.${Math.max(0, i - 1)}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''); break;
      default: cells[0] = '';
    }
  }
  return cells;
}

async function writeCsv() {
  const stream = createWriteStream(out);
  stream.write(`${header.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    if (!stream.write(`${row(i).map(quote).join(',')}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

async function writeXlsx() {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('People');
  sheet.addRow(header).commit();
  for (let i = 0; i < rows; i++) {
    sheet.addRow(row(i)).commit();
    // Let the zip stream drain now and then.
    if (i % 10_000 === 0) await new Promise(setImmediate);
  }
  sheet.commit();
  await workbook.commit();
}

await (format === 'xlsx' ? writeXlsx() : writeCsv());
console.log(`wrote ${rows} rows to ${out}`);
