import { expect } from 'chai';
import { enqueueImportJob, ImportJobName } from '@muster/shared';
import { expectExactImport, peopleCsv, useFaultStack, waitUntil } from './fault-stack.js';

describe('resilience: the database goes away, and jobs are doubled', function () {
  this.timeout(240_000);
  const stack = useFaultStack({ IMPORT_BATCH_SIZE: '200', RECOVERY_STALE_MS: '120000' });

  const expectExact = (id: string, rows: number, bad: number) => expectExactImport(stack.api, stack.owner, id, rows, bad);

  it('FerretDB stopped for 30 s mid-import: the batch is retried with backoff, no duplicates, exact counts', async () => {
    stack.startWorker();
    const imp = await stack.owner.uploadOk(peopleCsv(30_000, 'outage'), { mode: 'partial', autoStart: 'true' });
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 1000);
    await stack.ferret.stop();
    await new Promise((r) => setTimeout(r, 30_000));
    await stack.ferret.start();
    await expectExact(imp.id, 30_000, 600);
    const detail = await stack.support.json<{ attempts: { phase: string; outcome: string }[] }>('GET', `/api/v1/imports/${imp.id}`);
    // One importing attempt: the outage was ridden out inside the pass, not by failing the job.
    expect(detail.attempts.filter((a) => a.phase === 'importing').map((a) => a.outcome)).to.deep.equal(['succeeded']);
  });

  it('the same import enqueued twice and two workers racing on it: one result, exact counts', async () => {
    stack.startWorker();
    stack.startWorker();
    const imp = await stack.owner.uploadOk(peopleCsv(3000, 'race'), { mode: 'partial' });
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'validated');
    const queue = stack.api.deps.importQueue;
    await stack.owner.json('POST', `/api/v1/imports/${imp.id}/start`, undefined, 202);
    // A duplicate of the same job (a no-op) and a stray second job for the same import.
    await enqueueImportJob(queue, imp.id, ImportJobName.Import, 1);
    await queue.add(ImportJobName.Import, { importId: imp.id }, { jobId: `${imp.id}-import-stray` });
    await expectExact(imp.id, 3000, 60);
  });
});
