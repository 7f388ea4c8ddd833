import { expect } from 'chai';
import { Types } from 'mongoose';
import { isDuplicateKeyError, writeErrorsOf, type Models } from '@muster/shared';
import { useTestDatabase } from '../../helpers/test-database.js';

describe('mongoose on the MongoDB-protocol server', () => {
  const db = useTestDatabase();
  let models: Models;
  before(() => (models = db.models));

  const user = (accountId: Types.ObjectId, email: string) => ({
    accountId,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email,
    emailLower: email.toLowerCase(),
    role: 'user',
  });

  it('stores and reads a document back', async () => {
    const account = await models.Account.create({ name: 'Acme', modules: ['lone_working'], defaultCountry: 'gb' });
    const found = await models.Account.findById(account._id).lean();
    expect(found).to.include({ name: 'Acme', defaultCountry: 'GB' });
    expect(found!.modules).to.deep.equal(['lone_working']);
  });

  it('reports a unique index violation as duplicate key error 11000, as MongoDB does', async () => {
    const accountId = new Types.ObjectId();
    await models.User.create(user(accountId, 'ada@example.com'));
    let error: unknown;
    try {
      await models.User.create(user(accountId, 'ADA@example.com'));
    } catch (e) {
      error = e;
    }
    expect((error as { code?: number }).code).to.equal(11000);
    expect(isDuplicateKeyError(error)).to.equal(true);
    // The same email in another account is a different person.
    await models.User.create(user(new Types.ObjectId(), 'ada@example.com'));
  });

  it('reports each duplicate of an unordered bulk insert with its index', async () => {
    const accountId = new Types.ObjectId();
    await models.User.collection.insertOne(user(accountId, 'b@example.com'));
    let error: unknown;
    try {
      await models.User.collection.insertMany(
        [user(accountId, 'a@example.com'), user(accountId, 'b@example.com'), user(accountId, 'c@example.com')],
        { ordered: false },
      );
    } catch (e) {
      error = e;
    }
    expect(isDuplicateKeyError(error)).to.equal(true);
    const indexes = writeErrorsOf(error).map((w) => w.index);
    expect(indexes).to.deep.equal([1]);
    expect(await models.User.countDocuments({ accountId })).to.equal(3);
  });
});
