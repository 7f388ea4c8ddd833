import { expect } from 'chai';
import { Types } from 'mongoose';
import { ImportReadCache } from '../../../api/src/imports/import-read-cache.js';
import { createAccount } from '../../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

describe('status polling: the short-lived caches', () => {
  const stack = useImportStack();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** The real models, with the database reads of imports counted (the reads still go to the database). */
  function countingReads() {
    const { models } = stack.api.deps;
    const counter = { reads: 0, models };
    counter.models = { ...models, Import: new Proxy(models.Import, {
      get: (target, name, receiver) => (name === 'findById' ? (...args: Parameters<typeof target.findById>) => (counter.reads++, target.findById(...args)) : Reflect.get(target, name, receiver)),
    }) };
    return counter;
  }

  it('serves an import from one database read per TTL, shares reads in flight, and forgets on invalidate', async () => {
    const { Import } = stack.api.deps.models;
    const _id = new Types.ObjectId();
    await Import.collection.insertOne({ _id, accountId: new Types.ObjectId(), status: 'validating' });
    const counted = countingReads();
    const cache = new ImportReadCache(counted.models, 300);
    const concurrent = await Promise.all([cache.get(_id), cache.get(_id), cache.get(_id)]);
    expect(concurrent.map((doc) => doc!.status)).to.deep.equal(['validating', 'validating', 'validating']);
    expect(counted.reads, 'one read for three concurrent requests').to.equal(1);

    await Import.collection.updateOne({ _id }, { $set: { status: 'importing' } });
    expect((await cache.get(_id))!.status, 'within the TTL').to.equal('validating');
    expect(counted.reads, 'within the TTL').to.equal(1);
    cache.invalidate(_id);
    expect((await cache.get(_id))!.status, 'after invalidate').to.equal('importing');
    expect(counted.reads).to.equal(2);

    await Import.collection.updateOne({ _id }, { $set: { status: 'completed' } });
    await sleep(350);
    expect((await cache.get(_id))!.status, 'after the TTL').to.equal('completed');
    expect(counted.reads).to.equal(3);
    const unknown = new Types.ObjectId();
    expect(await cache.get(unknown)).to.equal(null);
    expect(await cache.get(unknown), 'an unknown id is remembered too').to.equal(null);
    expect(counted.reads).to.equal(4);
  });

  it('answers requests waiting on a read that an action invalidated, without keeping that read', async () => {
    const { Import } = stack.api.deps.models;
    const _id = new Types.ObjectId();
    await Import.collection.insertOne({ _id, accountId: new Types.ObjectId(), status: 'validated' });
    const counted = countingReads();
    const cache = new ImportReadCache(counted.models, 5000);
    const waiting = cache.get(_id);
    cache.invalidate(_id); // an action lands while the poll's read is in flight
    expect((await waiting)!.status).to.equal('validated');
    await Import.collection.updateOne({ _id }, { $set: { status: 'importing' } });
    expect((await cache.get(_id))!.status, 'the next poll reads again').to.equal('importing');
    expect(counted.reads).to.equal(2);
  });

  it('reads the database on every request when the TTL is 0', async () => {
    const { Import } = stack.api.deps.models;
    const _id = new Types.ObjectId();
    await Import.collection.insertOne({ _id, accountId: new Types.ObjectId(), status: 'validated' });
    const counted = countingReads();
    const cache = new ImportReadCache(counted.models, 0);
    await Promise.all([cache.get(_id), cache.get(_id)]);
    expect(counted.reads).to.equal(2);
  });

  it('shows the effect of an action at once to the next poll, and keeps other accounts out', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const other = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]));
    const checked = await owner.waitFor(imp.id, ['validated']);
    expect(checked.status).to.equal('validated');
    // Poll (which fills the cache), act, poll again straight away.
    expect((await owner.json<{ status: string }>('GET', `/api/v1/imports/${imp.id}`)).status).to.equal('validated');
    await owner.json('POST', `/api/v1/imports/${imp.id}/start`, undefined, 202);
    const after = await owner.json<{ status: string; accountId: string }>('GET', `/api/v1/imports/${imp.id}`);
    expect(after.status).to.be.oneOf(['importing', 'completed']);
    expect(after.accountId).to.equal(accountId);
    // A cached record is still checked against the caller's account.
    expect((await other.owner.request('GET', `/api/v1/imports/${imp.id}`)).status).to.equal(404);
  });

  it('remembers a verified sign-in token only until it expires', async () => {
    const { accountId } = await createAccount(stack.api);
    const shortLived = await ApiClient.as(stack.api, { sub: 'brief', role: 'account_owner', accountId }, '2s');
    expect((await shortLived.request('GET', '/api/v1/imports')).status).to.equal(200);
    expect((await shortLived.request('GET', '/api/v1/imports')).status).to.equal(200);
    await sleep(3000);
    const expired = await shortLived.request('GET', '/api/v1/imports');
    expect(expired.status).to.equal(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).to.match(/expired/);
  });
});
