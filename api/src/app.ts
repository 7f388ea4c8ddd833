import express, { Router, type Express } from 'express';
import { openApiDocument } from '@muster/shared/contract/openapi';
import { authenticate } from './auth/auth.middleware.js';
import type { AppDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { healthRoutes } from './health/health.routes.js';
import { securityHeaders } from './http/security-headers.js';
import { metricsRoutes } from './operations/metrics.routes.js';
import { queueDashboardRoutes } from './operations/queue-dashboard.js';
import { apiRoutes } from './routes.js';
import { webRoutes } from './web/web.routes.js';

/** Builds the Express app; never listens (index.ts does, tests use port 0). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.use(securityHeaders);
  app.use(healthRoutes(deps.readiness, deps.logger));
  app.use(metricsRoutes(deps));
  app.use(queueDashboardRoutes(deps));
  app.use(webRoutes());
  // Generated from the contract (shared/src/contract/), once.
  const document = openApiDocument();
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(document));

  const api = Router();
  api.use('/api/v1', authenticate(deps.config.auth), express.json({ limit: '100kb' }));
  for (const route of apiRoutes(deps)) api[route.method](route.path, ...route.handlers);
  app.use(api);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
