import { expect } from 'chai';
import type { CommandStartedEvent } from 'mongodb';
import { Types } from 'mongoose';
import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { startFerretDb } from '../../helpers/spawn-service.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';
import { findExistingUsers } from '../../../worker/src/imports/existing-users.js';

type Plan = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: Plan[] };

/** Every node of a PostgreSQL plan tree. */
const nodesOf = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];

/**
 * The hot queries, as the API and the worker really send them, each explained by FerretDB on a
 * PostgreSQL database where sequential scans are switched off: a filter that an index can answer
 * gets an index scan; one that none can (a filter FerretDB does not push down, or an index that
 * is missing or in a form `@>` cannot use) still gets a sequential scan, and the test names it.
 */
describe('hot queries are answered from an index (FerretDB on PostgreSQL)', function () {
  this.timeout(120_000);
  let ferret: Awaited<ReturnType<typeof startFerretDb>>;
  let api: ApiHarness;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const seen: CommandStartedEvent[] = [];

  before(async () => {
    ferret = await startFerretDb(undefined, { enable_seqscan: 'off' });
    const config = testConfig({ MONGO_URL: ferret.url, FERRETDB_POSTGRESQL_URL: ferret.postgresUrl });
    api = await startApi(config);
    worker = await startWorker(config);
    api.mongo.getClient().on('commandStarted', (event) => seen.push(event));
  });
  after(async () => {
    await worker?.close();
    await api?.close();
    await ferret?.remove();
  });

  /** The filter of each find/count/update/delete this test has seen, by collection. */
  function sentQueries(): { collection: string; command: string; filter: Record<string, unknown> }[] {
    return seen.flatMap((e) => {
      const c = e.command as Record<string, unknown>;
      if (e.commandName === 'find') return [{ collection: c.find as string, command: 'find', filter: (c.filter ?? {}) as Record<string, unknown> }];
      if (e.commandName === 'count') return [{ collection: c.count as string, command: 'count', filter: (c.query ?? {}) as Record<string, unknown> }];
      if (e.commandName === 'delete') return (c.deletes as { q: Record<string, unknown> }[]).map((d) => ({ collection: c.delete as string, command: 'delete', filter: d.q }));
      return [];
    });
  }

  async function planOf(collection: string, filter: Record<string, unknown>): Promise<Plan> {
    const db = api.mongo.db!;
    const explained = await db.command({ explain: { find: collection, filter } });
    const planner = explained.queryPlanner as { Plan: Plan };
    return planner.Plan;
  }

  async function expectIndexed(collection: string, filter: Record<string, unknown>) {
    const nodes = nodesOf(await planOf(collection, filter));
    const scans = nodes.filter((n) => /Scan/.test(n['Node Type']));
    const label = `${collection} ${JSON.stringify(filter)}: ${scans.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`).join(', ')}`;
    expect(scans.length, label).to.be.greaterThan(0);
    expect(scans.filter((n) => n['Node Type'] === 'Seq Scan'), label).to.deep.equal([]);
  }

  it('the users list, email search, teams, imports history and support listing by status', async () => {
    const { owner, support, accountId } = await createAccount(api);
    const rows = Array.from({ length: 10 }, (_, i) => [`P${i}`, 'Hot', `hot${i}@example.com`, '', 'User', '', 'False', 'False', 'False']);
    const imp = await owner.uploadOk(csv([HEADER, ...rows]), { autoStart: 'true' });
    await owner.waitFor(imp.id, ['completed']);
    seen.length = 0;
    await owner.json('GET', '/api/v1/users?limit=50');
    await owner.json('GET', '/api/v1/users?email=hot3@example.com');
    await owner.json('GET', `/api/v1/users?importId=${imp.id}`);
    await owner.json('GET', '/api/v1/teams');
    await owner.json('GET', '/api/v1/imports');
    await support.json('GET', '/api/v1/imports?status=failed,completed');
    await support.json('GET', `/api/v1/imports?accountId=${accountId}&status=completed`);

    const queries = sentQueries().filter((q) => ['users', 'teams', 'imports', 'accounts', 'user_list_pages'].includes(q.collection));
    expect(queries.map((q) => q.collection)).to.include.members(['users', 'teams', 'imports', 'accounts', 'user_list_pages']);
    for (const q of queries) await expectIndexed(q.collection, q.filter);
    // The whole list reads list pages by their key, each from that one index (not also the
    // account's whole accountId entry).
    const listPages = queries.filter((q) => q.collection === 'users' && 'listPage' in q.filter);
    expect(listPages.length).to.be.greaterThan(0);
    for (const q of listPages) {
      expect(Object.keys(q.filter)).to.deep.equal(['listPage']);
      const nodes = nodesOf(await planOf('users', q.filter));
      const indexes = nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));
      expect(indexes, JSON.stringify(nodes.map((n) => n['Node Type']))).to.have.length(1);
      expect(indexes[0]).to.match(/_gin_listPage$/);
    }
  });

  it('the worker looks existing users up by account + email, and undo finds an import’s users by import', async () => {
    const { owner, accountId } = await createAccount(api);
    const imp = await owner.uploadOk(csv([HEADER, ['Ada', 'Hot', 'ada.hot@example.com', '', 'User', '', 'False', 'False', 'False']]), { autoStart: 'true' });
    await owner.waitFor(imp.id, ['completed']);
    seen.length = 0;
    const found = await findExistingUsers(api.deps.models, new Types.ObjectId(accountId), ['ada.hot@example.com', 'nobody@example.com']);
    expect([...found.keys()]).to.deep.equal(['ada.hot@example.com']);
    await owner.json('POST', `/api/v1/imports/${imp.id}/undo`);

    const queries = sentQueries().filter((q) => ['users', 'userrevisions'].includes(q.collection));
    expect(queries.filter((q) => q.collection === 'users' && 'emailLower' in q.filter)).to.have.length(2);
    expect(queries.some((q) => q.command === 'delete')).to.equal(true);
    for (const q of queries) await expectIndexed(q.collection, q.filter);
  });

  it('the support console: imports by status and account, stuck imports, and the undo preview', async () => {
    const { owner, support, accountId } = await createAccount(api);
    const imp = await owner.uploadOk(csv([HEADER, ['Bo', 'Hot', 'bo.hot@example.com', '', 'User', '', 'False', 'False', 'False']]), { autoStart: 'true' });
    await owner.waitFor(imp.id, ['completed']);
    seen.length = 0;
    await support.json('GET', '/api/v1/support/imports?status=failed,completed_with_errors&file=hot');
    await support.json('GET', `/api/v1/support/imports?accountId=${accountId}&from=2026-01-01`);
    await support.json('GET', '/api/v1/support/health');
    await support.json('GET', `/api/v1/support/imports/${imp.id}/undo-preview`);

    const queries = sentQueries().filter((q) => ['imports', 'users', 'userrevisions'].includes(q.collection));
    expect(queries.filter((q) => q.collection === 'imports' && 'status' in q.filter).length).to.be.at.least(5);
    expect(queries.some((q) => q.collection === 'users' && 'createdByImportId' in q.filter)).to.equal(true);
    for (const q of queries) await expectIndexed(q.collection, q.filter);
  });

  it('would catch a filter FerretDB cannot answer from an index (the check itself can fail)', async () => {
    const nodes = nodesOf(await planOf('users', { emailLower: { $in: ['a@example.com', 'b@example.com'] } }));
    expect(nodes.map((n) => n['Node Type'])).to.include('Seq Scan');
  });
});
