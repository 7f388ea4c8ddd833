import { expect } from 'chai';
import { startFerretDb } from '../../helpers/spawn-service.js';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { testConfig } from '../../helpers/test-env.js';
import { ApiClient } from '../../helpers/import-client.js';

describe('GET /healthz and /readyz', function () {
  this.timeout(60_000);
  let ferret: Awaited<ReturnType<typeof startFerretDb>>;
  let api: ApiHarness;
  before(async () => {
    // A FerretDB of this test's own, so stopping it leaves the shared services alone.
    ferret = await startFerretDb();
    api = await startApi(testConfig({ MONGO_URL: ferret.url, FERRETDB_POSTGRESQL_URL: ferret.postgresUrl }));
  });
  after(async () => {
    await ferret.start().catch(() => undefined);
    await api.close();
    await ferret.remove();
  });

  it('answers /healthz while the process is alive', async () => {
    const res = await fetch(`${api.baseUrl}/healthz`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
  });

  it('is ready when Redis, MongoDB and S3 answer', async () => {
    const res = await fetch(`${api.baseUrl}/readyz`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.include({ status: 'ready', services: { redis: 'ok', mongodb: 'ok', s3: 'ok' } });
  });

  it('answers 503 naming MongoDB when it stops, and 200 again when it is back, without a restart', async () => {
    await ferret.stop();
    const down = await fetch(`${api.baseUrl}/readyz`);
    expect(down.status).to.equal(503);
    const body = (await down.json()) as { error: { message: string }; services: Record<string, string> };
    expect(body.error.message).to.equal('Not ready: mongodb unreachable.');
    // The reason (with internal addresses) goes to the log, never into the public answer.
    expect(body.services.mongodb).to.equal('unreachable');
    expect(JSON.stringify(body)).to.not.match(/127\.0\.0\.1|ECONN|:\d{2,5}/);
    expect(body.services.redis).to.equal('ok');
    expect(body.services.s3).to.equal('ok');
    // An API call meanwhile is "try again shortly", not "something went wrong".
    const support = await ApiClient.as(api, { sub: 's', role: 'support' });
    const call = await support.request('GET', '/api/v1/teams?accountId=64b000000000000000000001');
    expect(call.status).to.equal(503);
    expect(call.headers.get('retry-after')).to.equal('5');

    await ferret.start();
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${api.baseUrl}/readyz`)).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).to.equal(200);
  });
});
