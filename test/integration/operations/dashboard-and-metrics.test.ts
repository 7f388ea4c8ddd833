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
    const forged = await fetch(`${url}?token=not.a.token`);
    expect(forged.status).to.equal(401);
    const page = await support.request('GET', '/admin/queues');
    expect(page.status).to.equal(200);
    expect(await page.text()).to.match(/<html/i);
    const api = await support.request('GET', '/admin/queues/api/queues');
    expect(api.status).to.equal(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).to.deep.equal(['imports']);
    // A browser opens it once with ?token= and then carries an HttpOnly cookie for that path.
    const supportToken = await ApiClient.as(stack.api, { sub: 's', role: 'support' });
    const opened = await fetch(`${url}?token=${supportToken.token}`);
    expect(opened.status).to.equal(200);
    expect(opened.headers.get('set-cookie')).to.match(/^muster_admin=.*HttpOnly.*SameSite=Strict/i);
  });

  it('exports imports by status, rows by outcome, durations, queue states and worker busy time', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'User', '', 'False', 'False', 'False'], ['B', 'L', 'bad', '', 'User', '', 'False', 'False', 'False']]), { autoStart: 'true', mode: 'partial' });
    await owner.waitFor(imp.id, ['completed_with_errors']);
    // The totals are added just after the import's status changes: poll until they show it.
    let text = '';
    const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}"+]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${stack.api.baseUrl}/metrics`);
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
});
