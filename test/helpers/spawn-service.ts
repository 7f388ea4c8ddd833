import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { trackCleanup, trackFolder, trackProcess } from './process-registry.js';

const BIN_CACHE = process.env.MUSTER_BIN_CACHE ?? join(homedir(), '.cache/muster/bin');
export const FERRETDB_BIN = join(BIN_CACHE, 'ferretdb-v1.24.2');
export const VERSITYGW_BIN = join(BIN_CACHE, 'versitygw-v1.7.0');

/** A free loopback port, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
      socket.connect(port, '127.0.0.1');
    };
    attempt();
  });
}

/** A server process of the test's own, on spare loopback ports, that the test can stop and start. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  constructor(
    private readonly command: string,
    private readonly args: string[],
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    // Starting twice would orphan the first process (and the second cannot bind the port).
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    // Tracked, so the root hook stops it even when the test that started it fails half way.
    this.child = trackProcess(spawn(this.command, this.args, { stdio: 'ignore' }));
    await waitForPort(this.port);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }
}

/** The machine's PostgreSQL (the local services' one): where dedicated FerretDBs keep their data. */
const POSTGRES_BASE = process.env.FERRETDB_POSTGRESQL_URL ?? 'postgres://root@127.0.0.1:5432/muster';

/** `base` with another database name (and FerretDB's pool capped, see startFerretDb). */
export function postgresUrlFor(base: string, dbName: string): string {
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

async function onPostgres(base: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrlFor(base, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A dedicated FerretDB on a PostgreSQL database of its own (created here, dropped by `remove`),
 * with its own listen, debug and state addresses. `postgresBase` names another server (the
 * PostgreSQL-outage test runs one of its own).
 */
export async function startFerretDb(
  postgresBase = POSTGRES_BASE,
  /** Settings for the database's sessions (hot-queries.test.ts turns sequential scans off). */
  settings: Record<string, string> = {},
): Promise<ServiceProcess & { url: string; postgresUrl: string; remove(): Promise<void> }> {
  const [port, debugPort] = [await freePort(), await freePort()];
  const dir = trackFolder(mkdtempSync(join(tmpdir(), 'muster-ferretdb-')));
  const dbName = `muster_ferretdb_${port}_${Date.now().toString(36)}`;
  await onPostgres(postgresBase, `CREATE DATABASE "${dbName}"`);
  // Dropped by the root hook too, when a test ends before it could call remove().
  trackCleanup(() => onPostgres(postgresBase, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined));
  for (const [name, value] of Object.entries({ plan_cache_mode: 'force_custom_plan', ...settings })) {
    await onPostgres(postgresBase, `ALTER DATABASE "${dbName}" SET ${name} = ${value}`);
  }
  const postgresUrl = postgresUrlFor(postgresBase, dbName);
  // A smaller pool than the default 50, so a few of these beside the shared one stay well within
  // the server's max_connections (100 on Debian).
  const ferretUrl = `${postgresUrl}?pool_max_conns=20`;
  const service = new ServiceProcess(
    FERRETDB_BIN,
    [
      '--handler=postgresql',
      `--postgresql-url=${ferretUrl}`,
      '--test-batch-size=1000',
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      // Its state file goes with it, not into the current folder.
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--log-level=ERROR',
    ],
    port,
  );
  await service.start();
  return Object.assign(service, {
    url: `mongodb://127.0.0.1:${port}/muster_dedicated`,
    postgresUrl,
    async remove() {
      await service.stop();
      await onPostgres(postgresBase, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
    },
  });
}

/** Debian's PostgreSQL server programs (the newest installed version). */
function postgresBinDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return `/usr/lib/postgresql/${versions.at(-1)}/bin`;
}

/**
 * A PostgreSQL server of the test's own (for stopping it under FerretDB), in a fresh temporary
 * cluster owned by the `postgres` user (the server refuses to run as root), trusting loopback.
 * Stop it with SIGINT: the default SIGTERM waits for FerretDB's connections to go away.
 */
export async function startPostgres(): Promise<ServiceProcess & { url: string }> {
  const port = await freePort();
  const dir = trackFolder(mkdtempSync(join(tmpdir(), 'muster-postgres-')));
  const postgres = execFileSync('id', ['-u', 'postgres']).toString().trim();
  chownSync(dir, Number(postgres), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const bin = postgresBinDir();
  const asPostgres = ['--reuid=postgres', '--regid=postgres', '--init-groups', '--'];
  execFileSync('setpriv', [...asPostgres, `${bin}/initdb`, '-D', `${dir}/data`, '-A', 'trust', '-U', 'root', '--no-sync'], { stdio: 'ignore' });
  const service = new ServiceProcess(
    'setpriv',
    [...asPostgres, `${bin}/postgres`, '-D', `${dir}/data`, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    port,
  );
  await service.start();
  const url = `postgres://root@127.0.0.1:${port}/postgres`;
  // The port opens before the server takes queries ("the database system is starting up"): wait
  // for an answer, so the caller's first statement does not fail on a loaded machine.
  await untilAnswers(url);
  return Object.assign(service, { url });
}

/** Resolves once PostgreSQL at `url` answers a query; gives up after `timeoutMs`. */
async function untilAnswers(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await onPostgres(url, 'SELECT 1');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A dedicated Redis (no persistence) on a spare port, for tests that flush or stop it. */
export async function startRedis(): Promise<ServiceProcess & { url: string }> {
  const port = await freePort();
  const dir = trackFolder(mkdtempSync(join(tmpdir(), 'muster-redis-')));
  const service = new ServiceProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], port);
  await service.start();
  return Object.assign(service, { url: `redis://127.0.0.1:${port}` });
}

/** A dedicated Versity S3 gateway (POSIX backend) in a fresh temporary folder. */
export async function startS3Gateway(accessKey: string, secretKey: string): Promise<ServiceProcess & { endpoint: string }> {
  const port = await freePort();
  const dir = trackFolder(mkdtempSync(join(tmpdir(), 'muster-s3-')));
  const service = new ServiceProcess(VERSITYGW_BIN, ['--port', `127.0.0.1:${port}`, '--quiet', '--access', accessKey, '--secret', secretKey, 'posix', dir], port);
  await service.start();
  return Object.assign(service, { endpoint: `http://127.0.0.1:${port}` });
}
