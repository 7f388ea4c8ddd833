import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

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
    this.child = spawn(this.command, this.args, { stdio: 'ignore' });
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

/** A dedicated FerretDB (SQLite backend) in a fresh temporary folder. */
export async function startFerretDb(): Promise<ServiceProcess & { url: string }> {
  const [port, debugPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'muster-ferretdb-'));
  const service = new ServiceProcess(
    FERRETDB_BIN,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      // Its state file goes with its data, not into the current folder.
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--log-level=ERROR',
    ],
    port,
  );
  await service.start();
  return Object.assign(service, { url: `mongodb://127.0.0.1:${port}/muster_dedicated` });
}

/** A dedicated Redis (no persistence) on a spare port, for tests that flush or stop it. */
export async function startRedis(): Promise<ServiceProcess & { url: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'muster-redis-'));
  const service = new ServiceProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], port);
  await service.start();
  return Object.assign(service, { url: `redis://127.0.0.1:${port}` });
}

/** A dedicated Versity S3 gateway (POSIX backend) in a fresh temporary folder. */
export async function startS3Gateway(accessKey: string, secretKey: string): Promise<ServiceProcess & { endpoint: string }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'muster-s3-'));
  const service = new ServiceProcess(VERSITYGW_BIN, ['--port', `127.0.0.1:${port}`, '--quiet', '--access', accessKey, '--secret', secretKey, 'posix', dir], port);
  await service.start();
  return Object.assign(service, { endpoint: `http://127.0.0.1:${port}` });
}
