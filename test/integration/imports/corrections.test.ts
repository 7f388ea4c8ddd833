import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

const ROLE_CELL = HEADER.indexOf('Role');

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
});
