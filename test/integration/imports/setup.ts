import { startApi, type ApiHarness } from '../../helpers/api-harness.js';
import { testConfig } from '../../helpers/test-env.js';
import { startWorker } from '../../helpers/worker-harness.js';

/** One API and one worker on the real services, with this suite's own database/prefixes. */
export function useImportStack(overrides: Record<string, string> = {}) {
  const stack = {} as { api: ApiHarness; worker: Awaited<ReturnType<typeof startWorker>> };
  before(async function () {
    this.timeout(30_000);
    const config = testConfig({ IMPORT_BATCH_SIZE: '3', ...overrides });
    stack.api = await startApi(config);
    stack.worker = await startWorker(config);
  });
  after(async () => {
    await stack.worker?.close();
    await stack.api?.close();
  });
  return stack;
}
