import { Router } from 'express';
import { answerWithin, type Logger } from '@muster/shared';

/** A named dependency check: resolves when the service answers, rejects otherwise. */
export type ReadinessCheck = { name: string; check: () => Promise<void> };

const CHECK_TIMEOUT_MS = 2500;

/**
 * /healthz: the process is alive (for restarts). /readyz: every dependency answers (for load
 * balancers); 503 names the ones that do not. The reason (an internal address, a driver message)
 * goes to the log only: the answer is public.
 */
export function healthRoutes(checks: ReadinessCheck[], logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await answerWithin(check(), CHECK_TIMEOUT_MS, `${name} did not answer within ${CHECK_TIMEOUT_MS} ms`);
          return { name, ok: true as const };
        } catch (error) {
          return { name, ok: false as const, error: (error as Error).message || String(error) };
        }
      }),
    );
    const failing = results.filter((r) => !r.ok);
    for (const f of failing) logger.warn({ service: f.name, reason: f.error }, 'readiness check failed');
    const services = Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'unreachable']));
    if (failing.length === 0) {
      res.json({ status: 'ready', services });
      return;
    }
    res.status(503).json({
      status: 'unavailable',
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: `Not ready: ${failing.map((f) => f.name).join(', ')} unreachable.`,
      },
      services,
    });
  });
  return router;
}
