import { expect } from 'chai';
import { SignJWT } from 'jose';
import { apiRoutes } from '../../api/src/routes.js';
import { createAccount } from '../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('resilience: every endpoint refuses the wrong caller', function () {
  this.timeout(60_000);
  const stack = useImportStack();

  it('401 for bad tokens, 403 for roles outside the rules, 404 for another account, on every route', async () => {
    const a = await createAccount(stack.api);
    const b = await createAccount(stack.api);
    const imp = await a.owner.uploadOk(csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'Boss', '', 'False', 'False', 'False']]));
    await a.owner.waitFor(imp.id, ['failed']);
    const secret = stack.api.deps.config.auth.jwtSecret;
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const key = new TextEncoder().encode(secret);
    const badTokens: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'support', exp })}.`,
      'wrong signature': await new SignJWT({ role: 'account_owner', accountId: a.accountId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setSubject('x').setExpirationTime(exp).sign(new TextEncoder().encode('another-secret')),
      expired: await new SignJWT({ role: 'account_owner', accountId: a.accountId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setSubject('x').setExpirationTime(Math.floor(Date.now() / 1000) - 5).sign(key),
      'no accountId': await new SignJWT({ role: 'account_owner' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setSubject('x').setExpirationTime(exp).sign(key),
      'no exp': await new SignJWT({ role: 'account_owner', accountId: a.accountId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setSubject('x').sign(key),
      'HS512 with our secret': await new SignJWT({ role: 'support' }).setProtectedHeader({ alg: 'HS512' }).setIssuedAt().setSubject('x').setExpirationTime(exp).sign(key),
      'no iat': await new SignJWT({ role: 'support' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(exp).sign(key),
      // Still within its exp, but issued longer ago than AUTH_JWT_MAX_AGE_SECONDS (24 h by default).
      'older than the maximum age': await new SignJWT({ role: 'support' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt(now - 25 * 3600).setExpirationTime(exp).sign(key),
    };
    const routes = apiRoutes(stack.api.deps).map((r) => ({ method: r.method.toUpperCase(), path: r.path.replace(':id', r.path.startsWith('/api/v1/accounts') ? a.accountId : imp.id) }));
    expect(routes.length).to.be.greaterThan(10);

    for (const { method, path } of routes) {
      for (const [what, token] of Object.entries(badTokens)) {
        const res = await fetch(`${stack.api.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
        expect(res.status, `${what}: ${method} ${path}`).to.equal(401);
      }
      // A plain user may do nothing here.
      expect((await a.user.request(method, path)).status, `user: ${method} ${path}`).to.equal(403);
      if (path.startsWith('/api/v1/support/')) {
        // Support-only routes refuse every owner by role, before looking anything up.
        expect((await b.owner.request(method, path)).status, `owner on a support route: ${method} ${path}`).to.equal(403);
      } else if (path.includes(imp.id) || path.includes(a.accountId)) {
        // Another account's owner never learns that these exist.
        expect((await b.owner.request(method, path)).status, `other account: ${method} ${path}`).to.equal(404);
      }
    }
    // Owner-only actions are refused to managers.
    const ownerOnly = routes.filter((r) => r.method === 'POST' || r.path.endsWith('/template'));
    for (const { method, path } of ownerOnly) {
      expect((await a.manager.request(method, path)).status, `manager: ${method} ${path}`).to.equal(403);
    }
    const supportClient = await ApiClient.as(stack.api, { sub: 's', role: 'support' });
    expect((await supportClient.request('GET', `/api/v1/imports/${imp.id}`)).status).to.equal(200);
  });
});
