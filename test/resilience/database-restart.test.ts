import { expect } from 'chai';
import type { Connection } from 'mongoose';
import { connectMongo } from '@muster/shared';
import { startFerretDb, type ServiceProcess } from '../helpers/spawn-service.js';

/**
 * After FerretDB stopped and came back on the same port, the driver's server monitor could hang in
 * a heartbeat that never ended, leaving the server Unknown: every call then failed server
 * selection for minutes. The shared connection settings must bring calls back within seconds.
 */
describe('resilience: the database restarts on the same port', function () {
  this.timeout(300_000);
  let ferret: ServiceProcess & { url: string; remove(): Promise<void> };
  let mongo: Connection;

  before(async function () {
    this.timeout(60_000);
    ferret = await startFerretDb();
    mongo = await connectMongo(ferret.url);
  });
  after(async () => {
    await mongo?.close(true);
    await ferret?.stop();
    await ferret?.remove();
  });

  it('calls succeed again within 20 s of each restart, five restarts in a row', async () => {
    // Through mongoose, as the models go: it rebinds its collections when the connection reopens.
    const probe = mongo.collection('probe');
    for (let round = 0; round < 5; round++) {
      // Calls in flight while it stops, as an undo or an import has them.
      let busy = true;
      const load = (async () => {
        while (busy) await probe.updateOne({ _id: 'n' as never }, { $inc: { n: 1 } }, { upsert: true }).catch(() => undefined);
      })();
      await new Promise((r) => setTimeout(r, 300 + round * 150));
      await ferret.stop();
      await new Promise((r) => setTimeout(r, 1000));
      await ferret.start();
      const back = Date.now();
      busy = false;
      await load;
      let error: unknown;
      for (;;) {
        try {
          await probe.findOne({ _id: 'n' as never });
          break;
        } catch (e) {
          error = e;
          if (Date.now() - back > 20_000) throw new Error(`round ${round}: no answer 20 s after the restart: ${(error as Error).message}`);
        }
      }
      expect(Date.now() - back, `round ${round}`).to.be.below(20_000);
    }
  });
});
