import { expect } from 'chai';
import { Types } from 'mongoose';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';
import { discardUnstartedChecks } from '../../../worker/src/jobs/discard-checked.js';

type View = { status: string; filesRemovedAt: string | null };

describe('operations: discarding checked imports nobody started', function () {
  this.timeout(60_000);
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    const config = testConfig({});
    api = await startApi(config);
    worker = await startWorker(config);
  });
  after(async () => {
    await worker.close();
    await api.close();
  });

  const file = csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);

  it('lets the owner discard a checked import: it ends cancelled and its file is removed', async () => {
    const { owner, accountId } = await createAccount(api);
    const checked = await owner.uploadOk(file, { autoStart: 'false' });
    await owner.waitFor(checked.id, ['validated']);
    expect(await api.deps.storage.list(`imports/${accountId}/${checked.id}/`)).to.have.length.greaterThan(0);
    const res = await owner.request('POST', `/api/v1/imports/${checked.id}/cancel`);
    expect(res.status).to.equal(202);
    const after = await owner.json<View>('GET', `/api/v1/imports/${checked.id}`);
    expect(after.status).to.equal('cancelled');
    expect(after.filesRemovedAt).to.be.a('string');
    expect(await api.deps.storage.list(`imports/${accountId}/${checked.id}/`)).to.deep.equal([]);
    // Once discarded it cannot be started.
    expect((await owner.request('POST', `/api/v1/imports/${checked.id}/start`)).status).to.equal(409);
  });

  it('discards a checked import left alone past the limit, and only that one', async () => {
    const { owner, accountId } = await createAccount(api);
    const old = await owner.uploadOk(file, { autoStart: 'false' });
    await owner.waitFor(old.id, ['validated']);
    const fresh = await owner.uploadOk(file, { autoStart: 'false' });
    await owner.waitFor(fresh.id, ['validated']);
    const { models, storage } = api.deps;
    // Through the driver: mongoose would set updatedAt itself.
    await models.Import.collection.updateOne({ _id: new Types.ObjectId(old.id) }, { $set: { updatedAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) } });

    expect(await discardUnstartedChecks(models, storage, 7)).to.be.at.least(1);
    // From the database: the API may serve a status from its short-lived cache.
    const gone = await models.Import.findById(old.id).lean();
    expect(gone?.status).to.equal('cancelled');
    expect(gone?.filesRemovedAt).to.be.instanceOf(Date);
    expect(gone?.audit.at(-1)).to.include({ actor: 'retention', action: 'cancelled' });
    expect(await storage.list(`imports/${accountId}/${old.id}/`)).to.deep.equal([]);
    expect((await models.Import.findById(fresh.id).lean())?.status).to.equal('validated');
    expect(await storage.list(`imports/${accountId}/${fresh.id}/`)).to.have.length.greaterThan(0);
    // The fresh one can still be imported.
    expect((await owner.request('POST', `/api/v1/imports/${fresh.id}/start`)).status).to.equal(202);
    await owner.waitFor(fresh.id, ['completed']);
  });
});
