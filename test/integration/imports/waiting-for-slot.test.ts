import { expect } from 'chai';
import { createWorkerConnection } from '@muster/shared';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';
import { takeAccountSlot } from '../../../worker/src/jobs/account-slot.js';

type View = { status: string; progress: { waiting: boolean; percent: number } };

describe('imports: an import waiting for the account\'s running import says so', function () {
  this.timeout(90_000);
  const config = testConfig({ PER_ACCOUNT_CONCURRENCY: '1' });
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const redis = createWorkerConnection(config.redis.url);
  before(async () => {
    api = await startApi(config);
    worker = await startWorker(config);
  });
  after(async () => {
    await worker.close();
    await api.close();
    redis.disconnect();
  });

  it('reports progress.waiting while the account slot is taken, and clears it once the import runs', async () => {
    const { owner, accountId } = await createAccount(api);
    // Another import of the account holds the only slot.
    const release = await takeAccountSlot(redis, config.redis.queuePrefix, accountId, 'other-import', 1);
    expect(release).to.not.equal(null);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]), { autoStart: 'false' });
    let view: View | undefined;
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      view = await owner.json<View>('GET', `/api/v1/imports/${imp.id}`);
      if (view.progress.waiting) break;
    }
    expect(view?.progress.waiting, 'the import says it is waiting').to.equal(true);
    expect(view?.status).to.equal('queued');
    await release!();
    const done = (await owner.waitFor(imp.id, ['validated'], 60_000)) as unknown as View;
    expect(done.progress.waiting).to.equal(false);
  });
});
