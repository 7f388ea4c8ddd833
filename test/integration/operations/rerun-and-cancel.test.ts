import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from '../imports/setup.js';

const row = (i: number, team = '') => [`P${i}`, 'Test', `p${i}@example.com`, '', 'User', team, 'False', 'False', 'False'];

describe('operations: re-run and cancel', function () {
  this.timeout(120_000);
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '10' });

  it('a re-run after fixing the account imports the rest, and the counts describe the whole import', async () => {
    const { owner, support } = await createAccount(stack.api);
    const rows = [...Array.from({ length: 30 }, (_, i) => row(i)), ...Array.from({ length: 5 }, (_, i) => row(100 + i, 'Night Shift'))];
    const imp = await owner.uploadOk(csv([HEADER, ...rows]), { mode: 'partial', autoStart: 'true' });
    const first = await owner.waitFor(imp.id, ['completed_with_errors', 'failed']);
    expect(first.counts).to.include({ created: 30, failed: 5 });

    await owner.json('POST', '/api/v1/teams', { name: 'Night Shift' }, 201);
    await support.json('POST', `/api/v1/imports/${imp.id}/retry`, undefined, 202);
    const second = await owner.waitFor(imp.id, ['completed', 'completed_with_errors', 'failed']);
    expect(second.status).to.equal('completed');
    expect(second.counts).to.deep.equal({ rows: 35, valid: 35, invalid: 0, created: 35, updated: 0, skipped: 0, failed: 0 });
    expect(await stack.api.deps.models.User.countDocuments({ createdByImportId: imp.id })).to.equal(35);
  });

  it('cancel stops a running import at a batch boundary, and the counts say what was written', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, ...Array.from({ length: 5000 }, (_, i) => row(i))]), { autoStart: 'true', mode: 'partial' });
    for (;;) {
      const now = await owner.waitFor(imp.id, ['importing', 'completed']);
      if (now.status !== 'importing' || now.progress.processedRows >= 50) break;
    }
    await owner.json('POST', `/api/v1/imports/${imp.id}/cancel`, undefined, 202);
    const cancelled = await owner.waitFor(imp.id, ['cancelled', 'completed']);
    expect(cancelled.status).to.equal('cancelled');
    const written = await stack.api.deps.models.User.countDocuments({ createdByImportId: imp.id });
    expect(written).to.be.greaterThan(0).and.lessThan(5000);
    expect(written % 10).to.equal(0);
    expect(cancelled.counts.created).to.equal(written);
    expect((await owner.request('POST', `/api/v1/imports/${imp.id}/cancel`)).status).to.equal(409);
  });
});
