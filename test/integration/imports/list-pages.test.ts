import { expect } from 'chai';
import { Types } from 'mongoose';
import { pino } from 'pino';
import { LIST_PAGE_SIZE, claimListPlaces, listPageKey } from '@muster/shared';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv, type ApiClient } from '../../helpers/import-client.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';
import { useImportStack } from './setup.js';
import { backfillAccount, backfillListPages } from '../../../worker/src/jobs/backfill-list-pages.js';

type Listed = { id: string; email: string };
type Page = { items: Listed[]; nextCursor: string | null };

const person = (label: string, i: number) => [`P${i}`, label, `${label}.${i}@example.com`, '', 'User', '', 'False', 'False', 'False'];
const silent = pino({ level: 'silent' });

/** Every user of the whole list, following nextCursor; also the number of requests it took. */
async function wholeList(owner: ApiClient, limit: number): Promise<{ emails: string[]; requests: number; sizes: number[] }> {
  const emails: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  let requests = 0;
  do {
    const page: Page = await owner.json<Page>('GET', `/api/v1/users?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    requests++;
    emails.push(...page.items.map((u) => u.email));
    sizes.push(page.items.length);
    cursor = page.nextCursor;
    expect(requests, 'the list ends').to.be.below(1000);
  } while (cursor);
  return { emails, requests, sizes };
}

async function importPeople(owner: ApiClient, label: string, n: number) {
  const imp = await owner.uploadOk(csv([HEADER, ...Array.from({ length: n }, (_, i) => person(label, i))]), { autoStart: 'true' });
  await owner.waitFor(imp.id, ['completed'], 60_000);
  return imp.id;
}

describe('the users list by list pages', function () {
  this.timeout(180_000);
  // Batches of 40: each batch claims a page of 64 and fills 40, so the pages have holes too.
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '40', PER_ACCOUNT_CONCURRENCY: '3', WORKER_CONCURRENCY: '3' });

  it('lists everyone once, in the order they were created, across pages left empty by an undo', async () => {
    const { owner } = await createAccount(stack.api);
    await importPeople(owner, 'first', 130);
    const undone = await importPeople(owner, 'undone', 300);
    await importPeople(owner, 'last', 20);
    await owner.json('POST', `/api/v1/imports/${undone}/undo`);
    const expected = [...Array.from({ length: 130 }, (_, i) => `first.${i}@example.com`), ...Array.from({ length: 20 }, (_, i) => `last.${i}@example.com`)];

    const byFifty = await wholeList(owner, 50);
    expect(byFifty.emails).to.deep.equal(expected);
    // Full pages while there are more (the undone import's 8 empty pages are read past), and the
    // last page says there is no more: 150 people are exactly 3 pages of 50.
    expect(byFifty.sizes).to.deep.equal([50, 50, 50]);
    const byOne = await wholeList(owner, 1);
    expect(byOne.emails).to.deep.equal(expected);
    expect((await wholeList(owner, 200)).emails).to.deep.equal(expected);
    // Sorted by id, too: the list order is the order of creation.
    const ids = (await owner.json<Page>('GET', '/api/v1/users?limit=200')).items.map((u) => u.id);
    expect(ids).to.deep.equal([...ids].sort());
  });

  it('reads each page by its key, and an empty account answers an empty list', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    expect(await owner.json<Page>('GET', '/api/v1/users?limit=50')).to.deep.equal({ items: [], nextCursor: null });
    await importPeople(owner, 'keyed', 45);
    const users = await stack.api.deps.models.User.collection.find({ accountId: new Types.ObjectId(accountId) }).toArray();
    expect(users).to.have.length(45);
    for (const u of users) expect(u.listPage).to.equal(listPageKey(accountId, Math.floor((u.listSeq as number) / LIST_PAGE_SIZE)));
    // Batches of 40: the second batch starts a page of its own.
    expect(new Set(users.map((u) => u.listPage)).size).to.equal(2);
  });

  it('concurrent imports into one account never share a place', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const ids = await Promise.all(['a', 'b', 'c'].map(async (label) => (await owner.uploadOk(csv([HEADER, ...Array.from({ length: 120 }, (_, i) => person(`conc-${label}`, i))]), { autoStart: 'true' })).id));
    for (const id of ids) await owner.waitFor(id, ['completed'], 90_000);
    const users = await stack.api.deps.models.User.collection.find({ accountId: new Types.ObjectId(accountId) }, { projection: { listSeq: 1 } }).toArray();
    expect(users).to.have.length(360);
    expect(new Set(users.map((u) => u.listSeq)).size).to.equal(360);
    expect((await wholeList(owner, 200)).emails).to.have.length(360);
  });

  it('many writers claiming at once get distinct places, and the claimed pages have no hole', async () => {
    const { accountId } = await createAccount(stack.api);
    const { models } = stack.api.deps;
    const id = new Types.ObjectId(accountId);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, k) => claimListPlaces(models, id, 10 + k * 7)));
    const seqs = claims.flat().map((p) => p.listSeq);
    expect(new Set(seqs).size).to.equal(seqs.length);
    const pages = (await models.ListPageClaim.collection.find({ accountId: id }).toArray()).map((c) => Number(String(c._id).split(':')[1])).sort((a, b) => a - b);
    expect(pages).to.deep.equal(pages.map((_, i) => i));
  });

  it('users from before list pages: listed by the old query until the backfill, which numbers them once and resumes', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const { models } = stack.api.deps;
    const id = new Types.ObjectId(accountId);
    // An account as it was before this change: users without a place, the account not marked.
    await models.Account.collection.updateOne({ _id: id }, { $unset: { listPagesReady: '' } });
    const now = new Date();
    const old = Array.from({ length: 150 }, (_, i) => ({
      _id: new Types.ObjectId(), accountId: id, firstName: `Old${i}`, lastName: 'Timer', email: `old.${i}@example.com`, emailLower: `old.${i}@example.com`,
      phone: null, role: 'user', teamIds: [], modules: { loneWorking: false, events: false, incidents: false, audits: false },
      createdByImportId: null, importId: null, createdAt: now, updatedAt: now,
    }));
    await models.User.collection.insertMany(old);
    // An import meanwhile gives its users places, but the list must still show the old users.
    await importPeople(owner, 'meanwhile', 10);
    const before = await wholeList(owner, 50);
    expect(before.emails).to.have.length(160);
    expect(before.emails.slice(0, 150)).to.deep.equal(old.map((u) => u.email));

    // A backfill that stopped part-way (here: the first 30 numbered by hand, as it would have).
    const firstPlaces = await claimListPlaces(models, id, 30);
    for (let i = 0; i < 30; i++) await models.User.collection.updateOne({ _id: old[i]!._id }, { $set: firstPlaces[i]! });
    expect(await backfillAccount(models, id, silent)).to.equal(true);
    const numbered = await models.User.collection.find({ accountId: id }, { projection: { listSeq: 1, email: 1 } }).toArray();
    expect(numbered.every((u) => typeof u.listSeq === 'number')).to.equal(true);
    expect(new Set(numbered.map((u) => u.listSeq)).size).to.equal(160);
    for (let i = 0; i < 30; i++) expect(numbered.find((u) => u._id.equals(old[i]!._id))?.listSeq).to.equal(firstPlaces[i]!.listSeq);
    expect((await models.Account.collection.findOne({ _id: id }))?.listPagesReady).to.equal(true);

    // Now by list pages (its cursor is not an id), and still everyone once.
    const first = await owner.json<Page>('GET', '/api/v1/users?limit=50');
    expect(first.nextCursor).to.match(/^L/);
    const after = await wholeList(owner, 50);
    expect([...after.emails].sort()).to.deep.equal([...before.emails].sort());

    // Run again (every worker start does): nothing changes.
    const places = new Map(numbered.map((u) => [String(u._id), u.listSeq]));
    await backfillListPages(models, silent, new AbortController().signal);
    const again = await models.User.collection.find({ accountId: id }, { projection: { listSeq: 1 } }).toArray();
    expect(again.every((u) => places.get(String(u._id)) === u.listSeq)).to.equal(true);
  });

  it('a worker start gives an unmarked account its places', async () => {
    const { owner, accountId } = await createAccount(stack.api);
    const { models } = stack.api.deps;
    const id = new Types.ObjectId(accountId);
    await importPeople(owner, 'restart', 5);
    await models.Account.collection.updateOne({ _id: id }, { $unset: { listPagesReady: '' } });
    await models.User.collection.updateMany({ accountId: id }, { $unset: { listSeq: '', listPage: '' } });
    // A second worker on the same database (its own queue): its start runs the backfill.
    const worker = await startWorker(testConfig({ MONGO_URL: stack.api.deps.config.mongo.url }));
    try {
      const deadline = Date.now() + 60_000;
      while ((await models.Account.collection.findOne({ _id: id }))?.listPagesReady !== true) {
        expect(Date.now(), 'the backfill marks the account within a minute').to.be.below(deadline);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await worker.close();
    }
    expect((await wholeList(owner, 50)).emails).to.deep.equal(Array.from({ length: 5 }, (_, i) => `restart.${i}@example.com`));
  });

  it('cursors: a list cursor that does not add up, or one used for a search, answers 400', async () => {
    const { owner } = await createAccount(stack.api);
    await importPeople(owner, 'cursor', 3);
    const { nextCursor } = await owner.json<Page>('GET', '/api/v1/users?limit=1');
    expect(nextCursor).to.be.a('string');
    const bad = ['L', `L${Buffer.from('3.5').toString('base64url')}`, `L${Buffer.from('x.y').toString('base64url')}`, 'L!!!!', `${nextCursor}zz`];
    for (const cursor of bad) {
      const res = await owner.request('GET', `/api/v1/users?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).to.equal(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.match(/cursor/);
    }
    const searched = await owner.request('GET', `/api/v1/users?q=cursor&cursor=${encodeURIComponent(nextCursor!)}`);
    expect(searched.status).to.equal(400);
    const next = await owner.json<Page>('GET', `/api/v1/users?limit=1&cursor=${encodeURIComponent(nextCursor!)}`);
    expect(next.items.map((u) => u.email)).to.deep.equal(['cursor.1@example.com']);
  });
});
