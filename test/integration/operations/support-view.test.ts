import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from '../imports/setup.js';

type Listed = { id: string; accountId: string; status: string; error: { code: string } | null };
type Detail = {
  audit: { actor: string; role: string; action: string }[];
  attempts?: { worker: string; phase: string; run: number; attempt: number; outcome: string; error: string | null }[];
};

const good = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
const bad = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'Boss', '', 'False', 'False', 'False']]);

describe('operations: what support staff see', () => {
  const stack = useImportStack();

  it('lists imports across accounts, filtered by status, account and date, with the error', async () => {
    const a = await createAccount(stack.api);
    const b = await createAccount(stack.api);
    const failed = await a.owner.uploadOk(bad);
    await a.owner.waitFor(failed.id, ['failed']);
    const ok = await b.owner.uploadOk(good);
    await b.owner.waitFor(ok.id, ['validated']);

    const all = await a.support.json<{ items: Listed[] }>('GET', '/api/v1/imports?limit=200');
    const ids = all.items.map((i) => i.id);
    expect(ids).to.include.members([failed.id, ok.id]);
    const onlyFailed = await a.support.json<{ items: Listed[] }>('GET', `/api/v1/imports?status=failed&accountId=${a.accountId}`);
    expect(onlyFailed.items.map((i) => [i.id, i.error?.code])).to.deep.equal([[failed.id, 'VALIDATION_FAILED']]);
    const future = await a.support.json<{ items: Listed[] }>('GET', '/api/v1/imports?from=2999-01-01');
    expect(future.items).to.deep.equal([]);
    const today = new Date().toISOString().slice(0, 10);
    const fromToday = await a.support.json<{ items: Listed[] }>('GET', `/api/v1/imports?from=${today}&accountId=${b.accountId}`);
    expect(fromToday.items.map((i) => i.id)).to.deep.equal([ok.id]);
    expect((await a.support.request('GET', '/api/v1/imports?from=yesterday')).status).to.equal(400);
    // An owner only ever sees their own account, whatever they ask for.
    const owners = await a.owner.json<{ items: Listed[] }>('GET', `/api/v1/imports?accountId=${b.accountId}`);
    expect(owners.items.map((i) => i.accountId)).to.deep.equal([a.accountId]);
  });

  it('keeps an audit trail of who did what, and shows support every attempt', async () => {
    const { owner, support } = await createAccount(stack.api);
    const imp = await owner.uploadOk(bad, { autoStart: 'true' });
    await owner.waitFor(imp.id, ['failed']);
    await support.json('POST', `/api/v1/imports/${imp.id}/retry`, undefined, 202);
    await owner.waitFor(imp.id, ['failed']);

    const forOwner = await owner.json<Detail>('GET', `/api/v1/imports/${imp.id}`);
    expect(forOwner.audit.map((a) => [a.action, a.actor, a.role])).to.deep.equal([
      ['uploaded', 'owner-1', 'account_owner'],
      ['retried', 'support-1', 'support'],
    ]);
    expect(forOwner.attempts).to.equal(undefined);

    const forSupport = await support.json<Detail>('GET', `/api/v1/imports/${imp.id}`);
    expect(forSupport.attempts!.map((a) => [a.phase, a.run, a.attempt, a.outcome, a.worker])).to.deep.equal([
      ['validating', 1, 1, 'succeeded', 'test-worker'],
      ['validating', 2, 1, 'succeeded', 'test-worker'],
    ]);
  });
});
