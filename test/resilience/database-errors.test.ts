import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { connectMongo, isTransientDbError } from '@muster/shared';
import { startFerretDb, type ServiceProcess } from '../helpers/spawn-service.js';

async function failure(step: () => Promise<unknown>): Promise<unknown> {
  try {
    await step();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail while the database is stopped');
}

describe('resilience: what the driver throws while the database is away counts as transient', function () {
  this.timeout(120_000);
  let ferret: ServiceProcess & { url: string };
  let mongo: Connection;

  before(async function () {
    this.timeout(60_000);
    ferret = await startFerretDb();
    mongo = await connectMongo(ferret.url);
    // Connected and used once: the driver only wraps errors this way after it has seen the server.
    await mongo.db!.collection('probe').insertOne({ ok: 1 });
    await ferret.stop();
  });
  after(async () => {
    await mongo?.close(true);
    await ferret?.stop();
  });

  // insertMany and bulkWrite wrap a lost connection in a MongoBulkWriteError that keeps only the
  // message: the case that made "FerretDB stopped for 30 s mid-import" fail the attempt.
  for (const [what, step] of [
    ['insertMany', () => mongo.db!.collection('probe').insertMany([{ a: 1 }, { a: 2 }], { ordered: false })],
    ['bulkWrite', () => mongo.db!.collection('probe').bulkWrite([{ updateOne: { filter: { a: 1 }, update: { $set: { b: 1 } } } }], { ordered: false })],
    ['find', () => mongo.db!.collection('probe').find({ a: 1 }).toArray()],
    ['updateOne', () => mongo.db!.collection('probe').updateOne({ a: 1 }, { $set: { b: 2 } })],
  ] as const) {
    it(`${what} on a stopped database`, async () => {
      // Twice: the first call may see the connection drop, the next one fails server selection.
      for (let i = 0; i < 2; i++) {
        const error = await failure(step);
        expect(isTransientDbError(error), `${(error as Error).name}: ${(error as Error).message}`).to.equal(true);
      }
    });
  }

  it('a duplicate key or a programming error is not transient', () => {
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { name: 'MongoBulkWriteError', code: 11000, writeErrors: [{ index: 0, code: 11000 }] });
    expect(isTransientDbError(duplicate)).to.equal(false);
    expect(isTransientDbError(new TypeError('x is undefined'))).to.equal(false);
    expect(isTransientDbError(null)).to.equal(false);
  });
});
