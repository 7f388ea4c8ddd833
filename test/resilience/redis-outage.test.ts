import { expect } from 'chai';
import { expectExactImport, peopleCsv, useFaultStack, waitReady, waitUntil } from './fault-stack.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('resilience: Redis stops for a while', function () {
  this.timeout(300_000);
  const stack = useFaultStack({ IMPORT_BATCH_SIZE: '200' });

  for (const seconds of [5, 60]) {
    it(`for ${seconds} s while the worker is idle: the worker carries on by itself`, async () => {
      stack.startWorker();
      await sleep(1500);
      await stack.redis.stop();
      await sleep(seconds * 1000);
      await stack.redis.start();
      await waitReady(stack.api);
      const imp = await stack.owner.uploadOk(peopleCsv(500, `idle${seconds}`), { mode: 'partial', autoStart: 'true' });
      await expectExactImport(stack.api, stack.owner, imp.id, 500, 10);
    });

    it(`for ${seconds} s in the middle of an import: the import ends exactly`, async () => {
      stack.startWorker();
      await waitReady(stack.api);
      const imp = await stack.owner.uploadOk(peopleCsv(12_000, `busy${seconds}`), { mode: 'partial', autoStart: 'true' });
      await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 1000);
      await stack.redis.stop();
      await sleep(seconds * 1000);
      // Redis comes back empty (no persistence here): recovery puts the job back if it is gone.
      await stack.redis.start();
      await expectExactImport(stack.api, stack.owner, imp.id, 12_000, 240);
      const after = await stack.owner.json<{ status: string }>('GET', `/api/v1/imports/${imp.id}`);
      expect(after.status).to.equal('completed_with_errors');
    });
  }
});
