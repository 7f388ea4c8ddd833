import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { forbidden, unauthorized, type Config } from '@muster/shared';
import { verifyToken } from '../auth/principal.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * /metrics shows activity across every account and the runtime's versions, so it needs
 * `Authorization: Bearer` with METRICS_TOKEN (what Prometheus sends) or a support token.
 */
export function requireMetricsAccess(config: Pick<Config, 'auth' | 'metricsToken'>): RequestHandler {
  const expected = config.metricsToken ? digest(config.metricsToken) : undefined;
  return async (req, _res, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw unauthorized('Metrics need Authorization: Bearer <METRICS_TOKEN or a support token>.');
    // Compared as digests so the comparison takes the same time whatever the length.
    if (expected && timingSafeEqual(digest(token), expected)) return next();
    const principal = await verifyToken(config.auth, token);
    if (principal.role !== 'support') throw forbidden();
    next();
  };
}
