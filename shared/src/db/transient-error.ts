/**
 * FerretDB answers with InternalError (code 1) when PostgreSQL under it is unreachable, quoting
 * the PostgreSQL error (measured: "terminating connection due to administrator command (SQLSTATE
 * 57P01)", "failed to connect to ... connection refused"). Class 08 is PostgreSQL's "connection
 * exception", 57P01-57P03 its shutdown and start-up states.
 */
const POSTGRES_UNREACHABLE = /SQLSTATE (08|57P0[123])|failed to connect to|connection refused|conn closed|unexpected EOF|the database system is (starting up|shutting down)/i;

/**
 * Whether an error means "the database did not answer" (worth waiting for and trying again, or a
 * 503 to the caller) rather than "the request was wrong". One definition for the worker's retries
 * and the API's answers.
 */
export function isTransientDbError(error: unknown): boolean {
  const e = error as {
    name?: string;
    code?: unknown;
    message?: string;
    writeErrors?: unknown[];
    err?: unknown;
    hasErrorLabel?: (label: string) => boolean;
    cause?: unknown;
  } | null;
  if (!e || typeof e !== 'object') return false;
  // MongoServerError, or MongoBulkWriteError for an insertMany, from FerretDB on PostgreSQL.
  if (/^Mongo(Server|BulkWrite)Error$/.test(e.name ?? '') && POSTGRES_UNREACHABLE.test(e.message ?? '')) return true;
  if (typeof e.hasErrorLabel === 'function' && (e.hasErrorLabel('RetryableWriteError') || e.hasErrorLabel('ResetPool'))) return true;
  if (/^Mongo(Network|ServerSelection|NetworkTimeout|PoolCleared|TopologyClosed)Error$/.test(e.name ?? '')) return true;
  if (typeof e.code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code)) return true;
  if (isWrappedDriverError(e)) return true;
  return e.cause !== undefined && e.cause !== error && isTransientDbError(e.cause);
}

/**
 * insertMany and bulkWrite wrap a network or server-selection failure in a MongoBulkWriteError
 * that keeps only the message (no type, code or label): "connect ECONNREFUSED ..." or "connection
 * 7 to ... closed". Measured against a FerretDB stopped mid-insert; it is what made an outage fail
 * the import instead of being waited out. A real write error always carries writeErrors or a code.
 */
function isWrappedDriverError(e: { name?: string; code?: unknown; message?: string; writeErrors?: unknown[]; err?: unknown }): boolean {
  if (e.name !== 'MongoBulkWriteError' || e.code !== undefined || e.err !== undefined) return false;
  if (Array.isArray(e.writeErrors) && e.writeErrors.length > 0) return false;
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|connection .* closed|timed out|Server selection/i.test(e.message ?? '');
}
