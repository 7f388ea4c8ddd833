import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createAccount } from '../helpers/fixture-account.js';
import { HEADER, csv, type ApiClient } from '../helpers/import-client.js';
import { startApi, type ApiHarness } from '../helpers/api-harness.js';
import { startRedis, type ServiceProcess } from '../helpers/spawn-service.js';
import { testConfig } from '../helpers/test-env.js';
import { useImportStack } from '../integration/imports/setup.js';

const good = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
const openFds = () => readdirSync('/proc/self/fd').length;

/** Sends the start of a multipart upload by hand and hangs up half way, as a dropped connection does. */
function abortedUpload(baseUrl: string, token: string): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  const boundary = 'x' + randomBytes(8).toString('hex');
  const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER.join(',')}\r\n${'Ada,Lovelace,ada@example.com,,User,,False,False,False\r\n'.repeat(2000)}`;
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /api/v1/imports HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${part.length * 2}\r\n\r\n`,
      );
      socket.write(part, () => setTimeout(() => socket.destroy(), 20));
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

/** Runs `check` until it passes, for up to `timeoutMs`; then fails with its last error. */
async function eventually(check: () => Promise<void>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('resilience: hostile and broken uploads', function () {
  this.timeout(120_000);
  const stack = useImportStack({ UPLOADS_PER_ACCOUNT_PER_MINUTE: '1000', UPLOADS_PER_IP_PER_MINUTE: '1000' });
  let owner: ApiClient;
  let accountId: string;
  before(async () => {
    ({ owner, accountId } = await createAccount(stack.api));
  });

  it('fails a header-only file with a clear message', async () => {
    const imp = await owner.uploadOk(`${HEADER.join(',')}\r\n`);
    const failed = await owner.waitFor(imp.id, ['failed', 'validated']);
    expect(failed.error).to.deep.equal({ code: 'INVALID_FILE', message: 'The file has a header row but no people below it. Add one person per row under the header and upload it again.' });
  });

  it('refuses random binary sent as text/csv, several files, and empty or huge field names, and stays up', async () => {
    const keysBefore = await stack.api.deps.storage.list(`imports/${accountId}/`);
    const binary = Buffer.concat([Buffer.from('First Name,'), randomBytes(5000), Buffer.from([0, 0, 0])]);
    expect((await owner.upload(binary)).status).to.equal(415);
    const two = new FormData();
    two.append('file', new Blob([good]), 'a.csv');
    two.append('file', new Blob([good]), 'b.csv');
    expect((await owner.request('POST', '/api/v1/imports', two)).status).to.equal(400);
    const emptyName = new FormData();
    emptyName.append('', 'x');
    emptyName.append('file', new Blob([good]), 'a.csv');
    expect((await owner.request('POST', '/api/v1/imports', emptyName)).status).to.be.within(400, 499);
    const hugeName = new FormData();
    hugeName.append('f'.repeat(5000), 'x');
    hugeName.append('file', new Blob([good]), 'a.csv');
    expect((await owner.request('POST', '/api/v1/imports', hugeName)).status).to.equal(400);
    const wrongField = new FormData();
    wrongField.append('upload', new Blob([good]), 'a.csv');
    expect((await owner.request('POST', '/api/v1/imports', wrongField)).status).to.equal(400);
    expect((await fetch(`${stack.api.baseUrl}/healthz`)).status).to.equal(200);
    expect(await stack.api.deps.storage.list(`imports/${accountId}/`)).to.deep.equal(keysBefore);
  });

  it('keeps hostile file names out of storage keys and download headers', async () => {
    const names = ['../../x.csv', 'evil\r\nSet-Cookie: a=b.csv', 'quote"d.csv', `${'n'.repeat(1000)}.csv`, 'invoice\u202Evsc.exe.csv'];
    for (const name of names) {
      const res = await owner.upload(csv([HEADER, ['A', 'B', 'bad', '', 'User', '', 'False', 'False', 'False']]), {}, name);
      expect(res.status, name).to.equal(202);
      const imp = (await res.json()) as { id: string; fileName: string };
      expect(imp.fileName).to.not.match(/[\r\n/\\"\u202E]/);
      expect(imp.fileName.length).to.be.at.most(200);
      await owner.waitFor(imp.id, ['failed']);
      const log = await owner.request('GET', `/api/v1/imports/${imp.id}/error-log`);
      const disposition = log.headers.get('content-disposition')!;
      expect(disposition).to.match(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[\x21-\x7e]+$/);
      expect(disposition).to.not.match(/[\r\n]/);
      await log.arrayBuffer();
    }
    const keys = await stack.api.deps.storage.list(`imports/${accountId}/`);
    expect(keys.every((k) => /^imports\/[0-9a-f]{24}\/[0-9a-f]{24}\/(source|error-log)\.csv$/.test(k))).to.equal(true);
  });

  it('200 uploads dropped half way leave no import, no stored object and no leaked file descriptors', async () => {
    const before = await stack.api.deps.models.Import.countDocuments({ accountId });
    const token = owner.token;
    const round = () => Promise.all(Array.from({ length: 20 }, () => abortedUpload(stack.api.baseUrl, token)));
    // A first round fills the connection pools (S3 client, database driver), which keep their
    // sockets for reuse: that is not a leak, so descriptors are counted from after it.
    await round();
    const fdsBefore = openFds();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i += 20) await round();
    // The server finishes cleaning up (aborting the S3 uploads) after the clients have gone, later
    // on a loaded machine: poll for the clean state instead of sleeping a fixed time.
    await eventually(async () => {
      expect(await stack.api.deps.models.Import.countDocuments({ accountId })).to.equal(before);
      const keys = await stack.api.deps.storage.list(`imports/${accountId}/`);
      expect(keys.filter((k) => k.endsWith('/source.csv'))).to.have.length(before);
      // A leak grows with the 200 uploads (one descriptor each would be 200); a connection pool
      // that grew a little under the load of 20 at once does not.
      expect(openFds() - fdsBefore).to.be.at.most(25);
    });
    global.gc?.();
    console.log(`      fds ${fdsBefore} -> ${openFds()}, heap ${(heapBefore / 1e6).toFixed(1)} -> ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`);
    // And the API still takes a normal upload.
    expect((await owner.upload(good)).status).to.equal(202);
  });

  it('survives malformed multipart bodies (the published multer advisories) with 4xx', async () => {
    const send = (contentType: string, body: string) =>
      fetch(`${stack.api.baseUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': contentType }, body });
    const cases: [string, string][] = [
      ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nFirst Name'],
      ['multipart/form-data; boundary=abc', 'this is not multipart at all'],
      ['multipart/form-data', '--abc\r\n\r\n'],
      ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data; name=""\r\n\r\nx\r\n--abc--\r\n'],
      ['multipart/form-data; boundary=abc', '--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--\r\n'],
    ];
    for (const [type, body] of cases) {
      const res = await send(type, body);
      expect(res.status, body).to.be.within(400, 499);
      await res.arrayBuffer();
    }
    expect((await fetch(`${stack.api.baseUrl}/healthz`)).status).to.equal(200);
  });

  it('stops a single 20 MB line and a 200,000-column header quickly with a specific message', async () => {
    const longLine = `${HEADER.join(',')}\n"${'x'.repeat(20 * 1024 * 1024)}\n`;
    const wide = `${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\n`;
    const rssBefore = process.memoryUsage().rss;
    for (const [content, message] of [
      [longLine, /^Row 2 is longer than 100,000 characters\. A quote \("\) is probably not closed/],
      [wide, /^Row 1 has more than 1,000 cells/],
    ] as const) {
      const imp = await owner.uploadOk(content);
      const failed = await owner.waitFor(imp.id, ['failed', 'validated'], 30_000);
      expect(failed.error!.code).to.equal('INVALID_FILE');
      expect(failed.error!.message).to.match(message);
    }
    // API and worker share this process here: the file was never held whole.
    expect(process.memoryUsage().rss - rssBefore).to.be.lessThan(150 * 1024 * 1024);
  });

  it('limits uploads per account with 429 and Retry-After', async () => {
    const limited = await startApi(testConfig({ UPLOADS_PER_ACCOUNT_PER_MINUTE: '2' }));
    try {
      const { owner: o } = await createAccount(limited);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await o.upload(good)).status);
      const res = await o.upload(good);
      expect(statuses.slice(0, 2)).to.deep.equal([202, 202]);
      expect(res.status).to.equal(429);
      // The minute starts at the account's first upload (not on the clock's minute), so a refusal
      // just after it asks for (nearly) the whole minute.
      expect(Number(res.headers.get('retry-after'))).to.be.within(45, 60);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.match(/^Too many uploads from this account: at most 2 a minute\./);
    } finally {
      await limited.close();
    }
  });
});

describe('resilience: Redis down while uploading', function () {
  this.timeout(60_000);
  let redis: ServiceProcess & { url: string };
  let api: ApiHarness;
  before(async () => {
    redis = await startRedis();
    api = await startApi(testConfig({ REDIS_URL: redis.url }));
  });
  after(async () => {
    await redis.start().catch(() => undefined);
    await api.close();
    await redis.stop();
  });

  it('answers 503 promptly (no hang, nothing stored) while Redis is down, and 202 again when it is back', async () => {
    const { owner, accountId } = await createAccount(api);
    expect((await owner.upload(good)).status).to.equal(202);
    await redis.stop();
    const asked = Date.now();
    const down = await owner.upload(good);
    expect(down.status).to.equal(503);
    expect(Date.now() - asked).to.be.lessThan(3000);
    expect(down.headers.get('retry-after')).to.equal('5');
    expect(((await down.json()) as { error: { message: string } }).error.message).to.match(/Nothing was uploaded/);
    expect(await api.deps.models.Import.countDocuments({ accountId })).to.equal(1);
    await redis.start();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 202) {
      status = (await owner.upload(good)).status;
      if (status !== 202) await new Promise((r) => setTimeout(r, 300));
    }
    expect(status).to.equal(202);
  });
});
