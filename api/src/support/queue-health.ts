import { findStuckImports, type ImportQueue, type ImportStatus, type Models } from '@muster/shared';

/** A worker is "seen" when its connection to Redis did something within this long. */
export const WORKER_SEEN_MS = 60_000;

export interface QueueHealth {
  queue: { waiting: number; delayed: number; active: number; failed: number };
  /** Seconds the oldest import job has been waiting (including ones waiting for their account's turn); null when none waits. */
  oldestWaitingSeconds: number | null;
  workers: { name: string; idleSeconds: number }[];
  stuck: { id: string; accountId: string; fileName: string; status: ImportStatus; since: Date }[];
  stuckAfterSeconds: number;
}

/**
 * When the oldest waiting job was added. The waiting list is in arrival order; the delayed set
 * (imports waiting for their account's turn, retries in backoff) is ordered by when each is due,
 * so its first hundred are looked at.
 */
async function oldestWaitingAt(queue: ImportQueue): Promise<number | null> {
  const [waiting, delayed] = await Promise.all([queue.getJobs(['waiting'], 0, 0, true), queue.getJobs(['delayed'], 0, 99, true)]);
  const stamps = [...waiting, ...delayed].map((job) => job?.timestamp).filter((t): t is number => typeof t === 'number');
  return stamps.length ? Math.min(...stamps) : null;
}

/** The health strip of the support console: the queue, the workers and the stuck imports. */
export async function queueHealth(models: Models, queue: ImportQueue, staleMs: number, now = Date.now()): Promise<QueueHealth> {
  const [counts, oldest, clients, stuck] = await Promise.all([
    queue.getJobCounts('waiting', 'delayed', 'active', 'failed'),
    oldestWaitingAt(queue),
    queue.getWorkers(),
    findStuckImports(models, staleMs, now),
  ]);
  // BullMQ lists the workers' blocking connections (CLIENT LIST): `rawname` is the connection's
  // name (`name` is only the queue's), `idle` the seconds since its last command.
  const workers = clients
    .map((c) => ({ name: workerName(c.rawname ?? ''), idleSeconds: Number(c.idle ?? 0) }))
    .filter((w) => w.idleSeconds * 1000 <= WORKER_SEEN_MS)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    queue: { waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0 },
    oldestWaitingSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
    workers,
    stuck: stuck.map((imp) => ({ id: String(imp._id), accountId: String(imp.accountId), fileName: imp.fileName, status: imp.status, since: imp.updatedAt })),
    stuckAfterSeconds: Math.round(staleMs / 1000),
  };
}

/** `<prefix>:<queue>:w:<name>` -> `<name>`; an unnamed worker shows as "unnamed worker". */
export function workerName(clientName: string): string {
  const at = clientName.indexOf(':w:');
  return at >= 0 ? clientName.slice(at + 3) : 'unnamed worker';
}
