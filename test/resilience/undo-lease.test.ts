import { expect } from 'chai';
import { Types, type Connection } from 'mongoose';
import { claimUndo, connectMongo, createModels, movableFrom, releaseUndo, renewUndoLease, type Models } from '@muster/shared';
import { testConfig } from '../helpers/test-env.js';

/** An undo whose API process died stays `running`; its lease lets a later undo take the claim over. */
describe('resilience: the undo claim has a lease', () => {
  let connection: Connection;
  let models: Models;
  before(async () => {
    connection = await connectMongo(testConfig().mongo.url);
    models = createModels(connection);
  });
  after(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const importWithUndo = async (undo: Record<string, unknown> | null) => {
    const _id = new Types.ObjectId();
    await models.Import.collection.insertOne({ _id, accountId: new Types.ObjectId(), status: 'completed', undo });
    return { _id };
  };
  const running = (leaseUntil: Date) => ({ at: new Date(), state: 'running', removed: 4, restored: 7, leftAlone: [{ email: 'a@example.com', reason: 'changed since this import' }], error: null, leaseUntil });

  it('a running undo whose lease has not run out cannot be claimed again', async () => {
    const imp = await importWithUndo(running(new Date(Date.now() + 60_000)));
    expect(await claimUndo(models, imp, movableFrom('undo'))).to.equal(null);
  });

  it('a running undo whose lease ran out is taken over once, with its counts carried on', async () => {
    const imp = await importWithUndo(running(new Date(Date.now() - 1000)));
    const [first, second] = await Promise.all([claimUndo(models, imp, movableFrom('undo'), 60_000), claimUndo(models, imp, movableFrom('undo'), 60_000)]);
    const winners = [first, second].filter(Boolean);
    expect(winners).to.have.length(1);
    expect(winners[0]).to.deep.equal({ removed: 4, restored: 7, leftAlone: [{ email: 'a@example.com', reason: 'changed since this import' }] });
    const after = (await models.Import.collection.findOne({ _id: imp._id }))!.undo as { state: string; leaseUntil: Date };
    expect(after.state).to.equal('running');
    expect(after.leaseUntil.getTime()).to.be.greaterThan(Date.now() + 50_000);
  });

  it('a fresh claim sets a lease; renewal pushes it on and records the counts so far', async () => {
    const imp = await importWithUndo(null);
    const done = await claimUndo(models, imp, movableFrom('undo'), 1000);
    expect(done).to.deep.equal({ removed: 0, restored: 0, leftAlone: [] });
    const stop = renewUndoLease(models, imp._id, Object.assign(done!, { removed: 3, restored: 5 }), 1000);
    await new Promise((r) => setTimeout(r, 1500));
    stop();
    const undo = (await models.Import.collection.findOne({ _id: imp._id }))!.undo as { removed: number; restored: number; leaseUntil: Date };
    expect(undo).to.include({ removed: 3, restored: 5 });
    expect(undo.leaseUntil.getTime()).to.be.greaterThan(Date.now());
    // Renewed, so not yet claimable; once released it is.
    expect(await claimUndo(models, imp, movableFrom('undo'))).to.equal(null);
    await releaseUndo(models, imp._id, done!, new Error('database away'));
    expect(await claimUndo(models, imp, movableFrom('undo'))).to.deep.include({ removed: 3, restored: 5 });
  });
});
