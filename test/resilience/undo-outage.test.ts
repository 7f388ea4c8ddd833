import { expect } from 'chai';
import { Types } from 'mongoose';
import { connectMongo } from '@muster/shared';
import { HEADER, csv } from '../helpers/import-client.js';
import { useFaultStack, waitUntil } from './fault-stack.js';

type Undo = { state: string; removed: number; restored: number; leftAlone: unknown[] };

const people = (n: number, lastName: string, from = 0) =>
  Array.from({ length: n }, (_, i) => [`P${from + i}`, lastName, `undo${from + i}@example.com`, '', 'User', '', 'False', 'False', 'False']);

describe('resilience: the database stops in the middle of an undo', function () {
  this.timeout(480_000);
  const stack = useFaultStack({ IMPORT_BATCH_SIZE: '500' });

  it('the undo records what it did and releases its claim; a second undo finishes the job', async () => {
    stack.startWorker();
    const ended = ['completed', 'completed_with_errors', 'failed'];
    const first = await stack.owner.uploadOk(csv([HEADER, ...people(3000, 'Before')]), { autoStart: 'true' });
    expect((await waitUntil(stack.owner, first.id, (i) => ended.includes(i.status))).status).to.equal('completed');
    // The second import updates the 3,000 and creates 100 more: undoing it restores the 3,000 one by one,
    // long enough for the test to see it start and kill the database (SIGKILL: no graceful drain).
    const second = await stack.owner.uploadOk(csv([HEADER, ...people(3000, 'After'), ...people(100, 'New', 3000)]), { autoStart: 'true', existing: 'update' });
    const imported = await waitUntil(stack.owner, second.id, (i) => ended.includes(i.status));
    expect(imported.counts).to.include({ created: 100, updated: 3000 });

    // Watch the database from outside the API, and stop it once the undo has restored some users.
    const watcher = await connectMongo(stack.ferret.url);
    const users = watcher.db!.collection('users');
    const restoredSoFar = () => users.countDocuments({ lastName: 'Before' });
    const undo = stack.owner.request('POST', `/api/v1/imports/${second.id}/undo`);
    const deadline = Date.now() + 120_000;
    while ((await restoredSoFar()) === 0) {
      if (Date.now() > deadline) throw new Error('the undo never started restoring users');
      await new Promise((r) => setTimeout(r, 20));
    }
    await watcher.close(true);
    await stack.ferret.stop('SIGKILL');
    const interrupted = await undo;
    expect(interrupted.status).to.equal(503);
    await stack.ferret.start();

    // The claim is released, with what had been undone by then.
    const released = await waitUntil(stack.owner, second.id, (i) => (i as { undo?: Undo }).undo?.state === 'interrupted');
    const partial = (released as unknown as { undo: Undo }).undo;
    expect(released.status).to.equal(imported.status);
    expect(partial.removed).to.equal(100);
    expect(partial.restored).to.be.greaterThan(0).and.lessThan(3000);

    // A second undo finishes the job, and the totals cover both runs.
    const finished = await stack.owner.json<{ status: string; undo: Undo }>('POST', `/api/v1/imports/${second.id}/undo`);
    expect(finished.status).to.equal('undone');
    expect(finished.undo).to.deep.include({ state: 'done', removed: 100, restored: 3000, leftAlone: [] });
    const left = await stack.api.deps.models.User.collection.find({ accountId: new Types.ObjectId(stack.accountId) }, { projection: { lastName: 1 } }).toArray();
    expect(left).to.have.length(3000);
    expect(left.every((u) => u.lastName === 'Before')).to.equal(true);
    expect((await stack.owner.request('POST', `/api/v1/imports/${second.id}/undo`)).status).to.equal(409);
  });
});
