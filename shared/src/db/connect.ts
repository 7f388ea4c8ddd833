import mongoose, { type Connection } from 'mongoose';
import { answerWithin } from '../answer-within.js';

export const DEFAULT_MAX_POOL_SIZE = 20;

/**
 * Opens a mongoose connection. Each process (and each test) gets its own connection object, so a
 * test can point at a database of its own. Short server-selection timeouts make a missing
 * database show up as an error in seconds rather than a hang.
 */
export async function connectMongo(url: string, options: { dbName?: string; maxPoolSize?: number; monitorCommands?: boolean } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName: options.dbName,
    // FerretDB on PostgreSQL stalls for good once about 50 write commands wait at once (measured):
    // a bounded pool per process keeps the number of commands in flight below that.
    maxPoolSize: options.maxPoolSize ?? DEFAULT_MAX_POOL_SIZE,
    serverSelectionTimeoutMS: 5000,
    // The server monitor's check is one hello on its own socket, bounded only by connectTimeoutMS
    // (30 s by default). While FerretDB stops and comes back it can accept a socket and not answer,
    // and while that check hangs the server stays Unknown: every call fails server selection
    // (seen: 120 s of failures after a restart). A short bound and frequent polling (FerretDB has
    // no streaming hello) bring calls back within seconds of the database answering again.
    connectTimeoutMS: 3000,
    heartbeatFrequencyMS: 2000,
    serverMonitoringMode: 'poll',
    // Tests watch the commands the application sends (see hot-queries.test.ts).
    monitorCommands: options.monitorCommands ?? false,
    // Index builds are explicit (syncIndexes at start), never implied by first use.
    autoIndex: false,
    autoCreate: false,
  });
  await connection.asPromise();
  return connection;
}

/** Resolves when the server answers a ping, rejects after `timeoutMs`. */
export async function pingMongo(connection: Connection, timeoutMs = 2000): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== 1) throw new Error('MongoDB is not connected');
  await answerWithin(db.command({ ping: 1 }), timeoutMs, `MongoDB did not answer within ${timeoutMs} ms`);
}

/** MongoDB and FerretDB both report a unique index violation as code 11000. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000 || writeErrorsOf(error).some((w) => w.code === 11000);
}

/** The per-document errors of a bulk write; the driver gives one object, not an array, for one. */
export function writeErrorsOf(error: unknown): { index: number; code: number }[] {
  const writeErrors = (error as { writeErrors?: unknown })?.writeErrors;
  if (!writeErrors) return [];
  return (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as { index: number; code: number }[];
}
