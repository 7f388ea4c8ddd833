import { expect } from 'chai';
import { Redis } from 'ioredis';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { startRedis, type ServiceProcess } from '../../helpers/spawn-service.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';
import { useImportStack } from '../imports/setup.js';

const people = (n: number, tag: string) =>
  csv([HEADER, ...Array.from({ length: n }, (_, i) => [`P${i}`, tag, `${tag}${i}@example.com`, '', 'User', '', 'False', 'False', 'False']), ['Bad', 'Row', 'nope', '', 'User', '', 'False', 'False', 'False']]);

describe('operations: recovery after Redis lost its data', function () {
  this.timeout(120_000);
  let redis: ServiceProcess & { url: string };
  let api: ApiHarness;
  before(async () => {
    // A Redis of this test's own: FLUSHALL must not touch the shared one.
    redis = await startRedis();
  });
  after(async () => {
    await api?.close();
    await redis.stop();
  });

  it('re-enqueues an import whose job vanished mid-import, which then ends with exact counts and no duplicates', async () => {
    const config = testConfig({ REDIS_URL: redis.url, IMPORT_BATCH_SIZE: '25', RECOVERY_STALE_MS: '300', RECOVERY_INTERVAL_MS: '500' });
    api = await startApi(config);
    const { owner } = await createAccount(api);
    let worker = await startWorker(config);
    const imp = await owner.uploadOk(people(10_000, 'flush'), { autoStart: 'true', mode: 'partial' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const now = await owner.waitFor(imp.id, ['importing', 'completed_with_errors']);
      if (now.status !== 'importing' || now.progress.processedRows >= 200 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // The worker stops (handing its job back), then Redis loses everything.
    await worker.close();
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    flusher.disconnect();
    const midway = await owner.json<{ status: string; counts: { created: number } }>('GET', `/api/v1/imports/${imp.id}`);
    expect(midway.status).to.equal('importing');
    const createdSoFar = await api.deps.models.User.countDocuments({ createdByImportId: imp.id });
    expect(createdSoFar).to.be.greaterThan(0).and.lessThan(10_000);

    worker = await startWorker(config);
    const done = await owner.waitFor(imp.id, ['completed_with_errors', 'failed', 'completed'], 90_000);
    await worker.close();
    expect(done.status).to.equal('completed_with_errors');
    expect(done.counts).to.include({ rows: 10_001, valid: 10_000, invalid: 1, created: 10_000, skipped: 0, failed: 1 });
    expect(await api.deps.models.User.countDocuments({ createdByImportId: imp.id })).to.equal(10_000);
    const log = await owner.errorLog(imp.id);
    expect(log.split('\r\n').filter(Boolean)).to.have.length(2);
  });
});

describe('operations: fairness between accounts', function () {
  this.timeout(120_000);
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '10', WORKER_CONCURRENCY: '2' });

  it("does not let one account's large imports hold up another account's small one", async () => {
    const big = await createAccount(stack.api);
    const small = await createAccount(stack.api);
    const first = await big.owner.uploadOk(people(1500, 'bigA'), { autoStart: 'true', mode: 'partial' });
    const second = await big.owner.uploadOk(people(1500, 'bigB'), { autoStart: 'true', mode: 'partial' });
    await big.owner.waitFor(first.id, ['validating', 'importing']);
    const tiny = await small.owner.uploadOk(people(5, 'tiny'), { autoStart: 'true', mode: 'partial' });
    const tinyDone = await small.owner.waitFor(tiny.id, ['completed_with_errors'], 60_000);
    const firstNow = await big.owner.json<{ status: string }>('GET', `/api/v1/imports/${first.id}`);
    const secondNow = await big.owner.json<{ status: string }>('GET', `/api/v1/imports/${second.id}`);
    // The small account finished while the big account was still busy with its first import,
    // and the big account's second import waited its turn instead of taking the other slot.
    expect(tinyDone.counts.created).to.equal(5);
    expect(firstNow.status).to.not.equal('completed_with_errors');
    expect(secondNow.status).to.equal('queued');
    const a = await big.owner.waitFor(first.id, ['completed_with_errors'], 90_000);
    const b = await big.owner.waitFor(second.id, ['completed_with_errors'], 90_000);
    expect([a.counts.created, b.counts.created]).to.deep.equal([1500, 1500]);
  });
});
