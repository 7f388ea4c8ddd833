import { expect } from 'chai';
import { Types } from 'mongoose';
import { createAccount } from '../../helpers/fixture-account.js';
import { ApiClient, HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from '../imports/setup.js';

type Listed = { id: string; accountId: string; accountName: string; fileName: string; status: string; createdBy: string; error: { code: string } | null };
type Page<T> = { items: T[]; nextCursor: string | null };

const person = (first: string, email: string, role = 'User') => [first, 'Test', email, '', role, '', 'False', 'False', 'False'];

describe('support API: accounts by name, imports across accounts, undo preview', function () {
  this.timeout(120_000);
  const stack = useImportStack();

  it('finds accounts by part of their name in any case, page by page; owners and managers get 403', async () => {
    const tag = new Types.ObjectId().toString();
    const support = await ApiClient.as(stack.api, { sub: 'support-1', role: 'support' });
    for (const name of [`Harbour ${tag} Ltd`, `HARBOUR ${tag} plc`, `Other ${tag}`]) {
      await support.json('POST', '/api/v1/accounts', { name, defaultCountry: 'GB' }, 201);
    }
    const first = await support.json<Page<{ name: string }>>('GET', `/api/v1/accounts?q=harbour%20${tag}&limit=1`);
    expect(first.items.map((a) => a.name)).to.deep.equal([`Harbour ${tag} Ltd`]);
    const second = await support.json<Page<{ name: string }>>('GET', `/api/v1/accounts?q=harbour%20${tag}&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((a) => a.name)).to.deep.equal([`HARBOUR ${tag} plc`]);
    const rest = await support.json<Page<{ name: string }>>('GET', `/api/v1/accounts?q=harbour%20${tag}&limit=1&cursor=${second.nextCursor}`);
    expect(rest).to.deep.equal({ items: [], nextCursor: null });

    const { owner, manager } = await createAccount(stack.api);
    for (const client of [owner, manager]) {
      for (const path of ['/api/v1/accounts?q=a', '/api/v1/support/imports', '/api/v1/support/health', `/api/v1/support/imports/${new Types.ObjectId()}/undo-preview`]) {
        expect((await client.request('GET', path)).status, path).to.equal(403);
      }
    }
  });

  it('lists every account\'s imports newest first, by several statuses, account, file name and date, paged', async () => {
    const a = await createAccount(stack.api);
    const b = await createAccount(stack.api);
    const bad = csv([HEADER, person('Ada', 'ada@example.com', 'Boss')]);
    const partial = csv([HEADER, person('Bo', 'bo@example.com'), person('Cy', 'not-an-email')]);
    const failedA = await a.owner.uploadOk(bad, { autoStart: 'true' });
    await a.owner.waitFor(failedA.id, ['failed']);
    const partialB = await b.owner.uploadOk(partial, { autoStart: 'true', mode: 'partial' });
    await b.owner.waitFor(partialB.id, ['completed_with_errors']);
    const checkedB = await b.owner.uploadOk(csv([HEADER, person('Di', 'di@example.com')]));
    await b.owner.waitFor(checkedB.id, ['validated']);

    const troubled = async (query: string) =>
      (await a.support.json<Page<Listed>>('GET', `/api/v1/support/imports?status=failed,completed_with_errors&${query}`)).items.map((i) => i.id);
    const mine = (ids: string[]) => ids.filter((id) => [failedA.id, partialB.id, checkedB.id].includes(id));
    expect(mine(await troubled('limit=200'))).to.deep.equal([partialB.id, failedA.id]);
    expect(await troubled(`accountId=${a.accountId}`)).to.deep.equal([failedA.id]);
    expect(await troubled(`accountId=${b.accountId}&file=PEOPLE`)).to.deep.equal([partialB.id]);
    expect(await troubled(`accountId=${b.accountId}&file=nothing-like-it`)).to.deep.equal([]);
    expect(await troubled(`accountId=${a.accountId}&from=2999-01-01`)).to.deep.equal([]);
    expect(await troubled(`accountId=${a.accountId}&to=2000-01-01`)).to.deep.equal([]);

    const row = (await a.support.json<Page<Listed>>('GET', `/api/v1/support/imports?accountId=${a.accountId}`)).items[0]!;
    expect(row).to.include({ id: failedA.id, status: 'failed', createdBy: 'owner-1', fileName: 'people.csv' });
    expect(row.accountName).to.match(/^Acme /);
    expect(row.error?.code).to.equal('VALIDATION_FAILED');

    // One account, all statuses, one at a time: the pages join up with nothing lost or repeated.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Listed> = await b.support.json('GET', `/api/v1/support/imports?accountId=${b.accountId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).to.deep.equal([checkedB.id, partialB.id]);
    expect((await a.support.request('GET', '/api/v1/support/imports?status=broken')).status).to.equal(400);
  });

  it('previews an undo exactly as the undo then does it', async () => {
    const { owner, support } = await createAccount(stack.api);
    const run = async (rows: string[][], options: Record<string, string> = {}) => {
      const imp = await owner.uploadOk(csv([HEADER, ...rows]), { autoStart: 'true', ...options });
      return owner.waitFor(imp.id, ['completed', 'completed_with_errors', 'failed']);
    };
    await run([person('Ada', 'ada@example.com'), person('Cy', 'cy@example.com')]);
    const second = await run([person('Ada', 'ada@example.com', 'Manager'), person('Bea', 'bea@example.com'), person('Dee', 'dee@example.com'), person('Cy', 'cy@example.com', 'Manager')], { existing: 'update' });
    expect(second.counts).to.include({ created: 2, updated: 2 });
    // Later, another import changes Dee (created by the second) and Cy (updated by it).
    await run([person('Dee', 'dee@example.com', 'Manager'), person('Cy', 'cy@example.com')], { existing: 'update' });

    type Plan = { remove: number; restore: number; removing: string[]; restoring: string[]; leftAloneCount: number; leftAlone: { email: string; reason: string }[] };
    const plan = await support.json<Plan>('GET', `/api/v1/support/imports/${second.id}/undo-preview`);
    expect(plan).to.deep.include({ remove: 1, restore: 1, removing: ['bea@example.com'], restoring: ['ada@example.com'], leftAloneCount: 2 });
    expect(plan.leftAlone).to.have.deep.members([
      { email: 'dee@example.com', reason: 'changed by a later import' },
      { email: 'cy@example.com', reason: 'changed since this import' },
    ]);
    const undone = await support.json<{ undo: { removed: number; restored: number; leftAlone: unknown[] }; audit: { action: string; actor: string; role: string }[] }>('POST', `/api/v1/imports/${second.id}/undo`);
    expect(undone.undo).to.deep.include({ removed: plan.remove, restored: plan.restore });
    expect(undone.undo.leftAlone).to.have.deep.members(plan.leftAlone);
    expect(undone.audit.at(-1)).to.deep.include({ action: 'undone', actor: 'support-1', role: 'support' });
    expect((await support.request('GET', `/api/v1/support/imports/${second.id}/undo-preview`)).status).to.equal(409);
  });
});
