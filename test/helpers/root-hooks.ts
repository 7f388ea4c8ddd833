import { liveProcessCount, stopEverything } from './process-registry.js';

/**
 * Mocha root hooks (loaded by .mocharc.json for every run): after the last test, stop every
 * process a test started and remove its data, whether the tests passed or not.
 */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    const left = liveProcessCount();
    if (left > 0) console.warn(`  (stopping ${left} test process(es) that were still running)`);
    await stopEverything();
  },
};
