import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FileError } from '../../../worker/src/imports/file-error.js';
import { openUpload } from '../../../worker/src/imports/open-upload.js';
import { cellText, numberText } from '../../../worker/src/imports/xlsx/cell-text.js';
import { SharedStrings } from '../../../worker/src/imports/xlsx/shared-strings.js';
import { columnIndex } from '../../../worker/src/imports/xlsx/sheet-rows.js';

async function readUpload(bytes: Buffer) {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 1000) parts.push(bytes.subarray(i, i + 1000));
  const file = await openUpload(Readable.from(parts), bytes.length);
  try {
    const rows = [];
    for await (const row of file.rows) rows.push(row);
    return { format: file.format, header: file.header, rows };
  } finally {
    await file.close();
  }
}

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await readUpload(bytes);
  } catch (error) {
    expect(error).to.be.instanceOf(FileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('reading .xlsx uploads', () => {
  it('reads the first worksheet as people meant its typed cells', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('People');
      ws.addRow(['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role', 'Lone Working', 'Started', 'Note']);
      ws.addRow(['Ada', 'Lovelace', 'ada@example.com', 7911123456, 'User', true, new Date(Date.UTC(2024, 0, 15)), 0.1 + 0.2]);
      ws.getRow(3).values = ['Bob', { richText: [{ text: 'Smi' }, { font: { bold: true }, text: 'th' }] }, { formula: 'LOWER("BOB@EXAMPLE.COM")', result: 'bob@example.com' }, 7911123457, 'Manager', false, 45000, 0.5];
      ws.getCell('D3').numFmt = '00000000000'; // a phone typed as a number, shown with its 0
      ws.getCell('G2').numFmt = 'dd/mm/yyyy';
      ws.getCell('G3').numFmt = 'd mmm yyyy';
      ws.getCell('H3').numFmt = '0%';
      ws.addRow(['Hidden', 'Row', 'hidden@example.com', '+44 7911 123458', 'User', 'FALSE']).hidden = true;
      // A merged area: the value is in its top-left cell only.
      ws.addRow(['Merged', 'Across', 'merged@example.com', '', 'User']);
      ws.mergeCells('A5:B5');
      ws.getCell('J7').value = ''; // an empty cell far out: trailing, ignored
      wb.addWorksheet('Other').addRow(['not', 'read']);
    });
    const { format, header, rows } = await readUpload(bytes);
    expect(format).to.equal('xlsx');
    expect(header).to.deep.equal(['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role', 'Lone Working', 'Started', 'Note']);
    expect(rows).to.deep.equal([
      { rowNumber: 2, cells: ['Ada', 'Lovelace', 'ada@example.com', '7911123456', 'User', 'TRUE', '15/01/2024', '0.3'] },
      { rowNumber: 3, cells: ['Bob', 'Smith', 'bob@example.com', '07911123457', 'Manager', 'FALSE', '15 Mar 2023', '50%'] },
      { rowNumber: 4, cells: ['Hidden', 'Row', 'hidden@example.com', '+44 7911 123458', 'User', 'FALSE'] },
      { rowNumber: 5, cells: ['Merged', '', 'merged@example.com', '', 'User'] },
    ]);
  });

  it('skips blank rows but keeps their numbers, and reads a sheet that starts below row 1', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A3').value = 'First Name';
      ws.getCell('B3').value = 'Email';
      ws.getCell('A6').value = 'Ada';
      ws.getCell('B6').value = 'ada@example.com';
    });
    const { header, rows } = await readUpload(bytes);
    expect(header).to.deep.equal(['First Name', 'Email']);
    expect(rows).to.deep.equal([{ rowNumber: 6, cells: ['Ada', 'ada@example.com'] }]);
  });

  it('refuses an empty workbook, macros, old .xls / password-protected files and zips that are not workbooks', async () => {
    expect(await refusal(await workbook((wb) => wb.addWorksheet('Empty')))).to.match(/The first worksheet is empty/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    expect(await refusal(ole)).to.match(/old-style Excel workbook \(\.xls\) or a password-protected one.*"Excel Workbook \(\.xlsx\)"/);
    const notWorkbook = Buffer.from('504b0304' + '00'.repeat(40), 'hex');
    expect(await refusal(notWorkbook)).to.match(/could not be read|not an Excel workbook/);
  });

  it('refuses a workbook with a cell longer than 100,000 characters', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['First Name', 'Email']);
      ws.addRow(['Ada', 'x'.repeat(100_001)]);
    });
    expect(await refusal(bytes)).to.match(/^The workbook has a cell longer than 100,000 characters/);
    const inline = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['First Name', 'Email']);
      ws.addRow(['Ada', { formula: 'REPT("x",100001)', result: 'x'.repeat(100_001) }]);
    });
    expect(await refusal(inline)).to.match(/^Row 2 has a cell longer than 100,000 characters/);
  });

  it('turns cell types into text as Excel shows them', () => {
    const wb = { date1904: false };
    expect(cellText('b', '1', 'General', wb)).to.equal('TRUE');
    expect(cellText('b', '0', 'General', wb)).to.equal('FALSE');
    expect(cellText('e', '#N/A', 'General', wb)).to.equal('#N/A');
    expect(numberText(447911123456, 'General', wb)).to.equal('447911123456');
    expect(numberText(1.5, 'General', wb)).to.equal('1.5');
    expect(numberText(45000, 'dd/mm/yyyy', wb)).to.equal('15/03/2023');
    expect(numberText(45000 - 1462, 'dd/mm/yyyy', { date1904: true })).to.equal('15/03/2023');
    expect(numberText(1234.5, '#,##0.00', wb)).to.equal('1,234.50');
    expect(columnIndex('A1')).to.equal(0);
    expect(columnIndex('AB12')).to.equal(27);
  });

  it('keeps shared strings beyond the first 65,536 on disk and reads each back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'muster-test-'));
    const table = new SharedStrings(join(dir, 's.bin'));
    try {
      const text = (i: number) => (i % 1000 === 0 ? `Zoë ${i} ${'x'.repeat(i % 7000)}` : `s${i}`);
      for (let i = 0; i < 70_000; i++) table.add(text(i));
      table.finish();
      // In order (as rows ask for them: read ahead), then out of order.
      for (let i = 0; i < 70_000; i++) if (table.get(i) !== text(i)) expect(table.get(i)).to.equal(text(i));
      expect(table.count).to.equal(70_000);
      expect(table.get(5)).to.equal('s5');
      expect(table.get(66_001)).to.equal('s66001');
      expect(table.get(69_000)).to.equal(`Zoë 69000 ${'x'.repeat(69_000 % 7000)}`);
      expect(table.get(70_000)).to.equal(undefined);
    } finally {
      table.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
