import { expect } from 'chai';
import { Types } from 'mongoose';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

type User = { email: string; firstName: string; lastName: string; role: string; teams: string[]; importId: string; updatedAt: string };

const person = (first: string, last: string, email: string, role = 'User', teams = '') => [first, last, email, '', role, teams, 'False', 'False', 'False'];

describe('all-or-nothing means nothing, updates included', () => {
  // Three rows a batch: the first batches are written before the row that fails is reached.
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '3' });

  it('when a team is deleted between the check and the import: created users removed, updated users restored', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const first = await owner.uploadOk(csv([HEADER, person('Ada', 'Lovelace', 'ada@example.com'), person('Bob', 'Brown', 'bob@example.com'), person('Cy', 'Old', 'cy@example.com')]), { autoStart: 'true' });
    expect((await owner.waitFor(first.id, ['completed', 'failed', 'completed_with_errors'])).status).to.equal('completed');
    const listUsers = async () => (await owner.json<{ items: User[] }>('GET', '/api/v1/users?limit=50')).items.sort((a, b) => a.email.localeCompare(b.email));
    const before = await listUsers();

    const second = await owner.uploadOk(
      csv([
        HEADER,
        person('Ada', 'Byron', 'ada@example.com', 'Manager'),
        person('Bob', 'Green', 'bob@example.com'),
        person('Cy', 'New', 'cy@example.com', 'User', 'bulk users'),
        person('Dee', 'New', 'dee@example.com'),
        person('Eve', 'New', 'eve@example.com'),
        person('Fay', 'New', 'fay@example.com', 'User', 'Bulk extra'),
      ]),
      { existing: 'update' },
    );
    const checked = await owner.waitFor(second.id, ['validated', 'failed']);
    expect(checked.status, JSON.stringify(checked.error)).to.equal('validated');
    // The account changes after the check: Fay's team goes.
    await stack.api.deps.models.Team.deleteOne({ accountId: new Types.ObjectId(accountId), nameLower: 'bulk extra' });
    await owner.json('POST', `/api/v1/imports/${second.id}/start`, undefined, 202);
    const done = await owner.waitFor(second.id, ['completed', 'failed', 'completed_with_errors']);

    expect(done.status).to.equal('failed');
    expect(done.error?.code).to.equal('VALIDATION_FAILED');
    expect(done.counts).to.include({ created: 0, updated: 0, invalid: 1 });
    // Nobody new, and the three people it had updated are exactly as they were.
    expect(await listUsers()).to.deep.equal(before);
    expect(await stack.api.deps.models.UserRevision.countDocuments({ importId: new Types.ObjectId(second.id) })).to.equal(0);
  });
});
