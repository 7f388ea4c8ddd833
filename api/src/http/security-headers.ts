import type { RequestHandler } from 'express';

// The API answers JSON and CSV only: nothing in it may run, load anything or be framed.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
// bull-board: its own scripts and styles only (its stylesheet asks for Google Fonts: refused, so
// the dashboard loads nothing from other origins); its components set inline styles.
const DASHBOARD_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * The headers the admin page gets (web.routes.ts), for the API and the support dashboard too:
 * no MIME sniffing, no framing, no referrer, and API answers never stored by a cache (they carry
 * people's details).
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  if (req.path.startsWith('/api/') || req.path.startsWith('/admin/') || req.path === '/metrics') {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', req.path.startsWith('/admin/') ? DASHBOARD_CSP : API_CSP);
    if (!req.path.startsWith('/admin/queues/static/')) res.setHeader('Cache-Control', 'no-store');
  }
  next();
};
