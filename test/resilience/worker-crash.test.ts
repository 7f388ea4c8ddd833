import { expect } from 'chai';
import { expectExactImport, peopleCsv, useFaultStack, waitUntil } from './fault-stack.js';

describe('resilience: the worker dies or is stopped mid-import', function () {
  // 40,000 rows imported three times over by workers that are killed, on a loaded 2-core machine.
  this.timeout(480_000);
  const stack = useFaultStack();

  const expectExact = (id: string, rows: number, bad: number) => expectExactImport(stack.api, stack.owner, id, rows, bad);

  it('kill -9 at about half way through 50,000 rows: a new worker finishes it, nobody twice, each bad row logged once', async () => {
    const first = stack.startWorker();
    const imp = await stack.owner.uploadOk(peopleCsv(50_000, 'kill'), { mode: 'partial', autoStart: 'true' });
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 25_000);
    await first.kill('SIGKILL');
    const written = await stack.api.deps.models.User.countDocuments({ createdByImportId: imp.id });
    expect(written).to.be.greaterThan(0).and.lessThan(49_000);
    const second = stack.startWorker();
    await expectExact(imp.id, 50_000, 1000);
    if (process.env.SHOW_WORKER_LOG) console.log(first.output, second.output);
  });

  it('killed twice in one import: it ends as PROCESSING_ERROR, and a support re-run completes it exactly', async () => {
    const imp = await stack.owner.uploadOk(peopleCsv(40_000, 'twice'), { mode: 'partial', autoStart: 'true' });
    const a = stack.startWorker();
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 2000);
    await a.kill('SIGKILL');
    const b = stack.startWorker();
    // Wait until the second worker has taken the import up and written some of it again.
    await waitUntil(stack.support, imp.id, (i) => (i.attempts ?? []).filter((t) => t.phase === 'importing').length === 2 && i.progress.processedRows >= 1000);
    await b.kill('SIGKILL');
    stack.startWorker();
    const failed = await waitUntil(stack.owner, imp.id, (i) => i.status !== 'importing');
    expect(failed.status).to.equal('failed');
    expect(failed.error!.code).to.equal('PROCESSING_ERROR');
    expect(failed.error!.message).to.match(/^Nothing is wrong with your file/);
    await stack.support.json('POST', `/api/v1/imports/${imp.id}/retry`, undefined, 202);
    await expectExact(imp.id, 40_000, 800);
  });

  it('SIGTERM: the worker stops within its grace period at a batch boundary, and a new one finishes exactly', async () => {
    const worker = stack.startWorker({ WORKER_SHUTDOWN_GRACE_MS: '10000' });
    const imp = await stack.owner.uploadOk(peopleCsv(20_000, 'term'), { mode: 'partial', autoStart: 'true' });
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 5000);
    const asked = Date.now();
    const exit = await worker.kill('SIGTERM');
    expect(Date.now() - asked).to.be.lessThan(10_000);
    expect(exit.code, worker.output).to.equal(0);
    const paused = await stack.support.json<{ status: string; attempts: { outcome: string }[] }>('GET', `/api/v1/imports/${imp.id}`);
    expect(paused.status).to.equal('importing');
    expect(paused.attempts.map((a) => a.outcome)).to.include('handed_back');
    const second = stack.startWorker();
    await expectExact(imp.id, 20_000, 400);
    if (process.env.SHOW_WORKER_LOG) console.log(worker.output, second.output);
  });
});
