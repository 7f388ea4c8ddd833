import { expect } from 'chai';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createS3Storage, type Storage } from '@muster/shared';
import { testConfig } from '../../helpers/test-env.js';

describe('S3 storage adapter (on the local S3 gateway)', () => {
  let storage: Storage;
  before(async () => {
    storage = createS3Storage(testConfig().s3);
    await storage.ensureBucket();
  });
  after(async () => {
    for (const key of await storage.list('')) await storage.delete(key);
    storage.close();
  });

  it('streams an object in and out, lists it and deletes it', async () => {
    const body = Readable.from(['First Name,Last Name\n', 'Ada,Lovelace\n']);
    const { bytes } = await storage.put('round/trip.csv', body, 'text/csv');
    expect(bytes).to.equal(Buffer.byteLength("First Name,Last Name\nAda,Lovelace\n"));
    const got = await storage.get('round/trip.csv');
    expect(got).to.not.equal(null);
    expect(await text(got!.body)).to.equal('First Name,Last Name\nAda,Lovelace\n');
    expect(await storage.exists('round/trip.csv')).to.equal(true);
    expect(await storage.list('round/')).to.deep.equal(['round/trip.csv']);
    await storage.delete('round/trip.csv');
    expect(await storage.exists('round/trip.csv')).to.equal(false);
    expect(await storage.get('round/trip.csv')).to.equal(null);
  });

  it('uploads a body larger than one multipart part without holding it whole', async () => {
    const line = 'x'.repeat(1023) + '\n';
    const parts = 9 * 1024; // 9 MiB: two parts of the 8 MiB part size
    const body = Readable.from((function* () {
      for (let i = 0; i < parts; i++) yield line;
    })());
    const { bytes } = await storage.put('big.csv', body, 'text/csv');
    expect(bytes).to.equal(parts * 1024);
    const got = await storage.get('big.csv');
    expect(got!.bytes).to.equal(parts * 1024);
    got!.body.destroy();
  });

  it('answers a ping when the bucket is reachable', async () => {
    await storage.ping();
  });
});
