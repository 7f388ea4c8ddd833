import type { Config } from '@muster/shared';
import { createWorkerRuntime } from '../../worker/src/runtime.js';

/** The real worker (the production wiring), in this process, on the test's own queue prefix and database. */
export async function startWorker(config: Config) {
  const runtime = await createWorkerRuntime(config, { name: 'worker-test', workerName: 'test-worker' });
  return {
    maintenance: runtime.maintenance,
    async close() {
      // Before the runtime closes its queue: the hourly schedule must not outlive the test.
      await runtime.maintenance.queue.obliterate({ force: true }).catch(() => undefined);
      await runtime.close();
    },
  };
}
