import { expect } from 'chai';
import { Types } from 'mongoose';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

/** `n` users of the account, written straight to the database (as a crowded account already is). */
async function crowd(models: ReturnType<typeof useImportStack>['api']['deps']['models'], accountId: string, n: number) {
  const now = new Date();
  const docs = Array.from({ length: n }, (_, i) => ({
    accountId: new Types.ObjectId(accountId),
    firstName: `Crowd${i}`,
    lastName: 'Member',
    email: `crowd${i}@example.com`,
    emailLower: `crowd${i}@example.com`,
    phone: null,
    role: 'user',
    teamIds: [],
    modules: { loneWorking: false, events: false, incidents: false, audits: false },
    createdByImportId: null,
    importId: null,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < docs.length; i += 1000) await models.User.collection.insertMany(docs.slice(i, i + 1000));
}

describe('imports into an account that already holds many users', function () {
  this.timeout(120_000);
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '1000' });

  it('a small file looks its people up by email (the account is not read whole) and updates, creates and counts exactly', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const { models } = stack.api.deps;
    await crowd(models, accountId, 3000);
    // What imports keep: the account's size, as a hint for how to look people up. Deliberately a
    // little off: a whole-account read would correct it to 3,000, lookups by email leave it be.
    await models.Account.updateOne({ _id: accountId }, { $set: { userCount: 2500 } });
    const rows = [
      ['Changed', 'Name', 'CROWD7@example.com', '', 'Manager', '', 'False', 'False', 'False'],
      ['Also', 'Changed', 'crowd2999@example.com', '', 'User', '', 'False', 'False', 'True'],
      ...Array.from({ length: 8 }, (_, i) => [`New${i}`, 'Person', `new${i}@example.com`, '', 'User', '', 'False', 'False', 'False']),
    ];
    const imp = await owner.uploadOk(csv([HEADER, ...rows]), { autoStart: 'true', existing: 'update' });
    const done = await owner.waitFor(imp.id, ['completed'], 60_000);
    expect(done.counts).to.include({ rows: 10, created: 8, updated: 2, skipped: 0, failed: 0 });
    const changed = await models.User.findOne({ accountId, emailLower: 'crowd7@example.com' }).lean();
    expect(changed).to.include({ firstName: 'Changed', role: 'manager' });
    expect(await models.User.countDocuments({ accountId })).to.equal(3008);
    // Never read whole (the hint was not corrected), and it follows the users created; undo takes
    // them off again.
    expect((await models.Account.findById(accountId).lean())?.userCount).to.equal(2508);
    await owner.json('POST', `/api/v1/imports/${imp.id}/undo`);
    expect((await models.Account.findById(accountId).lean())?.userCount).to.equal(2500);
  });

  it('the same import checked again finds the same people whichever way it looks them up', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const { models } = stack.api.deps;
    await crowd(models, accountId, 50);
    const rows = [
      ['A', 'B', 'crowd1@example.com', '', 'User', '', 'False', 'False', 'False'],
      ['C', 'D', 'fresh@example.com', '', 'User', '', 'False', 'False', 'False'],
    ];
    // No hint (by email, a small file), then an exact count from a whole read (a hint of 0 makes
    // the account "smaller than the file": read whole).
    for (const userCount of [undefined, 0]) {
      await models.Account.updateOne({ _id: accountId }, userCount === undefined ? { $unset: { userCount: 1 } } : { $set: { userCount } });
      const imp = await owner.uploadOk(csv([HEADER, ...rows]), { existing: 'fail' });
      const checked = await owner.waitFor(imp.id, ['failed'], 60_000);
      expect(checked.counts, `userCount ${userCount}`).to.include({ rows: 2, valid: 1, invalid: 1 });
    }
    // The whole read set the hint to the account's true size.
    expect((await models.Account.findById(accountId).lean())?.userCount).to.equal(50);
  });
});
