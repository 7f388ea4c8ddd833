import { expect } from 'chai';
import { Types } from 'mongoose';
import type { ExistingPolicy, Models, UserFields } from '@muster/shared';
import { BatchWriter } from '../../../worker/src/imports/batch-writer.js';
import type { RowAction } from '../../../worker/src/imports/resolve-batch.js';
import { useTestDatabase } from '../../helpers/test-database.js';

const fields = (name: string): UserFields => ({
  firstName: name,
  lastName: 'Tester',
  email: `${name}@example.com`,
  emailLower: `${name.toLowerCase()}@example.com`,
  role: 'user',
  modules: {},
});

describe('the batch writer (one batch of a pass, on the real database)', () => {
  const db = useTestDatabase();
  let models: Models;
  before(() => (models = db.models));

  const writerFor = (existing: ExistingPolicy) => {
    const accountId = new Types.ObjectId();
    const importId = new Types.ObjectId();
    return { accountId, importId, writer: new BatchWriter({ models, accountId, importId, existing, emailLabel: 'Email' }) };
  };

  it('when a batch creates and updates, then new users are marked with the import and updated ones keep a revision', async () => {
    const { accountId, importId, writer } = writerFor('update');
    const bob = await models.User.create({ accountId, firstName: 'Bob', lastName: 'Old', email: 'bob@example.com', emailLower: 'bob@example.com', role: 'user' });
    const actions: RowAction[] = [
      { kind: 'create', fields: fields('Ann') },
      { kind: 'update', fields: { ...fields('Bob'), lastName: 'New' }, userId: bob._id, alreadyDone: false },
      { kind: 'skip' },
    ];
    await writer.write(actions);
    expect(writer.created).to.equal(1);
    const ann = await models.User.findOne({ accountId, emailLower: 'ann@example.com' }).lean();
    expect(String(ann?.createdByImportId)).to.equal(String(importId));
    const bobNow = await models.User.findById(bob._id).lean();
    expect(bobNow?.lastName).to.equal('New');
    const revision = await models.UserRevision.findOne({ importId, userId: bob._id }).lean();
    expect((revision?.before as { lastName?: string } | undefined)?.lastName).to.equal('Old');
  });

  it('when another import created the email meanwhile, then the row is decided again (updated here) and nobody is created twice', async () => {
    const { accountId, writer } = writerFor('update');
    const rival = await models.User.create({ accountId, firstName: 'Cy', lastName: 'Rival', email: 'cy@example.com', emailLower: 'cy@example.com', role: 'user', createdByImportId: new Types.ObjectId() });
    const actions: RowAction[] = [{ kind: 'create', fields: fields('Cy') }, { kind: 'create', fields: fields('Di') }];
    await writer.write(actions);
    expect(actions[0]).to.include({ kind: 'update' });
    expect(actions[1]).to.include({ kind: 'create' });
    expect(writer.created).to.equal(1);
    expect(await models.User.countDocuments({ accountId, emailLower: 'cy@example.com' })).to.equal(1);
    expect((await models.User.findById(rival._id).lean())?.lastName).to.equal('Tester');
  });

  it('when the lost race meets the skip policy, then the existing user is left as it is', async () => {
    const { accountId, writer } = writerFor('skip');
    await models.User.create({ accountId, firstName: 'Ed', lastName: 'Rival', email: 'ed@example.com', emailLower: 'ed@example.com', role: 'user' });
    const actions: RowAction[] = [{ kind: 'create', fields: fields('Ed') }];
    await writer.write(actions);
    expect(actions[0]).to.deep.equal({ kind: 'skip' });
    expect(writer.created).to.equal(0);
    expect((await models.User.findOne({ accountId, emailLower: 'ed@example.com' }).lean())?.lastName).to.equal('Rival');
  });

  it('when a batch is written again (a retry), then its own users are recognised and not counted twice', async () => {
    const { accountId, writer } = writerFor('skip');
    const batch = (): RowAction[] => [{ kind: 'create', fields: fields('Flo') }, { kind: 'create', fields: fields('Gus') }];
    await writer.write(batch());
    const again = batch();
    await writer.write(again);
    expect(again.map((a) => a.kind)).to.deep.equal(['created-before', 'created-before']);
    expect(writer.created).to.equal(2);
    expect(await models.User.countDocuments({ accountId })).to.equal(2);
  });
});
