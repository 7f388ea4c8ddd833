import { expect } from 'chai';
import { Types } from 'mongoose';
import { MaintenanceJobName } from '@muster/shared';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';
import { purgeExpiredFiles } from '../../../worker/src/jobs/purge-files.job.js';

describe('operations: retention of stored files', function () {
  this.timeout(60_000);
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    const config = testConfig({ RETENTION_DAYS: '30' });
    api = await startApi(config);
    worker = await startWorker(config);
  });
  after(async () => {
    await worker.close();
    await api.close();
  });

  it('schedules an hourly purge that removes old files and keeps the import record, saying so', async () => {
    const schedulers = await worker.maintenance.queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key ?? s.id, s.every])).to.deep.include([MaintenanceJobName.PurgeFiles, 3600_000]);

    const { owner, accountId } = await createAccount(api);
    const file = csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'User', '', 'False', 'False', 'False'], ['B', 'L', 'bad', '', 'User', '', 'False', 'False', 'False']]);
    const old = await owner.uploadOk(file, { mode: 'partial', autoStart: 'true' });
    await owner.waitFor(old.id, ['completed_with_errors']);
    const recent = await owner.uploadOk(file, { mode: 'partial', autoStart: 'true', existing: 'update' });
    await owner.waitFor(recent.id, ['completed_with_errors']);
    const { models, storage } = api.deps;
    // Through the driver: mongoose treats createdAt as immutable.
    await models.Import.collection.updateOne({ _id: new Types.ObjectId(old.id) }, { $set: { createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) } });
    const folder = `imports/${accountId}/${old.id}/`;
    expect(await storage.list(folder)).to.have.members(['source.csv', 'error-log.csv', 'bad-rows/0.json', 'bad-rows/index.json'].map((name) => folder + name));

    expect(await purgeExpiredFiles(models, storage, 30)).to.equal(1);
    expect(await storage.list(`imports/${accountId}/${old.id}/`)).to.deep.equal([]);
    expect(await storage.list(`imports/${accountId}/${recent.id}/`)).to.have.length(4);
    const after = await owner.json<{ status: string; counts: { created: number }; filesRemovedAt: string | null; errorLog: { available: boolean } }>('GET', `/api/v1/imports/${old.id}`);
    expect(after.status).to.equal('completed_with_errors');
    expect(after.counts.created).to.equal(1);
    expect(after.filesRemovedAt).to.be.a('string');
    expect(after.errorLog.available).to.equal(false);
    const log = await owner.request('GET', `/api/v1/imports/${old.id}/error-log`);
    expect(log.status).to.equal(404);
    expect(((await log.json()) as { error: { message: string } }).error.message).to.match(/Files are kept for 30 days; this one was removed on \d{4}-\d\d-\d\d\./);
    // A second run finds nothing more to do.
    expect(await purgeExpiredFiles(models, storage, 30)).to.equal(0);
  });
});
