import { expect } from 'chai';
import { expectExactImport, peopleCsv, useFaultStack, waitUntil } from './fault-stack.js';

describe('resilience: PostgreSQL goes away under FerretDB', function () {
  this.timeout(240_000);
  // A PostgreSQL server of its own under the stack's FerretDB, so stopping it touches nothing shared.
  const stack = useFaultStack({ IMPORT_BATCH_SIZE: '200', RECOVERY_STALE_MS: '120000' }, { dedicatedPostgres: true });

  it('PostgreSQL stopped for 30 s mid-import: the pass rides it out, no duplicates, exact counts', async () => {
    stack.startWorker();
    const imp = await stack.owner.uploadOk(peopleCsv(20_000, 'pgout'), { mode: 'partial', autoStart: 'true' });
    await waitUntil(stack.owner, imp.id, (i) => i.status === 'importing' && i.progress.processedRows >= 1000);
    // A fast shutdown: FerretDB's open connections are cut, as when the server crashes or restarts.
    await stack.postgres!.stop('SIGINT');
    await new Promise((r) => setTimeout(r, 30_000));
    await stack.postgres!.start();
    // FerretDB finds its pooled connections dead on first use after the restart: the first reads
    // may fail while it reconnects. Wait until the import can be read again.
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await stack.owner.request('GET', `/api/v1/imports/${imp.id}`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status, 'the API reads the import again once PostgreSQL is back').to.equal(200);
    await expectExactImport(stack.api, stack.owner, imp.id, 20_000, 400);
    const detail = await stack.support.json<{ attempts: { phase: string; outcome: string }[] }>('GET', `/api/v1/imports/${imp.id}`);
    expect(detail.attempts.filter((a) => a.phase === 'importing').at(-1)?.outcome).to.equal('succeeded');
  });
});
