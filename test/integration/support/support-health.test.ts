import { expect } from 'chai';
import { Types } from 'mongoose';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';

type Health = {
  queue: { waiting: number; delayed: number; active: number; failed: number };
  oldestWaitingSeconds: number | null;
  workers: { name: string; idleSeconds: number }[];
  stuck: { id: string; fileName: string; status: string }[];
  stuckAfterSeconds: number;
};

describe('support API: the health strip', function () {
  this.timeout(120_000);
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const config = testConfig({ RECOVERY_STALE_MS: '60000' });
  before(async () => {
    api = await startApi(config);
  });
  after(async () => {
    await worker?.close();
    await api?.close();
  });

  it('shows the waiting import and no worker, then the worker by name once one runs, and the imports recovery would pick up', async () => {
    const { owner, support, accountId } = await createAccount(api);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]));
    // An import whose worker vanished three minutes ago, and one still moving.
    const stuckId = new Types.ObjectId();
    const stale = new Date(Date.now() - 180_000);
    await api.deps.models.Import.collection.insertOne({
      _id: stuckId, accountId: new Types.ObjectId(accountId), createdBy: 'owner-1', fileName: 'stuck.csv', fileKey: 'none', fileBytes: 1,
      status: 'importing', run: 1, createdAt: stale, updatedAt: stale,
    });

    const before = await support.json<Health>('GET', '/api/v1/support/health');
    expect(before.queue.waiting).to.equal(1);
    expect(before.oldestWaitingSeconds).to.be.a('number').and.at.least(0);
    expect(before.workers).to.deep.equal([]);
    expect(before.stuck.map((s) => [s.id, s.fileName, s.status])).to.deep.equal([[String(stuckId), 'stuck.csv', 'importing']]);
    expect(before.stuckAfterSeconds).to.equal(60);

    // This worker's recovery must not take the planted import away before we have looked.
    worker = await startWorker({ ...config, limits: { ...config.limits, recoveryStaleMs: 24 * 3600_000 } });
    await owner.waitFor(imp.id, ['validated'], 60_000);
    const deadline = Date.now() + 30_000;
    let after = await support.json<Health>('GET', '/api/v1/support/health');
    while (!after.workers.some((w) => w.name === 'test-worker') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await support.json<Health>('GET', '/api/v1/support/health');
    }
    expect(after.workers.map((w) => w.name)).to.include('test-worker');
    expect(after.queue.waiting).to.equal(0);
    expect(after.oldestWaitingSeconds).to.equal(null);
  });
});
