import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { BadRow, BadRowsIndex } from '@muster/shared';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

const ROLE_CELL = HEADER.indexOf('Role');
const EMAIL_CELL = HEADER.indexOf('Email Address');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Page = BadRowsIndex & { page: number; rows: BadRow[] };

describe('imports: the bad rows of a check, page by page, for the "fix bad rows" grid', () => {
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '100' });

  it('stores every bad row with its cells, row number and the cell at fault, 200 to a page, and the repeated bad values', async () => {
    const { owner, manager, accountId } = await createAccount(stack.api);
    const rows: string[][] = [HEADER];
    // Rows 2..431: most with Role "Admin", about a quarter with a broken email, 10 good ones, mixed in file order.
    for (let i = 0; i < 430; i++) {
      const role = i % 43 === 0 ? 'User' : i % 4 === 3 ? 'User' : 'Admin';
      rows.push([`First${i}`, `Last${i}`, role === 'User' && i % 43 !== 0 ? `p${i}@@example` : `p${i}@example.com`, '', role, '', 'False', 'False', 'False']);
    }
    const bad = rows.slice(1).map((r, i) => ({ r, rowNumber: i + 2 })).filter(({ r }) => r[ROLE_CELL] === 'Admin' || r[EMAIL_CELL]!.includes('@@'));
    const admins = bad.filter(({ r }) => r[ROLE_CELL] === 'Admin').length;
    const imp = await owner.uploadOk(csv(rows), { mode: 'partial' });
    const checked = await owner.waitFor(imp.id, ['validated', 'failed']);
    expect(checked.counts.invalid).to.equal(bad.length);

    const index = await owner.json<BadRowsIndex>('GET', `/api/v1/imports/${imp.id}/bad-rows`);
    expect(index).to.include({ total: bad.length, pages: Math.ceil(bad.length / 200), pageSize: 200 });
    expect(index.header).to.deep.equal(HEADER);
    expect(index.repeated[0]).to.deep.equal({ cell: ROLE_CELL, column: 'Role', value: 'Admin', rows: admins });
    // Each broken email is different: none is "repeated".
    expect(index.repeated.filter((r) => r.cell === EMAIL_CELL)).to.deep.equal([]);

    const pages: Page[] = [];
    for (let n = 0; n < index.pages; n++) pages.push(await manager.json<Page>('GET', `/api/v1/imports/${imp.id}/bad-rows?page=${n}`));
    expect(pages.map((p) => p.rows.length)).to.deep.equal([200, 200, bad.length - 400]);
    expect(pages[1]!.page).to.equal(1);
    const all = pages.flatMap((p) => p.rows);
    expect(all.map((r) => r.rowNumber)).to.deep.equal(bad.map((b) => b.rowNumber));
    expect(all.map((r) => r.cells)).to.deep.equal(bad.map((b) => b.r));
    const firstAdmin = all.find((r) => r.cells[ROLE_CELL] === 'Admin')!;
    expect(firstAdmin.problems).to.have.length(1);
    expect(firstAdmin.problems[0]).to.include({ cell: ROLE_CELL, column: 'Role' });
    const brokenEmail = all.find((r) => r.cells[EMAIL_CELL]!.includes('@@'))!;
    expect(brokenEmail.problems[0]).to.include({ cell: EMAIL_CELL, column: 'Email Address' });

    const beyond = await owner.request('GET', `/api/v1/imports/${imp.id}/bad-rows?page=${index.pages}`);
    expect(beyond.status).to.equal(400);

    // Another account cannot see them.
    const other = await createAccount(stack.api);
    expect((await other.owner.request('GET', `/api/v1/imports/${imp.id}/bad-rows`)).status).to.equal(404);

    // Discarding the checked import removes the pages with its other files.
    const folder = `imports/${accountId}/${imp.id}/`;
    expect((await stack.api.deps.storage.list(`${folder}bad-rows/`)).length).to.equal(index.pages + 1);
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/cancel`)).status).to.be.below(300);
    await owner.waitFor(imp.id, ['cancelled']);
    expect(await stack.api.deps.storage.list(folder)).to.deep.equal([]);
    expect((await owner.request('GET', `/api/v1/imports/${imp.id}/bad-rows`)).status).to.equal(404);
  });

  it('answers 404 for an import without bad rows', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]));
    await owner.waitFor(imp.id, ['validated']);
    const res = await owner.request('GET', `/api/v1/imports/${imp.id}/bad-rows`);
    expect(res.status).to.equal(404);
  });

  it('gives an .xlsx file the cells as text, as the worker read them', async () => {
    const { owner } = await createAccount(stack.api);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('People');
    ws.addRow(HEADER);
    ws.addRow(['Ada', 'Lovelace', 'ada@example.com', 7911123456, 'Admin', '', false, false, false]);
    ws.addRow(['Bob', 'Byte', 'bob@example.com', '', 'User', '', true, false, false]);
    ws.addRow(['Cy', 'Coder', 'cy@example.com', '', 'Admin', '', false, false, false]);
    const res = await owner.upload(Buffer.from(await wb.xlsx.writeBuffer()), {}, 'people.xlsx', XLSX);
    const created = (await res.json()) as { id: string };
    expect(res.status).to.equal(202);
    await owner.waitFor(created.id, ['failed', 'validated']);
    const page = await owner.json<Page>('GET', `/api/v1/imports/${created.id}/bad-rows?page=0`);
    expect(page.total).to.equal(2);
    expect(page.rows.map((r) => r.rowNumber)).to.deep.equal([2, 4]);
    expect(page.rows[0]!.cells.slice(0, 5)).to.deep.equal(['Ada', 'Lovelace', 'ada@example.com', '7911123456', 'Admin']);
    expect(page.repeated).to.deep.equal([{ cell: ROLE_CELL, column: 'Role', value: 'Admin', rows: 2 }]);
  });
});
