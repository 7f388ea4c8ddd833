import { expect } from 'chai';
import { Types } from 'mongoose';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv, type ApiClient } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

const person = (first: string, email: string, role = 'User', teams = '') => [first, 'Tester', email, '', role, teams, 'False', 'False', 'False'];
const ROLE_CELL = HEADER.indexOf('Role');

/** One CSV line as cells (quoted cells, such as an error naming several values, unquoted). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...cells, cell];
}

/** The error log as rows of cells. */
async function logRows(owner: ApiClient, id: string): Promise<string[][]> {
  const text = (await owner.errorLog(id)).replace(/^\uFEFF/, '');
  return text.split('\r\n').filter(Boolean).map(cellsOf);
}

async function emails(owner: ApiClient): Promise<string[]> {
  const { items } = await owner.json<{ items: { email: string }[] }>('GET', '/api/v1/users?limit=100');
  return items.map((u) => u.email).sort();
}

describe('imports: the error log never loses a good row (issue 12 point 1)', () => {
  // Three rows a batch, so good rows are decided batches before the first bad one.
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '3' });

  it('all-or-nothing: lists every row in file order, good rows with an empty error; the fixed log imports everyone', async () => {
    const { owner } = await createAccount(stack.api);
    const people = Array.from({ length: 9 }, (_, i) => person(`P${i}`, `p${i}@example.com`, i === 5 || i === 7 ? 'Admin' : 'User'));
    const imp = await owner.uploadOk(csv([HEADER, ...people]));
    const checked = await owner.waitFor(imp.id, ['failed', 'validated']);
    expect(checked.status).to.equal('failed');
    expect(checked.errorLog).to.deep.equal({ available: true, rows: 9, contains: 'all-rows' });

    const [header, ...rows] = await logRows(owner, imp.id);
    expect(header).to.deep.equal([...HEADER, 'error']);
    expect(rows.map((r) => r.slice(0, HEADER.length))).to.deep.equal(people);
    const errors = rows.map((r) => r[HEADER.length]);
    expect(errors.map((e) => e !== '')).to.deep.equal([false, false, false, false, false, true, false, true, false]);

    // Fix the two roles in the log itself and upload it again, error column and all.
    const fixed = rows.map((r) => (r[ROLE_CELL] === 'Admin' ? r.map((c, i) => (i === ROLE_CELL ? 'Account Owner' : c)) : r));
    const again = await owner.uploadOk(csv([header!, ...fixed]), { autoStart: 'true' });
    const done = await owner.waitFor(again.id, ['completed', 'completed_with_errors', 'failed']);
    expect(done.status, JSON.stringify([done.error, done.errorSummary])).to.equal('completed');
    expect(done.counts.created).to.equal(9);
    expect(await emails(owner)).to.deep.equal(people.map((p) => p[2]).sort());
  });

  it('partial: lists only the rows not imported, and says so', async () => {
    const { owner } = await createAccount(stack.api);
    const people = [person('A', 'a@example.com'), person('B', 'b@example.com', 'Admin'), person('C', 'c@example.com'), person('D', 'd@example.com')];
    const imp = await owner.uploadOk(csv([HEADER, ...people]), { mode: 'partial', autoStart: 'true' });
    const done = await owner.waitFor(imp.id, ['completed_with_errors', 'failed', 'completed']);
    expect(done.status).to.equal('completed_with_errors');
    expect(done.errorLog).to.deep.equal({ available: true, rows: 1, contains: 'rows-not-imported' });
    const [, ...rows] = await logRows(owner, imp.id);
    expect(rows.map((r) => r[0])).to.deep.equal(['B']);
  });

  it('all-or-nothing without a bad row writes no log at all', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, person('A', 'a@example.com'), person('B', 'b@example.com')]));
    const checked = await owner.waitFor(imp.id, ['validated', 'failed']);
    expect(checked.status).to.equal('validated');
    expect(checked.errorLog).to.deep.equal({ available: false, rows: 0, contains: null });
  });

  it('an all-or-nothing import pass that fails (the account changed after the check) lists every row too', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const people = [person('A', 'a@example.com'), person('B', 'b@example.com'), person('C', 'c@example.com'), person('D', 'd@example.com'), person('E', 'e@example.com', 'User', 'Bulk extra')];
    const imp = await owner.uploadOk(csv([HEADER, ...people]));
    expect((await owner.waitFor(imp.id, ['validated', 'failed'])).status).to.equal('validated');
    await stack.api.deps.models.Team.deleteOne({ accountId: new Types.ObjectId(accountId), nameLower: 'bulk extra' });
    await owner.json('POST', `/api/v1/imports/${imp.id}/start`, undefined, 202);
    const done = await owner.waitFor(imp.id, ['completed', 'failed', 'completed_with_errors']);
    expect(done.status).to.equal('failed');
    expect(done.errorLog).to.deep.equal({ available: true, rows: 5, contains: 'all-rows' });
    const [, ...rows] = await logRows(owner, imp.id);
    expect(rows.map((r) => r[0])).to.deep.equal(['A', 'B', 'C', 'D', 'E']);
    expect(rows.map((r) => r[HEADER.length] !== '')).to.deep.equal([false, false, false, false, true]);
    // The bad-rows pages hold only the bad row.
    const index = await owner.json<{ total: number }>('GET', `/api/v1/imports/${imp.id}/bad-rows`);
    expect(index.total).to.equal(1);
  });
});
