import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openZip, readText } from '../../../worker/src/imports/xlsx/zip-package.js';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv, type ApiClient } from '../../helpers/import-client.js';
import { encodeText } from '../../fixtures/spreadsheet-exports.js';
import { useImportStack } from './setup.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The same list as a workbook whose cells Excel typed: phones as numbers, True/False as booleans. */
async function asWorkbook(rows: (string | number | boolean | ExcelJS.CellFormulaValue)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('People');
  for (const row of rows) ws.addRow(row);
  wb.addWorksheet('Notes').addRow(['not read']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadFile(owner: ApiClient, bytes: Buffer, name: string, type: string, options: Record<string, string> = {}) {
  const res = await owner.upload(bytes, options, name, type);
  const text = await res.text();
  expect(res.status, text).to.equal(202);
  return JSON.parse(text) as { id: string };
}

async function userNames(owner: ApiClient): Promise<string[]> {
  const { items } = await owner.json<{ items: { firstName: string; lastName: string }[] }>('GET', '/api/v1/users?limit=100');
  return items.map((u) => `${u.firstName} ${u.lastName}`).sort();
}

describe('imports: Excel workbooks and what spreadsheet programs save', () => {
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '100' });

  it('imports the first worksheet of an .xlsx exactly like the same list saved as CSV, with the same error log', async () => {
    const { owner } = await createAccount(stack.api);
    const good = ['Ada', 'Lovelace', 'ada@example.com', 7911123456, 'User', 'bulk users', true, false, false];
    const formula = { formula: 'LOWER("BOB@EXAMPLE.COM")', result: 'bob@example.com' } as ExcelJS.CellFormulaValue;
    const bad = [
      ['Bob', 'Smith', formula, '', 'Boss', '', false, false, false],
      ['Cy', 'Jones', 'cy@example.com', 79111, 'User', 'Nowhere', 'maybe', false, true],
    ];
    const workbook = await asWorkbook([HEADER, good, ...bad]);
    // What Excel writes for the same cells when the workbook is saved as CSV.
    const asText = (cell: unknown) => (typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : typeof cell === 'object' ? (cell as ExcelJS.CellFormulaValue).result as string : String(cell));
    const text = csv([HEADER, good, ...bad].map((row) => row.map(asText)));

    const fromXlsx = await uploadFile(owner, workbook, 'people.xlsx', XLSX);
    const fromCsv = await uploadFile(owner, Buffer.from(text), 'people.csv', 'text/csv');
    const [x, c] = [await owner.waitFor(fromXlsx.id, ['failed', 'validated']), await owner.waitFor(fromCsv.id, ['failed', 'validated'])];
    expect(x.status).to.equal('failed');
    expect(x.error).to.deep.equal(c.error);
    expect(x.counts).to.deep.equal(c.counts);
    expect(x.errorSummary).to.deep.equal(c.errorSummary);
    const log = await owner.errorLog(fromXlsx.id);
    expect(log).to.equal(await owner.errorLog(fromCsv.id));
    expect(log).to.contain('Bob,Smith,bob@example.com,,Boss,,FALSE,FALSE,FALSE,');
    expect(log).to.contain('Cy,Jones,cy@example.com,79111,User,Nowhere,maybe,FALSE,TRUE,');

    const ok = await uploadFile(owner, await asWorkbook([HEADER, good]), 'people.xlsx', XLSX, { autoStart: 'true' });
    expect((await owner.waitFor(ok.id, ['completed', 'failed'])).status).to.equal('completed');
    const { items } = await owner.json<{ items: { email: string; phone: string }[] }>('GET', '/api/v1/users');
    // The phone typed as a number (its 0 lost) is the national number it was.
    expect(items.map((u) => [u.email, u.phone])).to.deep.equal([['ada@example.com', '+447911123456']]);
  });

  it('stores accented names right from a Mac "CSV (Macintosh)" file with CR line ends and 250 rows', async () => {
    const { owner } = await createAccount(stack.api, []);
    const header = ['First Name', 'Last Name', 'Email Address', 'Role'];
    const people = Array.from({ length: 250 }, (_, i) => (i === 0 ? ['José', 'García', 'jose@example.com', 'User'] : [`Zoë${i}`, 'Müller', `z${i}@example.com`, 'User']));
    const bytes = encodeText(csv([header, ...people], '\r'), 'macintosh');
    const created = await uploadFile(owner, bytes, 'people.csv', 'text/csv', { autoStart: 'true' });
    const done = await owner.waitFor(created.id, ['completed', 'failed'], 60_000);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    expect(done.counts).to.include({ rows: 250, created: 250 });
    const names = await userNames(owner);
    expect(names).to.include('José García');
    expect(names).to.include('Zoë1 Müller');
  });

  it("honours Excel's sep=; line in a European Windows-1252 file", async () => {
    const { owner } = await createAccount(stack.api, []);
    const text = `sep=;\r\n${csv([['First Name', 'Last Name', 'Email Address', 'Role'], ['Renée', 'Lefèvre', 'renee@example.com', 'User']], '\r\n', ';')}`;
    const created = await uploadFile(owner, encodeText(text, 'windows-1252'), 'people.csv', 'text/csv', { autoStart: 'true' });
    const done = await owner.waitFor(created.id, ['completed', 'failed']);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    expect(await userNames(owner)).to.deep.equal(['Renée Lefèvre']);
  });
});

