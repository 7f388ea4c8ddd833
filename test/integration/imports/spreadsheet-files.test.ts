import { expect } from 'chai';
import ExcelJS from 'exceljs';
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
