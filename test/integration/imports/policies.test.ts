import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

type User = { email: string; firstName: string; lastName: string; phone: string | null; role: string; importId: string };

describe('imports: existing users, encodings and delimiters', () => {
  const stack = useImportStack();

  const seedFile = csv([HEADER, ['Ada', 'Lovelace', 'ada@example.com', '07911 123456', 'User', 'bulk users', 'False', 'False', 'False']]);
  const againFile = csv([
    HEADER,
    ['Ada', 'Byron', 'ADA@example.com', '', 'Manager', '', 'False', '', 'False'],
    ['Bea', 'New', 'bea@example.com', '', 'User', '', 'False', 'False', 'False'],
  ]);

  async function withExistingAda() {
    const account = await createAccount(stack.api);
    const first = await account.owner.uploadOk(seedFile, { autoStart: 'true' });
    expect((await account.owner.waitFor(first.id, ['completed', 'failed'])).status).to.equal('completed');
    return account;
  }

  it('existing=skip (default) counts people who already exist as skipped and leaves them alone', async () => {
    const { owner } = await withExistingAda();
    const imp = await owner.uploadOk(againFile, { autoStart: 'true', mode: 'partial' });
    const done = await owner.waitFor(imp.id, ['completed', 'completed_with_errors', 'failed']);
    // Ada's blank Incidents cell would be an error for a new person; she is skipped instead.
    expect(done.counts).to.include({ rows: 2, created: 1, skipped: 1, invalid: 0 });
    const clean = await owner.uploadOk(seedFile, { autoStart: 'true' });
    const skipped = await owner.waitFor(clean.id, ['completed', 'failed']);
    expect(skipped.counts).to.include({ rows: 1, created: 0, skipped: 1 });
    const { items } = await owner.json<{ items: User[] }>('GET', '/api/v1/users?email=ada@example.com');
    expect(items[0]).to.include({ lastName: 'Lovelace', role: 'user' });
  });

  it('existing=update changes only the cells the row fills in', async () => {
    const { owner } = await withExistingAda();
    const imp = await owner.uploadOk(againFile, { autoStart: 'true', existing: 'update' });
    const done = await owner.waitFor(imp.id, ['completed', 'completed_with_errors', 'failed']);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    expect(done.counts).to.include({ rows: 2, created: 1, updated: 1, skipped: 0 });
    const { items } = await owner.json<{ items: User[] }>('GET', '/api/v1/users?email=ada@example.com');
    expect(items[0]).to.include({ email: 'ada@example.com', lastName: 'Byron', role: 'manager', phone: '+447911123456', importId: imp.id });
  });

  it('existing=fail makes each existing email a row error', async () => {
    const { owner } = await withExistingAda();
    const imp = await owner.uploadOk(seedFile, { existing: 'fail' });
    const failed = await owner.waitFor(imp.id, ['failed', 'validated']);
    expect(failed.error!.code).to.equal('VALIDATION_FAILED');
    const log = await owner.errorLog(imp.id);
    expect(log).to.contain('Email Address belongs to a user who already exists; remove the row, or choose to update existing users.');
  });

  const people = [HEADER, ['Zoë', 'Brontë', 'zoe@example.com', '07911 123456', 'User', 'Bulk extra', 'no', 'no', 'no']];
  const encodings: [string, () => Buffer][] = [
    ['UTF-8 with BOM, CRLF', () => Buffer.from(`\uFEFF${csv(people, '\r\n')}`, 'utf8')],
    ['UTF-8 without BOM, semicolons', () => Buffer.from(csv(people, '\n', ';'), 'utf8')],
    ['UTF-16 LE with BOM, tabs', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(people, '\r\n', '\t'), 'utf16le')])],
    ['UTF-16 BE with BOM', () => {
      const le = Buffer.from(csv(people), 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }],
    ['Windows-1252 (Excel on Windows)', () => Buffer.from(csv(people, '\r\n'), 'latin1')],
  ];
  for (const [name, bytes] of encodings) {
    it(`reads ${name}`, async () => {
      const { owner } = await createAccount(stack.api);
      const imp = await owner.uploadOk(bytes(), { autoStart: 'true' });
      const done = await owner.waitFor(imp.id, ['completed', 'failed', 'completed_with_errors']);
      expect(done.status, JSON.stringify(done.error)).to.equal('completed');
      const { items } = await owner.json<{ items: User[] }>('GET', '/api/v1/users');
      expect(items.map((u) => [u.firstName, (u as unknown as { lastName: string }).lastName])).to.deep.equal([['Zoë', 'Brontë']]);
    });
  }

  it('keeps quoted commas, doubled quotes and line breaks inside cells, and skips blank lines', async () => {
    const { owner } = await createAccount(stack.api);
    const text = `${HEADER.join(',')},Notes\n\n"Smith, Jr","O""Brien",q@example.com,,User,"bulk users,Bulk extra",no,no,no,"line one\nline two"\n\n`;
    const imp = await owner.uploadOk(text, { autoStart: 'true' });
    const done = await owner.waitFor(imp.id, ['completed', 'failed', 'completed_with_errors']);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    const { items } = await owner.json<{ items: (User & { teams: string[] })[] }>('GET', '/api/v1/users');
    expect(items[0]).to.include({ firstName: 'Smith, Jr', lastName: 'O"Brien' });
    expect(items[0]!.teams).to.have.length(2);
  });
});
