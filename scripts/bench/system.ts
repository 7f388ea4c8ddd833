// The system under test, started the way `npm start` and the Docker image start it: the compiled
// API and worker processes (node <workspace>/dist/index.js), on the local services, with the benchmark's own database, queue
// prefix and object-key prefix so nothing mixes with the demo account or a running `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/helpers/spawn-service.js';

const ROOT = join(import.meta.dirname, '../..');
/** The worker's heap flags, as scripts/run.sh and docker-compose.yml give them. */
const WORKER_NODE_FLAGS = ['--max-old-space-size=512', '--max-semi-space-size=4'];
/** Extra node flags for the API process (for example --cpu-prof). */
const API_NODE_FLAGS = (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/** Extra node flags for the worker processes (for example --cpu-prof while looking into a figure). */
const EXTRA_WORKER_FLAGS = (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean);

export interface BenchScope {
  /** Unique per run: names the database, the queue prefix and the key prefix. */
  name: string;
  mongoUrl: string;
}

export function benchScope(mongoBase: string, label: string): BenchScope {
  const name = `bench_${Date.now().toString(36)}_${label}`;
  const url = new URL(mongoBase);
  url.pathname = `/${name}`;
  return { name, mongoUrl: url.toString() };
}

/** The kernel's record of the process's peak resident set (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The processes of every system started and not yet ended: stopped together if the bench gives up. */
const running = new Set<NodeProcess>();

class NodeProcess {
  private readonly exited: Promise<number | null>;
  private output = '';
  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4000)));
    running.add(this);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.once('exit', () => running.delete(this));
    // A process that dies mid-run would leave the bench waiting for an import forever: say why, stop.
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      console.error(`[bench] the ${name} process exited (${code ?? signal}) during the run; its last output:\n${this.output}`);
      for (const other of running) other.child.kill('SIGTERM');
      process.exit(1);
    });
  }
  private stopping = false;
  get pid(): number {
    return this.child.pid!;
  }
  get lastOutput(): string {
    return this.output;
  }
  peakRssMb(): number {
    return peakRssMb(this.pid);
  }
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

export interface RunningSystem {
  baseUrl: string;
  api: NodeProcess;
  workers: NodeProcess[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the API and `workerCount` worker processes; resolves when the API is ready. */
export async function startSystem(scope: BenchScope, workerCount: number, extraEnv: Record<string, string> = {}): Promise<RunningSystem> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    MONGO_URL: scope.mongoUrl,
    QUEUE_PREFIX: scope.name,
    S3_KEY_PREFIX: `${scope.name}/`,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // A benchmark uploads many large files from one address in a short time.
    UPLOADS_PER_ACCOUNT_PER_MINUTE: '10000',
    UPLOADS_PER_IP_PER_MINUTE: '10000',
    ...extraEnv,
  };
  const start = (name: string, args: string[]) =>
    new NodeProcess(name, spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const api = start('api', [...API_NODE_FLAGS, join(ROOT, 'api/dist/index.js')]);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the API did not become ready within 60 s:\n${api.lastOutput}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The workers only once the API is ready, that is once its syncIndexes has made the indexes and
  // their PostgreSQL mirrors: two processes making the same mirror of a fresh database at once
  // collide in PostgreSQL's catalogue (pg_class_relname_nsp_index; before ff7b823 the loser did not
  // start), and the bench has no reason to race.
  const workers = Array.from({ length: workerCount }, (_, i) => start(`worker-${i + 1}`, [...WORKER_NODE_FLAGS, ...EXTRA_WORKER_FLAGS, join(ROOT, 'worker/dist/index.js')]));
  return {
    baseUrl,
    api,
    workers,
    env,
    async stop() {
      await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
    },
  };
}
