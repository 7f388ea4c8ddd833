import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv, type ApiClient } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

const ROLE_CELL = HEADER.indexOf('Role');
const LAST_CELL = HEADER.indexOf('Last Name');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const person = (n: number, role: string) => [`First${n}`, `Last${n}`, `p${n}@example.com`, '', role, '', 'False', 'False', 'False'];

async function usersOf(owner: ApiClient, importId: string): Promise<Record<string, { role: string; lastName: string }>> {
  const { items } = await owner.json<{ items: { email: string; role: string; lastName: string }[] }>('GET', `/api/v1/users?importId=${importId}&limit=200`);
  return Object.fromEntries(items.map((u) => [u.email, { role: u.role, lastName: u.lastName }]));
}

async function importAll(owner: ApiClient, id: string) {
  const recheck = await owner.waitFor(id, ['validated', 'failed']);
  expect(recheck.status, JSON.stringify([recheck.error, recheck.errorSummary])).to.equal('validated');
  await owner.json('POST', `/api/v1/imports/${id}/start`, undefined, 202);
  return owner.waitFor(id, ['completed', 'completed_with_errors', 'failed']);
}

describe('imports: fixing bad rows makes a corrected import from the stored file plus edits', () => {
  const stack = useImportStack();

  it('applies the edits by row number, leaves every other row as it was, and imports each person once', async () => {
    const { owner } = await createAccount(stack.api);
    const row = (n: number, role: string) => [`First${n}`, `Last${n}`, `p${n}@example.com`, '', role, '', 'False', 'False', 'False'];
    const file = csv([HEADER, row(1, 'Admin'), row(2, 'User'), row(3, 'Admin'), row(4, 'Manager')]);
    const original = await owner.uploadOk(file);
    const checked = await owner.waitFor(original.id, ['validated', 'failed']);
    expect(checked.counts.invalid).to.equal(2);

    const edits = { 2: { [ROLE_CELL]: 'Account Owner' }, 4: { [ROLE_CELL]: 'Account Owner' } };
    const corrected = await owner.json<{ id: string }>('POST', `/api/v1/imports/${original.id}/corrections`, { edits }, 202);
    expect(corrected.id).to.not.equal(original.id);
    const recheck = await owner.waitFor(corrected.id, ['validated', 'failed']);
    expect(recheck.status).to.equal('validated');
    expect(recheck.counts).to.include({ rows: 4, valid: 4, invalid: 0 });

    await owner.json('POST', `/api/v1/imports/${corrected.id}/start`, undefined, 202);
    const done = await owner.waitFor(corrected.id, ['completed', 'completed_with_errors', 'failed']);
    expect(done.status).to.equal('completed');
    expect(done.counts.created).to.equal(4);
    const users = await owner.json<{ items: { email: string; role: string }[] }>('GET', `/api/v1/users?importId=${corrected.id}&limit=50`);
    const roles = Object.fromEntries(users.items.map((u) => [u.email, u.role]));
    expect(roles).to.deep.equal({ 'p1@example.com': 'account_owner', 'p2@example.com': 'user', 'p3@example.com': 'account_owner', 'p4@example.com': 'manager' });
  });

  it('refuses edits that name the header row, with a message that says so', async () => {
    const { owner } = await createAccount(stack.api);
    const original = await owner.uploadOk(csv([HEADER, ['A', 'B', 'a@example.com', '', 'Admin', '', 'False', 'False', 'False']]));
    await owner.waitFor(original.id, ['validated', 'failed']);
    const bad = await owner.request('POST', `/api/v1/imports/${original.id}/corrections`, { edits: { 1: { 4: 'User' } } });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).to.include('header is row 1');
  });

  it('saves a large correction in parts (one retried twice, a row edited in two parts), then applies a repeated value to all', async () => {
    const { owner, manager, accountId } = await createAccount(stack.api);
    // Rows 2..31: every third has Role "Admin"; the others are fine.
    const people = Array.from({ length: 30 }, (_, i) => person(i, i % 3 === 0 ? 'Admin' : 'User'));
    const original = await owner.uploadOk(csv([HEADER, ...people]));
    expect((await owner.waitFor(original.id, ['validated', 'failed'])).counts.invalid).to.equal(10);

    const { draftId } = await owner.json<{ draftId: string }>('POST', `/api/v1/imports/${original.id}/corrections/drafts`, undefined, 201);
    const part = (n: number, edits: Record<number, Record<number, string>>) => owner.json('PUT', `/api/v1/imports/${original.id}/corrections/drafts/${draftId}/parts/${n}`, { edits });
    // Part 0 fixes rows 2 and 5; part 1 fixes row 8 and renames row 3; part 2 renames row 3 again (later wins).
    await part(0, { 2: { [ROLE_CELL]: 'Manager' }, 5: { [ROLE_CELL]: 'Manager' } });
    await part(1, { 8: { [ROLE_CELL]: 'Wrong' }, 3: { [LAST_CELL]: 'Earlier' } });
    await part(1, { 8: { [ROLE_CELL]: 'Manager' }, 3: { [LAST_CELL]: 'Earlier' } }); // retried: replaces part 1
    await part(1, { 8: { [ROLE_CELL]: 'Manager' }, 3: { [LAST_CELL]: 'Earlier' } }); // and again
    await part(2, { 3: { [LAST_CELL]: 'Later' } });
    expect((await manager.request('PUT', `/api/v1/imports/${original.id}/corrections/drafts/${draftId}/parts/3`, { edits: {} })).status).to.equal(403);
    expect((await owner.request('PUT', `/api/v1/imports/${original.id}/corrections/drafts/${'0'.repeat(24)}/parts/0`, { edits: {} })).status).to.equal(404);
    expect((await owner.request('PUT', `/api/v1/imports/${original.id}/corrections/drafts/${draftId}/parts/1000`, { edits: {} })).status).to.equal(400);

    // The other seven "Admin" rows: apply to all.
    const corrected = await owner.json<{ id: string }>('POST', `/api/v1/imports/${original.id}/corrections`, { draftId, replacements: [{ cell: ROLE_CELL, from: 'Admin', to: 'Account Owner' }] }, 202);
    const done = await importAll(owner, corrected.id);
    expect(done.status).to.equal('completed');
    expect(done.counts.created).to.equal(30);
    const users = await usersOf(owner, corrected.id);
    const expected = Object.fromEntries(
      people.map((p, i) => {
        const rowNumber = i + 2;
        const role = [2, 5, 8].includes(rowNumber) ? 'manager' : p[ROLE_CELL] === 'Admin' ? 'account_owner' : 'user';
        return [p[2], { role, lastName: rowNumber === 3 ? 'Later' : p[LAST_CELL] }];
      }),
    );
    expect(users).to.deep.equal(expected);
    // The draft was used up: its parts are gone, and it cannot be used twice.
    expect(await stack.api.deps.storage.list(`imports/${accountId}/${original.id}/drafts/`)).to.deep.equal([]);
    expect((await owner.request('POST', `/api/v1/imports/${original.id}/corrections`, { draftId })).status).to.equal(404);
  });

  it('refuses a blank "from" in replacements, which would change good rows too', async () => {
    const { owner } = await createAccount(stack.api);
    const original = await owner.uploadOk(csv([HEADER, person(1, 'Admin')]));
    await owner.waitFor(original.id, ['validated', 'failed']);
    const res = await owner.request('POST', `/api/v1/imports/${original.id}/corrections`, { replacements: [{ cell: ROLE_CELL, from: '', to: 'User' }] });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).to.include('edit the rows');
  });

  it('corrects an .xlsx original, and a correction of a correction keeps the earlier fixes', async () => {
    const { owner } = await createAccount(stack.api);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('People');
    ws.addRow(HEADER);
    ws.addRow(['Ada', 'Lovelace', 'ada@example.com', 7911123456, 'Admin', '', false, false, false]);
    ws.addRow(['Bob', 'Byte', 'bob@example.com', '', 'User', '', true, false, false]);
    ws.addRow(['Cy', 'Coder', 'cy@example.com', '', 'Boss', '', false, false, false]);
    const res = await owner.upload(Buffer.from(await wb.xlsx.writeBuffer()), {}, 'people.xlsx', XLSX);
    expect(res.status).to.equal(202);
    const original = (await res.json()) as { id: string };
    expect((await owner.waitFor(original.id, ['validated', 'failed'])).counts.invalid).to.equal(2);

    // Fix Ada only: the check still fails on Cy.
    const first = await owner.json<{ id: string }>('POST', `/api/v1/imports/${original.id}/corrections`, { edits: { 2: { [ROLE_CELL]: 'Manager' } } }, 202);
    const firstCheck = await owner.waitFor(first.id, ['validated', 'failed']);
    expect(firstCheck.counts.invalid).to.equal(1);
    // Then Cy, from the corrected import: Ada's fix is kept.
    const second = await owner.json<{ id: string }>('POST', `/api/v1/imports/${first.id}/corrections`, { edits: { 4: { [ROLE_CELL]: 'User' } } }, 202);
    const done = await importAll(owner, second.id);
    expect(done.counts.created).to.equal(3);
    const users = await usersOf(owner, second.id);
    expect(Object.fromEntries(Object.entries(users).map(([email, u]) => [email, u.role]))).to.deep.equal({ 'ada@example.com': 'manager', 'bob@example.com': 'user', 'cy@example.com': 'user' });
  });
});
