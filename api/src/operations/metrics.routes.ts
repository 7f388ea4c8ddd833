import { Router } from 'express';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { IMPORT_STATUSES, type ImportDoc } from '@muster/shared';
import type { AppDeps } from '../deps.js';

const OUTCOMES = ['created', 'updated', 'skipped', 'failed'] as const;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * GET /metrics in Prometheus format. Import figures are read from MongoDB at scrape time, so
 * they describe every worker process at once and survive restarts; queue figures come from Redis.
 * No tenant data is exposed: only totals.
 */
export function metricsRoutes({ models, importQueue }: AppDeps): Router {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'muster_api_' });

  type Snapshot = Pick<ImportDoc, 'status' | 'counts' | 'createdAt' | 'finishedAt' | 'attempts'>;
  let snapshot: Promise<Snapshot[]> | undefined;
  // One read of the imports per scrape, shared by the metrics below.
  const imports = () =>
    (snapshot ??= models.Import.find({}, { status: 1, counts: 1, createdAt: 1, finishedAt: 1, attempts: 1 })
      .lean()
      .then((docs) => docs as unknown as Snapshot[])
      .finally(() => setTimeout(() => (snapshot = undefined), 0)));

  new Gauge({
    name: 'muster_imports',
    help: 'Imports on record, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = new Map<string, number>(IMPORT_STATUSES.map((s) => [s, 0]));
      for (const imp of await imports()) counts.set(imp.status, (counts.get(imp.status) ?? 0) + 1);
      for (const [status, n] of counts) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'muster_import_rows',
    help: 'Rows of all imports on record, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      const totals = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
      for (const imp of await imports()) for (const o of OUTCOMES) totals[o] += imp.counts?.[o] ?? 0;
      for (const o of OUTCOMES) this.set({ outcome: o }, totals[o]);
    },
  });
  new Histogram({
    name: 'muster_import_duration_seconds',
    help: 'Time from upload to the end of finished imports',
    buckets: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
    registers: [registry],
    async collect() {
      this.reset();
      for (const imp of await imports()) {
        if (imp.finishedAt) this.observe((new Date(imp.finishedAt).getTime() - new Date(imp.createdAt).getTime()) / 1000);
      }
    },
  });
  new Gauge({
    name: 'muster_worker_busy_seconds',
    help: 'Time workers have spent on import attempts, over all imports on record',
    registers: [registry],
    async collect() {
      let busy = 0;
      for (const imp of await imports()) {
        for (const a of imp.attempts ?? []) if (a.endedAt) busy += (new Date(a.endedAt).getTime() - new Date(a.at).getTime()) / 1000;
      }
      this.set(busy);
    },
  });
  new Gauge({
    name: 'muster_queue_jobs',
    help: 'Jobs in the imports queue, by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await importQueue.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) this.set({ state }, counts[state] ?? 0);
    },
  });

  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const body = await registry.metrics();
    res.type(registry.contentType).send(body);
  });
  return router;
}
