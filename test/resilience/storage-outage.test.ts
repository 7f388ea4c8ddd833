import { expect } from 'chai';
import { createAccount } from '../helpers/fixture-account.js';
import { HEADER, csv } from '../helpers/import-client.js';
import { startApi, type ApiHarness } from '../helpers/api-harness.js';
import { startS3Gateway, type ServiceProcess } from '../helpers/spawn-service.js';
import { testConfig } from '../helpers/test-env.js';

describe('resilience: the S3 gateway is down during an upload', function () {
  this.timeout(60_000);
  let s3: ServiceProcess & { endpoint: string };
  let api: ApiHarness;
  before(async () => {
    s3 = await startS3Gateway('fault-key', 'fault-secret');
    api = await startApi(testConfig({ S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: 'fault-key', S3_SECRET_ACCESS_KEY: 'fault-secret' }));
  });
  after(async () => {
    await s3.start().catch(() => undefined);
    await api.close();
    await s3.stop();
  });

  it('answers 503 with no import record and no stored object, and works again when it is back', async () => {
    const { owner, accountId } = await createAccount(api);
    const file = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
    await s3.stop();
    const down = await owner.upload(file);
    expect(down.status).to.equal(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).to.equal('STORAGE_UNAVAILABLE');
    expect(await api.deps.models.Import.countDocuments({ accountId })).to.equal(0);
    await s3.start();
    expect(await api.deps.storage.list(`imports/${accountId}/`)).to.deep.equal([]);
    expect((await owner.upload(file)).status).to.equal(202);
    expect(await api.deps.storage.list(`imports/${accountId}/`)).to.have.length(1);
  });
});
