import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from '../imports/setup.js';

describe('operations: queue dashboard and metrics', () => {
  const stack = useImportStack();

  it('serves bull-board at /admin/queues to support staff only', async () => {
    const { owner, support } = await createAccount(stack.api);
    const url = `${stack.api.baseUrl}/admin/queues`;
    expect((await fetch(url)).status).to.equal(401);
    expect((await owner.request('GET', '/admin/queues')).status).to.equal(403);
    expect((await fetch(url, { headers: { authorization: 'Bearer not.a.token' } })).status).to.equal(401);
    const page = await support.request('GET', '/admin/queues');
    expect(page.status).to.equal(200);
    expect(await page.text()).to.match(/<html/i);
    const api = await support.request('GET', '/admin/queues/api/queues');
    expect(api.status).to.equal(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).to.deep.equal(['imports']);
    // A token in the address is refused: it would sit in history and logs.
    const supportToken = await ApiClient.as(stack.api, { sub: 's', role: 'support' });
    expect((await fetch(`${url}?token=${supportToken.token}`)).status).to.equal(400);
  });

  it('a support token is exchanged once, by a POSTed form, for a short dashboard-only session cookie', async () => {
    const { owner } = await createAccount(stack.api);
    const base = stack.api.baseUrl;
    const form = await fetch(`${base}/admin/sign-in`);
    expect(form.status).to.equal(200);
    expect(await form.text()).to.match(/<form method="post" action="\/admin\/sign-in">/);
    const signIn = (token: string) =>
      fetch(`${base}/admin/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
    expect((await signIn(owner.token)).status).to.equal(403);
    expect((await signIn('not.a.token')).status).to.equal(401);

    const supportToken = (await ApiClient.as(stack.api, { sub: 's', role: 'support' })).token;
    const signedIn = await signIn(supportToken);
    expect(signedIn.status).to.equal(303);
    expect(signedIn.headers.get('location')).to.equal('/admin/queues/');
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    expect(setCookie).to.match(/^muster_dashboard=[^;]+; Max-Age=1800; Path=\/admin\/queues;.*HttpOnly.*SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    expect(cookie).to.not.include(supportToken);

    const page = await fetch(`${base}/admin/queues`, { headers: { cookie } });
    expect(page.status).to.equal(200);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { cookie } })).status).to.equal(200);
    // The session is for the dashboard alone: the API does not take it as a token.
    const session = decodeURIComponent(cookie.slice('muster_dashboard='.length));
    expect((await fetch(`${base}/api/v1/imports`, { headers: { authorization: `Bearer ${session}` } })).status).to.equal(401);
    // An API token in the cookie is not a session.
    expect((await fetch(`${base}/admin/queues`, { headers: { cookie: `muster_dashboard=${supportToken}` } })).status).to.equal(401);
    // Malformed cookies answer 400 or 401, never 500.
    expect((await fetch(`${base}/admin/queues`, { headers: { cookie: 'muster_dashboard=%E0%A4%A' } })).status).to.equal(400);
    expect((await fetch(`${base}/admin/queues`, { headers: { cookie: 'muster_dashboard=a.b.c' } })).status).to.equal(401);
  });

  it('sends the security headers on the API and the dashboard, and Cache-Control: no-store on API answers', async () => {
    const { owner, support } = await createAccount(stack.api);
    for (const res of [await owner.request('GET', '/api/v1/teams'), await owner.request('GET', '/api/v1/nothing-here'), await support.request('GET', '/admin/queues')]) {
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('content-security-policy')).to.include("frame-ancestors 'none'");
      expect(res.headers.get('x-powered-by')).to.equal(null);
      expect(res.headers.get('cache-control')).to.equal('no-store');
    }
    const dashboard = await support.request('GET', '/admin/queues');
    // Nothing from other origins: the CSP allows this origin only.
    expect(dashboard.headers.get('content-security-policy')).to.not.match(/https?:|\*/);
  });

  it('exports imports by status, rows by outcome, durations, queue states and worker busy time', async () => {
    const { owner, support } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'User', '', 'False', 'False', 'False'], ['B', 'L', 'bad', '', 'User', '', 'False', 'False', 'False']]), { autoStart: 'true', mode: 'partial' });
    await owner.waitFor(imp.id, ['completed_with_errors']);
    // The totals are added just after the import's status changes: poll until they show it.
    let text = '';
    const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}"+]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    for (let i = 0; i < 100; i++) {
      const res = await support.request('GET', '/metrics');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/plain/);
      text = await res.text();
      if (value('muster_imports_ended_total{status="completed_with_errors"}') === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(value('muster_imports_ended_total{status="completed_with_errors"}')).to.equal(1);
    expect(value('muster_imports_ended_total{status="failed"}')).to.equal(0);
    expect(value('muster_imports_open{status="queued"}')).to.equal(0);
    expect(value('muster_import_rows_total{outcome="created"}')).to.equal(1);
    expect(value('muster_import_rows_total{outcome="failed"}')).to.equal(1);
    expect(value('muster_import_duration_seconds_count')).to.equal(1);
    expect(value('muster_import_duration_seconds_bucket{le="+Inf"}')).to.equal(1);
    expect(value('muster_queue_jobs{state="failed"}')).to.equal(0);
    expect(value('muster_worker_busy_seconds_total')).to.be.greaterThan(0);
  });

  it('/metrics needs METRICS_TOKEN or a support token', async () => {
    const { owner, support } = await createAccount(stack.api);
    const url = `${stack.api.baseUrl}/metrics`;
    expect((await fetch(url)).status).to.equal(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).to.equal(401);
    expect((await owner.request('GET', '/metrics')).status).to.equal(403);
    expect((await support.request('GET', '/metrics')).status).to.equal(200);
    expect((await fetch(url, { headers: { authorization: `Bearer ${stack.api.deps.config.metricsToken}` } })).status).to.equal(200);
  });
});
