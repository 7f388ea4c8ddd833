import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from '../imports/setup.js';

type User = { email: string; firstName: string; lastName: string; role: string; phone: string | null; importId: string };
type Undone = { status: string; undo: { removed: number; restored: number; leftAlone: { email: string; reason: string }[] } };

const person = (first: string, last: string, email: string, role = 'User', phone = '') => [first, last, email, phone, role, '', 'False', 'False', 'False'];

describe('operations: undo an import', () => {
  const stack = useImportStack();

  it('after a partial import: removes whom it created, restores whom it updated, leaves alone whoever changed since', async () => {
    const { owner, manager } = await createAccount(stack.api);
    const run = async (rows: string[][], options: Record<string, string>) => {
      const imp = await owner.uploadOk(csv([HEADER, ...rows]), { autoStart: 'true', ...options });
      return owner.waitFor(imp.id, ['completed', 'completed_with_errors', 'failed']);
    };
    const first = await run([person('Ada', 'Lovelace', 'ada@example.com', 'User', '07911 123456'), person('Cy', 'Old', 'cy@example.com')], {});
    expect(first.status).to.equal('completed');

    const second = await run(
      [
        person('Ada', 'Byron', 'ada@example.com', 'Manager'),
        person('Bea', 'New', 'bea@example.com'),
        person('Dee', 'New', 'dee@example.com'),
        person('Cy', 'Changed', 'cy@example.com'),
        person('Bad', 'Row', 'not-an-email'),
      ],
      { mode: 'partial', existing: 'update' },
    );
    expect(second.status).to.equal('completed_with_errors');
    expect(second.counts).to.include({ created: 2, updated: 2, failed: 1 });

    // Later, another import changes Dee (created by the second) and Cy (updated by it).
    const third = await run([person('Dee', 'Later', 'dee@example.com'), person('Cy', 'Later', 'cy@example.com')], { existing: 'update' });
    expect(third.counts).to.include({ updated: 2 });

    expect((await manager.request('POST', `/api/v1/imports/${second.id}/undo`)).status).to.equal(403);
    const undone = await owner.json<Undone>('POST', `/api/v1/imports/${second.id}/undo`);
    expect(undone.status).to.equal('undone');
    expect(undone.undo.removed).to.equal(1);
    expect(undone.undo.restored).to.equal(1);
    expect(undone.undo.leftAlone).to.have.deep.members([
      { email: 'dee@example.com', reason: 'changed by a later import' },
      { email: 'cy@example.com', reason: 'changed since this import' },
    ]);

    const { items } = await owner.json<{ items: User[] }>('GET', '/api/v1/users?limit=50');
    const byEmail = Object.fromEntries(items.map((u) => [u.email, u]));
    expect(Object.keys(byEmail).sort()).to.deep.equal(['ada@example.com', 'cy@example.com', 'dee@example.com']);
    expect(byEmail['ada@example.com']).to.include({ lastName: 'Lovelace', role: 'user', phone: '+447911123456', importId: first.id });
    expect(byEmail['cy@example.com']).to.include({ lastName: 'Later' });
    expect(byEmail['dee@example.com']).to.include({ lastName: 'Later' });

    const again = await owner.request('POST', `/api/v1/imports/${second.id}/undo`);
    expect(again.status).to.equal(409);
    const detail = await owner.json<{ audit: { action: string }[] }>('GET', `/api/v1/imports/${second.id}`);
    expect(detail.audit.map((a) => a.action)).to.deep.equal(['uploaded', 'undone']);
  });

  it('refuses to undo an import that is still open', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, person('Ada', 'Lovelace', 'ada@example.com')]));
    await owner.waitFor(imp.id, ['validated']);
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/undo`)).status).to.equal(409);
  });
});
