import { Router } from 'express';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { DURATION_BUCKETS, IMPORT_STATUSES, OPEN_STATUSES, TOTALS_ID, type ImportTotalsDoc } from '@muster/shared';
import type { AppDeps } from '../deps.js';
import { requireMetricsAccess } from './metrics-auth.js';

const OUTCOMES = ['created', 'updated', 'skipped', 'failed'] as const;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;


/**
 * GET /metrics in Prometheus format. Import figures come from MongoDB, so they describe every
 * worker process at once and survive restarts: running totals kept as imports end (one document
 * read by `_id`, see import-totals.model.ts) and a live count of open imports by status; queue
 * figures come from Redis. No tenant data is exposed: only totals; still, only Prometheus and
 * support staff may read them.
 */
export function metricsRoutes({ config, models, importQueue }: AppDeps): Router {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'muster_api_' });

  let snapshot: Promise<Partial<ImportTotalsDoc>> | undefined;
  // One read of the totals per scrape, shared by the metrics below.
  const totals = () =>
    (snapshot ??= models.ImportTotals.findById(TOTALS_ID)
      .lean()
      .then((doc) => (doc ?? {}) as Partial<ImportTotalsDoc>)
      .finally(() => setTimeout(() => (snapshot = undefined), 0)));

  new Gauge({
    name: 'muster_imports_open',
    help: 'Imports not yet ended, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await Promise.all(OPEN_STATUSES.map((status) => models.Import.countDocuments({ status })));
      OPEN_STATUSES.forEach((status, i) => this.set({ status }, counts[i]!));
    },
  });
  new Counter({
    name: 'muster_imports_ended_total',
    help: 'Imports that ended, by the status they ended in (a re-run import can end more than once)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const ended = (await totals()).ended ?? {};
      this.reset();
      for (const status of IMPORT_STATUSES) if (!(OPEN_STATUSES as readonly string[]).includes(status)) this.inc({ status }, ended[status] ?? 0);
    },
  });
  new Counter({
    name: 'muster_import_rows_total',
    help: 'Rows of ended imports, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      const rows = (await totals()).rows ?? {};
      this.reset();
      for (const outcome of OUTCOMES) this.inc({ outcome }, rows[outcome] ?? 0);
    },
  });
  new Counter({
    name: 'muster_worker_busy_seconds_total',
    help: 'Time workers have spent on import attempts',
    registers: [registry],
    async collect() {
      this.reset();
      this.inc((await totals()).busySeconds ?? 0);
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
  router.get('/metrics', requireMetricsAccess(config), async (_req, res) => {
    const body = (await registry.metrics()) + durationHistogram(await totals());
    res.type(registry.contentType).send(body);
  });
  return router;
}

/**
 * The upload-to-end histogram in Prometheus' text format, from the stored per-bucket counts
 * (prom-client's Histogram can only observe values one at a time, not take running totals).
 */
export function durationHistogram(totals: Partial<ImportTotalsDoc>): string {
  const name = 'muster_import_duration_seconds';
  const buckets = totals.durationBuckets ?? {};
  const lines = [`# HELP ${name} Time from upload to the end of ended imports`, `# TYPE ${name} histogram`];
  let cumulative = 0;
  for (const bound of DURATION_BUCKETS) {
    cumulative += buckets[String(bound)] ?? 0;
    lines.push(`${name}_bucket{le="${bound}"} ${cumulative}`);
  }
  cumulative += buckets['+Inf'] ?? 0;
  lines.push(`${name}_bucket{le="+Inf"} ${cumulative}`, `${name}_sum ${totals.durationSum ?? 0}`, `${name}_count ${totals.durationCount ?? 0}`);
  return `${lines.join('\n')}\n`;
}
