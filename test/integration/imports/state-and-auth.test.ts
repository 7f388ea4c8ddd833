import { expect } from 'chai';
import { Types } from 'mongoose';
import { SignJWT } from 'jose';
import { createAccount } from '../../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

const good = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
const bad = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'Boss', '', 'False', 'False', 'False']]);

describe('imports: start / cancel / retry rules, uploads refused, tokens and roles', () => {
  const stack = useImportStack({ MAX_UPLOAD_MB: '1' });

  it('starts only a validated import, cancels only one that has not ended', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(good);
    await owner.waitFor(imp.id, ['validated']);
    const cancelled = await owner.json<{ status: string }>('POST', `/api/v1/imports/${imp.id}/cancel`, undefined, 202);
    expect(cancelled.status).to.equal('cancelled');
    const start = await owner.request('POST', `/api/v1/imports/${imp.id}/start`);
    expect(start.status).to.equal(409);
    expect(((await start.json()) as { error: { code: string } }).error.code).to.equal('INVALID_STATE');
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/cancel`)).status).to.equal(409);
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/retry`)).status).to.equal(409);
  });

  it('retries a failed import from its stored file once the account is fixed, without a new upload', async () => {
    const { owner } = await createAccount(stack.api);
    const file = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', 'Night Shift', 'False', 'False', 'False']]);
    const imp = await owner.uploadOk(file, { autoStart: 'true' });
    const failed = await owner.waitFor(imp.id, ['failed', 'completed']);
    expect(failed.error!.code).to.equal('VALIDATION_FAILED');
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/start`)).status).to.equal(409);
    await owner.json('POST', '/api/v1/teams', { name: 'Night Shift' }, 201);
    await owner.json('POST', `/api/v1/imports/${imp.id}/retry`, undefined, 202);
    const done = await owner.waitFor(imp.id, ['completed', 'failed', 'completed_with_errors']);
    expect(done.status).to.equal('completed');
    expect(done.counts.created).to.equal(1);
    // A completed import cannot be retried; a second retry of a running one is refused too.
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/retry`)).status).to.equal(409);
  });

  it('refuses uploads with no file (400), too large (413), or not text (415), storing nothing', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const form = new FormData();
    form.append('mode', 'partial');
    const none = await owner.request('POST', '/api/v1/imports', form);
    expect(none.status).to.equal(400);
    const messageOf = async (res: Response) => ((await res.json()) as { error: { message: string } }).error.message;
    const xls = await owner.upload(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), {}, 'people.xls');
    expect(xls.status).to.equal(415);
    expect(await messageOf(xls)).to.match(/old-style Excel workbook \(\.xls\).*"Excel Workbook \(\.xlsx\)"/);
    const encrypted = await owner.upload(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000), Buffer.from('EncryptedPackage', 'utf16le')]), {}, 'people.xlsx');
    expect(encrypted.status).to.equal(415);
    expect(await messageOf(encrypted)).to.match(/^This workbook is protected with a password.*save it as "Excel Workbook \(\.xlsx\)"/);
    const macros = await owner.upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), {}, 'people.xlsm');
    expect(macros.status).to.equal(415);
    expect(await messageOf(macros)).to.match(/macros \(\.xlsm\).*"Excel Workbook \(\.xlsx\)"/);
    const pdf = await owner.upload(Buffer.from('%PDF-1.7\n...'), {}, 'people.csv');
    expect(pdf.status).to.equal(415);
    const png = await owner.upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), {}, 'p.csv');
    expect(png.status).to.equal(415);
    const badMode = await owner.upload(good, { mode: 'sometimes' });
    expect(badMode.status).to.equal(400);
    const big = await owner.upload(good + 'x,'.repeat(600_000), {}, 'big.csv');
    expect(big.status).to.equal(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).to.equal('FILE_TOO_LARGE');
    const { items } = await owner.json<{ items: unknown[] }>('GET', '/api/v1/imports');
    expect(items).to.have.length(0);
    expect(await stack.api.deps.storage.list(`imports/${accountId}/`)).to.deep.equal([]);
  });

  it('answers 401 for missing, forged, alg=none and expired tokens', async () => {
    const { accountId } = await createAccount(stack.api);
    const path = `${stack.api.baseUrl}/api/v1/imports`;
    expect((await fetch(path)).status).to.equal(401);
    const forged = await new SignJWT({ role: 'account_owner', accountId }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('not-our-secret'));
    expect((await fetch(path, { headers: { authorization: `Bearer ${forged}` } })).status).to.equal(401);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'support', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    expect((await fetch(path, { headers: { authorization: `Bearer ${none}` } })).status).to.equal(401);
    const expired = await ApiClient.as(stack.api, { sub: 'x', role: 'account_owner', accountId }, Math.floor(Date.now() / 1000) - 10);
    const res = await expired.request('GET', '/api/v1/imports');
    expect(res.status).to.equal(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).to.equal('Your session has expired. Sign in again.');
  });

  it('answers 403 for roles outside the rules and 404 for another account\'s import', async () => {
    const a = await createAccount(stack.api);
    const b = await createAccount(stack.api);
    const imp = await a.owner.uploadOk(bad);
    await a.owner.waitFor(imp.id, ['failed']);
    expect((await a.manager.upload(good)).status).to.equal(403);
    expect((await a.manager.request('GET', '/api/v1/imports/template')).status).to.equal(403);
    expect((await a.manager.request('POST', `/api/v1/imports/${imp.id}/retry`)).status).to.equal(403);
    expect((await a.user.request('GET', `/api/v1/imports/${imp.id}`)).status).to.equal(403);
    expect((await a.owner.request('POST', '/api/v1/accounts', { name: 'x', defaultCountry: 'GB' })).status).to.equal(403);
    // Managers may read.
    expect((await a.manager.request('GET', `/api/v1/imports/${imp.id}`)).status).to.equal(200);
    expect((await a.manager.request('GET', `/api/v1/imports/${imp.id}/error-log`)).status).to.equal(200);
    // Another account's owner: 404, never 403.
    for (const path of [`/api/v1/imports/${imp.id}`, `/api/v1/imports/${imp.id}/error-log`]) {
      expect((await b.owner.request('GET', path)).status, path).to.equal(404);
    }
    for (const action of ['start', 'cancel', 'retry']) {
      expect((await b.owner.request('POST', `/api/v1/imports/${imp.id}/${action}`)).status, action).to.equal(404);
    }
    expect((await b.owner.request('GET', `/api/v1/accounts/${a.accountId}`)).status).to.equal(404);
    expect((await a.owner.request('GET', `/api/v1/imports/${new Types.ObjectId()}`)).status).to.equal(404);
    // Support sees every account.
    expect((await a.support.request('GET', `/api/v1/imports/${imp.id}`)).status).to.equal(200);
  });

  it('ignores accountId and other owner fields sent in the upload form', async () => {
    const a = await createAccount(stack.api);
    const b = await createAccount(stack.api);
    const imp = await a.owner.uploadOk(good, { accountId: b.accountId, createdBy: 'mallory', _id: String(new Types.ObjectId()) });
    const got = await a.owner.json<{ accountId: string; createdBy: string }>('GET', `/api/v1/imports/${imp.id}`);
    expect(got).to.include({ accountId: a.accountId, createdBy: 'owner-1' });
  });
});