describe('imports: the Excel template', () => {
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '100' });

  async function sheetXml(bytes: Buffer, part: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'muster-test-'));
    try {
      await writeFile(join(dir, 't.xlsx'), bytes);
      const zip = await openZip(join(dir, 't.xlsx'));
      try {
        return await readText(zip, part);
      } finally {
        zip.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('has a frozen bold header, drop-downs on Role and each module, and a sheet of the teams; filled in, it imports', async () => {
    const { owner } = await createAccount(stack.api, ['lone_working', 'audits'], ['Night shift', 'Drivers']);
    const res = await owner.request('GET', '/api/v1/imports/template?format=xlsx');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal(XLSX);
    expect(res.headers.get('content-disposition')).to.contain('users-template.xlsx');
    const bytes = Buffer.from(await res.arrayBuffer());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] });
    const [users, teams] = wb.worksheets;
    expect(users!.name).to.equal('Users');
    expect(users!.getRow(1).values).to.deep.equal([undefined, 'First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role', 'Teams', 'Lone Working', 'Audits']);
    expect(users!.getRow(1).font?.bold).to.equal(true);
    expect(users!.views[0]).to.include({ state: 'frozen', ySplit: 1 });
    expect(teams!.getColumn(1).values.slice(1, 4)).to.deep.equal(['Teams in your account', 'Drivers', 'Night shift']);

    const xml = await sheetXml(bytes, 'xl/worksheets/sheet1.xml');
    const validations = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]+)<\/formula1>/g)].map((m) => [m[1], m[2]!.replaceAll('&quot;', '"')]);
    expect(validations).to.deep.include.members([
      ['E2:E1048576', '"User,Manager,Account Owner"'],
      ['G2:G1048576', '"True,False"'],
      ['H2:H1048576', '"True,False"'],
    ]);

    // Filled in as a person would (the drop-downs give the words), then uploaded as it is.
    users!.addRow(['Ada', 'Lovelace', 'ada@example.com', '07911 123456', 'Manager', 'Drivers;Night shift', 'True', 'False']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const created = await uploadFile(owner, filled, 'users-template.xlsx', XLSX, { autoStart: 'true' });
    const done = await owner.waitFor(created.id, ['completed', 'failed']);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    expect(done.counts).to.include({ rows: 1, created: 1 });
  });

  it('still answers the CSV template by default, and 400 for a format it does not know', async () => {
    const { owner } = await createAccount(stack.api, []);
    const csvTemplate = await owner.request('GET', '/api/v1/imports/template');
    // Bytes as sent: text() would drop the BOM.
    expect(Buffer.from(await csvTemplate.arrayBuffer()).toString('utf8')).to.equal('\uFEFFFirst Name,Last Name,Email Address,Phone Number,Role,Teams\r\n');
    expect((await owner.request('GET', '/api/v1/imports/template?format=pdf')).status).to.equal(400);
  });
});
