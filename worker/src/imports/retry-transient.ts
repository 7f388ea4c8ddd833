import type { Logger } from '@muster/shared';

/**
 * FerretDB answers with InternalError (code 1) when PostgreSQL under it is unreachable, quoting
 * the PostgreSQL error (measured: "terminating connection due to administrator command (SQLSTATE
 * 57P01)", "failed to connect to ... connection refused"). Class 08 is PostgreSQL's "connection
 * exception", 57P01-57P03 its shutdown and start-up states.
 */
const POSTGRES_UNREACHABLE = /SQLSTATE (08|57P0[123])|failed to connect to|connection refused|conn closed|unexpected EOF|the database system is (starting up|shutting down)/i;
/** A lost connection to the server itself, as an insertMany's MongoBulkWriteError words it (it keeps only the message). */
const SERVER_UNREACHABLE = /\b(ECONNREFUSED|ECONNRESET|EPIPE)\b|connection .* closed/;

/** Errors that mean "the database did not answer", not "the request was wrong". */
export function isTransient(error: unknown): boolean {
  const e = error as { name?: string; code?: string | number; message?: string; errorLabels?: string[]; hasErrorLabel?: (l: string) => boolean };
  if (!e) return false;
  // MongoServerError, or MongoBulkWriteError for an insertMany.
  if (/^Mongo(Server|BulkWrite)Error$/.test(e.name ?? '') && POSTGRES_UNREACHABLE.test(e.message ?? '')) return true;
  if (e.name === 'MongoBulkWriteError' && SERVER_UNREACHABLE.test(e.message ?? '')) return true;
  if (typeof e.hasErrorLabel === 'function' && (e.hasErrorLabel('RetryableWriteError') || e.hasErrorLabel('ResetPool'))) return true;
  return /^Mongo(Network|ServerSelection|NetworkTimeout|PoolCleared|TopologyClosed)Error$/.test(e.name ?? '') || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(String(e.code ?? ''));
}

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
      if (!isTransient(error) || Date.now() + delay > deadline) throw error;
      logger.warn({ err: (error as Error).message, retryInMs: delay }, 'database unreachable; retrying the batch');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
