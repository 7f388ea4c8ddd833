import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Where `npm run build:web` puts the admin page (the same from api/src and api/dist). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

// Everything the page loads comes from this origin.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Serves the built admin page at /. */
export function webRoutes(dist = WEB_DIST): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (!req.path.startsWith('/api/') && !req.path.startsWith('/admin/')) {
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    }
    next();
  });
  if (existsSync(dist)) {
    router.use(express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: (res, path) => {
      // index.html names the current hashed assets: never cache it.
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    } }));
  } else {
    router.get('/', (_req, res) => {
      res.status(503).type('text').send('The admin page is not built yet: run `npm run build:web` (npm start does this).');
    });
  }
  return router;
}
