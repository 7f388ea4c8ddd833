import mongoose, { type Connection } from 'mongoose';
import { answerWithin } from '../answer-within.js';

export const DEFAULT_MAX_POOL_SIZE = 20;

/**
 * Opens a mongoose connection. Each process (and each test) gets its own connection object, so a
 * test can point at a database of its own. Short server-selection timeouts make a missing
 * database show up as an error in seconds rather than a hang.
 */
export async function connectMongo(url: string, options: { dbName?: string; maxPoolSize?: number; monitorCommands?: boolean } = {}): Promise<Connection> {
  const settings = {
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
  } as const;
  const connection = mongoose.createConnection(url, settings);
  await connection.asPromise();
  watchHeartbeats(connection);
  return connection;
}

/** A heartbeat open longer than this is stuck: the monitor's own socket timeout is 3 s. */
export const STUCK_HEARTBEAT_MS = 8000;

interface DriverMonitor {
  close(): void;
  connect(): void;
}

/**
 * Restarts the driver's server monitor when it is stuck in a heartbeat that never ends. Measured
 * under load (test/resilience/database-restart.test.ts, a busy loop on one core): after FerretDB is
 * killed and restarted on the same port, a check can start as the pool reports the connection
 * closed and then neither succeed nor fail, whatever connectTimeoutMS says; the server then stays
 * Unknown and every call fails server selection for minutes. A new monitor checks at once.
 * Reaches into the driver (mongodb 6.20: topology.s.servers[].monitor); pinned in package.json.
 */
function watchHeartbeats(connection: Connection, stuckAfterMs = STUCK_HEARTBEAT_MS): void {
  const client = connection.getClient();
  let startedAt: number | null = null;
  client.on('serverHeartbeatStarted', () => void (startedAt ??= Date.now()));
  client.on('serverHeartbeatSucceeded', () => void (startedAt = null));
  client.on('serverHeartbeatFailed', () => void (startedAt = null));
  const timer = setInterval(() => {
    if (startedAt === null || Date.now() - startedAt < stuckAfterMs) return;
    startedAt = null;
    const servers = (client as unknown as { topology?: { s?: { servers?: Map<string, { monitor?: DriverMonitor }> } } }).topology?.s?.servers;
    for (const server of servers?.values() ?? []) {
      server.monitor?.close();
      server.monitor?.connect();
    }
  }, 1000);
  timer.unref();
  client.once('close', () => clearInterval(timer));
  connection.once('close', () => clearInterval(timer));
}
