import pRetry from 'p-retry';
import type { Logger } from '../logger.js';
import { isTransientDbError } from './transient-error.js';

/** Errors that mean "the database did not answer", not "the request was wrong" (one definition, in shared). */
export const isTransient = isTransientDbError;

const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 5000;

/**
 * Runs a batch step again while the database is unreachable, waiting a little longer each time
 * (0.5 s doubling to 5 s, by p-retry) for up to `budgetMs`. Safe because every step of a pass is
 * idempotent: a half-applied insert is recognised on the next try. Other errors go straight up.
 */
export function retryTransient<T>(step: () => Promise<T>, logger: Logger, budgetMs = 120_000): Promise<T> {
  return pRetry(() => step(), {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: FIRST_WAIT_MS,
    factor: 2,
    maxTimeout: LONGEST_WAIT_MS,
    maxRetryTime: budgetMs,
    // Asked only while budget is left, so every warning is followed by a try.
    shouldRetry: ({ error, retriesConsumed }) => {
      if (!isTransientDbError(error)) return false;
      logger.warn({ err: error.message, retryInMs: Math.min(FIRST_WAIT_MS * 2 ** retriesConsumed, LONGEST_WAIT_MS) }, 'database unreachable; retrying the batch');
      return true;
    },
  });
}
