import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { parse as parseCookies } from 'cookie';
import express, { Router, type Request } from 'express';
import { AppError, forbidden, unauthorized } from '@muster/shared';
import type { AppDeps } from '../deps.js';
import { verifyToken } from '../auth/principal.js';
import { createDashboardSession, DASHBOARD_SESSION_SECONDS, isDashboardSession } from './dashboard-session.js';
import { SIGN_IN_PAGE } from './sign-in-page.js';

const BASE = '/admin/queues';
const SIGN_IN = '/admin/sign-in';
const COOKIE = 'muster_dashboard';

/** The session cookie's value; 400 for one that cannot even be decoded. */
function sessionCookie(req: Request): string | undefined {
  // Parsed raw, so a bad value in ours is an error rather than passed on still encoded.
  const raw = parseCookies(req.headers.cookie ?? '', { decode: (value) => value })[COOKIE];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('BAD_COOKIE', 'The dashboard cookie is malformed. Sign in again.', 400);
  }
}

/**
 * bull-board at /admin/queues, for support staff only. A person signs in once at /admin/sign-in
 * (a form that POSTs the support token, so it never sits in an address, a history or a log) and
 * gets a 30-minute session cookie for the dashboard alone: HttpOnly, SameSite=Strict, Secure in
 * production whatever a proxy says. Programs may send the support token as a bearer header.
 */
export function queueDashboardRoutes({ config, importQueue }: AppDeps): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({ queues: [new BullMQAdapter(importQueue)], serverAdapter: adapter });
  const router = Router();

  router.get(SIGN_IN, (_req, res) => void res.type('html').send(SIGN_IN_PAGE));
  router.post(SIGN_IN, express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || !token.trim()) throw new AppError('INVALID_REQUEST', 'token is required (a support sign-in token).', 400);
    const principal = await verifyToken(config.auth, token.trim());
    if (principal.role !== 'support') throw forbidden();
    res.cookie(COOKIE, await createDashboardSession(config.auth, principal.sub), {
      httpOnly: true,
      sameSite: 'strict',
      path: BASE,
      secure: config.env === 'production' || req.secure,
      maxAge: DASHBOARD_SESSION_SECONDS * 1000,
    });
    res.redirect(303, `${BASE}/`);
  });

  router.use(BASE, async (req, _res, next) => {
    if (typeof req.query.token === 'string') {
      throw new AppError('TOKEN_IN_URL', `Tokens do not go in addresses: sign in at ${SIGN_IN} instead.`, 400);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      if ((await verifyToken(config.auth, bearer)).role !== 'support') throw forbidden();
      return next();
    }
    const session = sessionCookie(req);
    if (!session) throw unauthorized(`Support sign-in needed: sign in at ${SIGN_IN}.`);
    if (!(await isDashboardSession(config.auth, session))) throw unauthorized(`Your dashboard session has ended: sign in again at ${SIGN_IN}.`);
    next();
  });
  // bull-board is an Express app of its own: it would announce itself in X-Powered-By.
  const board = adapter.getRouter() as express.Express;
  board.disable('x-powered-by');
  router.use(BASE, board);
  return router;
}
