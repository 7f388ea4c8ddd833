import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

type User = { email: string; phone: string | null; role: string; teams: string[]; modules: Record<string, boolean>; firstName: string; importId: string };

describe('imports: a clean file, end to end', () => {
  const stack = useImportStack();

  it('serves the account template with one column per purchased module, in order', async () => {
    const { owner } = await createAccount(stack.api, ['audits', 'lone_working']);
    const res = await owner.request('GET', '/api/v1/imports/template');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv/);
    expect(res.headers.get('content-disposition')).to.match(/^attachment;/);
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    expect(text).to.equal('\uFEFFFirst Name,Last Name,Email Address,Phone Number,Role,Teams,Lone Working,Audits\r\n');
  });

  it('checks a clean file (validated), then imports it on Start: counts, users, E.164 phones, teams', async () => {
    const { owner } = await createAccount(stack.api);
    const file = csv([
      HEADER,
      ['Ada', 'Lovelace', 'Ada@Example.com', '07911 123456', 'User', 'bulk users', 'True', 'False', 'Yes'],
      ['Bob', 'Smith', 'bob@example.com', '+33 6 12 34 56 78', 'manager', 'BULK USERS; bulk extra', 'n', '1', '0'],
      ['Cy', "O'Neil", 'cy@example.com', '', 'Account Owner', '', 'false', 'FALSE', 'false'],
      ['', '', '', '', '', '', '', '', ''],
      ['Di', 'Jones', 'di@example.com', '020 7946 0018', 'owner', 'Bulk extra', 'no', 'no', 'no'],
    ]);
    const created = await owner.uploadOk(file);
    expect(created.status).to.equal('queued');
    const checked = await owner.waitFor(created.id, ['validated', 'failed']);
    expect(checked.status).to.equal('validated');
    expect(checked.counts).to.include({ rows: 4, valid: 4, invalid: 0, created: 0 });
    expect(checked.errorLog.available).to.equal(false);

    await owner.json('POST', `/api/v1/imports/${created.id}/start`, undefined, 202);
    const done = await owner.waitFor(created.id, ['completed', 'completed_with_errors', 'failed']);
    expect(done.status).to.equal('completed');
    expect(done.counts).to.deep.equal({ rows: 4, valid: 4, invalid: 0, created: 4, updated: 0, skipped: 0, failed: 0 });
    expect(done.progress).to.include({ processedRows: 4, percent: 100 });

    const { items } = await owner.json<{ items: User[] }>('GET', `/api/v1/users?importId=${created.id}`);
    const byEmail = Object.fromEntries(items.map((u) => [u.email, u]));
    expect(Object.keys(byEmail).sort()).to.deep.equal(['Ada@Example.com', 'bob@example.com', 'cy@example.com', 'di@example.com']);
    expect(byEmail['Ada@Example.com']).to.deep.include({ phone: '+447911123456', role: 'user', teams: ['bulk users'] });
    expect(byEmail['Ada@Example.com']!.modules).to.deep.equal({ loneWorking: true, events: false, incidents: false, audits: true });
    expect(byEmail['bob@example.com']).to.deep.include({ phone: '+33612345678', role: 'manager' });
    expect(byEmail['bob@example.com']!.teams.sort()).to.deep.equal(['Bulk extra', 'bulk users']);
    expect(byEmail['cy@example.com']).to.deep.include({ phone: null, role: 'account_owner', teams: [] });
    expect(byEmail['di@example.com']).to.deep.include({ phone: '+442079460018', role: 'account_owner' });
  });

  it('runs straight through with autoStart=true and warns about Lone Working users with no phone', async () => {
    const { owner } = await createAccount(stack.api);
    const file = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'True', 'False', 'False']]);
    const created = await owner.uploadOk(file, { autoStart: 'true' });
    const done = await owner.waitFor(created.id, ['completed', 'failed', 'completed_with_errors']);
    expect(done.status).to.equal('completed');
    expect(done.counts.created).to.equal(1);
    expect(done.warnings).to.deep.equal(['1 row (row 2): Lone Working users need a phone number so responders can call them.']);
  });

  it('lists imports newest first, filtered by status, with cursor paging', async () => {
    const { owner } = await createAccount(stack.api);
    const file = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
    const first = await owner.uploadOk(file);
    await owner.waitFor(first.id, ['validated']);
    const second = await owner.uploadOk(file);
    await owner.waitFor(second.id, ['validated']);
    const page1 = await owner.json<{ items: { id: string }[]; nextCursor: string }>('GET', '/api/v1/imports?limit=1');
    expect(page1.items.map((i) => i.id)).to.deep.equal([second.id]);
    const page2 = await owner.json<{ items: { id: string }[] }>('GET', `/api/v1/imports?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.id)).to.deep.equal([first.id]);
    const none = await owner.json<{ items: unknown[] }>('GET', '/api/v1/imports?status=completed');
    expect(none.items).to.deep.equal([]);
  });
});
