import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type Request } from 'express';
import { forbidden, unauthorized } from '@muster/shared';
import type { AppDeps } from '../deps.js';
import { verifyToken } from '../auth/principal.js';

const BASE = '/admin/queues';
const COOKIE = 'muster_admin';

function tokenFrom(req: Request): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  if (typeof req.query.token === 'string') return req.query.token;
  const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : undefined;
}

/**
 * bull-board at /admin/queues, for support staff only. A browser opens it once with
 * `?token=<support token>`; the token then rides in an HttpOnly cookie limited to this path.
 */
export function queueDashboardRoutes({ config, importQueue }: AppDeps): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({ queues: [new BullMQAdapter(importQueue)], serverAdapter: adapter });
  const router = Router();
  router.use(BASE, async (req, res, next) => {
    const token = tokenFrom(req);
    if (!token) throw unauthorized('Support sign-in needed: open this page with ?token=<support token>.');
    const principal = await verifyToken(config.auth, token);
    if (principal.role !== 'support') throw forbidden();
    if (typeof req.query.token === 'string') {
      res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: BASE, secure: req.secure });
    }
    next();
  });
  router.use(BASE, adapter.getRouter());
  return router;
}
