import type { Logger } from '../logger.js';
import { isTransientDbError } from './transient-error.js';

/** Errors that mean "the database did not answer", not "the request was wrong" (one definition, in shared). */
export const isTransient = isTransientDbError;

/**
 * Runs a batch step again while the database is unreachable, waiting a little longer each time
 * (0.5 s doubling to 5 s) for up to `budgetMs`. Safe because every step of a pass is idempotent:
 * a half-applied insert is recognised on the next try. Other errors go straight up.
 */
export async function retryTransient<T>(step: () => Promise<T>, logger: Logger, budgetMs = 120_000): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await step();
    } catch (error) {
      if (!isTransientDbError(error) || Date.now() + delay > deadline) throw error;
      logger.warn({ err: (error as Error).message, retryInMs: delay }, 'database unreachable; retrying the batch');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
