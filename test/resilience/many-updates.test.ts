import { expect } from 'chai';
import { Types } from 'mongoose';
import { HEADER, csv } from '../helpers/import-client.js';
import { useFaultStack, waitUntil } from './fault-stack.js';

/**
 * FerretDB v1 on PostgreSQL stalled for good when one batch sent more updates at once than its
 * connection pool holds (a bulkWrite of 1,000 updates never finished). This stack's FerretDB has
 * a pool of 20: one batch of 150 updates must still go through.
 */
describe('resilience: a batch with many updates on FerretDB with a small pool', function () {
  this.timeout(180_000);
  const stack = useFaultStack({ IMPORT_BATCH_SIZE: '1000' });

  it('updates 150 existing people from one batch, each once, and undo puts every one back', async () => {
    stack.startWorker();
    const people = (first: string) => Array.from({ length: 150 }, (_, i) => [first, `Person${i}`, `many${i}@example.com`, '', 'User', '', 'False', 'False', 'False']);
    const created = await stack.owner.uploadOk(csv([HEADER, ...people('Before')]), { autoStart: 'true' });
    await waitUntil(stack.owner, created.id, (i) => i.status === 'completed');
    const updated = await stack.owner.uploadOk(csv([HEADER, ...people('After')]), { autoStart: 'true', existing: 'update' });
    const done = await waitUntil(stack.owner, updated.id, (i) => ['completed', 'completed_with_errors', 'failed'].includes(i.status), 120_000);
    expect(done.status).to.equal('completed');
    expect(done.counts).to.include({ rows: 150, updated: 150, created: 0 });
    const { models } = stack.api.deps;
    const users = await models.User.collection.find({ importId: new Types.ObjectId(updated.id) }, { projection: { firstName: 1 } }).toArray();
    expect(users).to.have.length(150);
    expect(new Set(users.map((u) => u.firstName))).to.deep.equal(new Set(['After']));
    const undone = await stack.owner.json<{ undo: { restored: number } }>('POST', `/api/v1/imports/${updated.id}/undo`);
    expect(undone.undo.restored).to.equal(150);
  });
});
