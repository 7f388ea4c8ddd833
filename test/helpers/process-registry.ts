import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Every process a test starts (dedicated Redis, FerretDB, S3 gateway, worker processes) and every
 * temporary data folder, so that the root hook can stop and remove them whatever the tests did: a
 * `before` that failed half way, an `after` that threw, or a run interrupted with Ctrl-C must not
 * leave servers running on random ports for the next run to trip over.
 */
const live = new Set<ChildProcess>();
const folders = new Set<string>();
const cleanups: (() => Promise<unknown>)[] = [];

/** Registers a child process until it exits. */
export function trackProcess<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Registers work to do after the processes have stopped (dropping a test's own database). */
export function trackCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** Registers a temporary folder to be removed when the run ends. */
export function trackFolder(path: string): string {
  folders.add(path);
  return path;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Stops every tracked process (SIGTERM, then SIGKILL after `graceMs`) and removes the folders. */
export async function stopEverything(graceMs = 5000): Promise<void> {
  await Promise.all(
    [...live].map(async (child) => {
      if (hasExited(child)) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }),
  );
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}

/** Leftover count, for the root hook's report. */
export const liveProcessCount = () => [...live].filter((c) => !hasExited(c)).length;

// Last resort when the run ends without the root hook (mocha --exit after a crash, Ctrl-C):
// 'exit' handlers may only do synchronous work, and kill() is synchronous.
function killAllNow() {
  for (const child of live) if (!hasExited(child)) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllNow();
    process.exit(130);
  });
}
