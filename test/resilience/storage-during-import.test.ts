import { expect } from 'chai';
import { expectExactImport, peopleCsv, useFaultStack, waitUntil } from './fault-stack.js';

type WithAttempts = { status: string; attempts: { phase: string; outcome: string; error: string | null }[] };

describe('resilience: the S3 gateway stops while the worker reads the file or writes the error log', function () {
  this.timeout(180_000);
  const stack = useFaultStack({ IMPORT_BATCH_SIZE: '200' }, { dedicatedS3: true });

  it('a failed read is retried with backoff and the import completes', async () => {
    // Stored while S3 is up; the worker starts only once S3 is down.
    const imp = await stack.owner.uploadOk(peopleCsv(1000, 'read'), { mode: 'partial', autoStart: 'true' });
    await stack.s3!.stop();
    stack.startWorker();
    await waitUntil(stack.support, imp.id, (i) => ((i as unknown as WithAttempts).attempts ?? []).some((a) => a.outcome === 'error'));
    await stack.s3!.start();
    await expectExactImport(stack.api, stack.owner, imp.id, 1000, 20);
    const detail = await stack.support.json<WithAttempts>('GET', `/api/v1/imports/${imp.id}`);
    expect(detail.attempts[0]!.outcome).to.equal('error');
    expect(detail.attempts.at(-1)!.outcome).to.equal('succeeded');
  });

  it('the import does not claim to be complete until its error log is stored', async () => {
    stack.startWorker();
    const imp = await stack.owner.uploadOk(peopleCsv(10_000, 'log'), { mode: 'partial', autoStart: 'true' });
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 1000);
    await stack.s3!.stop();
    // The pass writes every user, then cannot store the error log: that attempt fails.
    const stuck = await waitUntil(stack.support, imp.id, (i) => ((i as unknown as WithAttempts).attempts ?? []).some((a) => a.phase === 'importing' && a.outcome === 'error'));
    expect(stuck.status).to.equal('importing');
    expect((stuck as unknown as { finishedAt: string | null }).finishedAt).to.equal(null);
    await stack.s3!.start();
    await expectExactImport(stack.api, stack.owner, imp.id, 10_000, 200);
  });
});
