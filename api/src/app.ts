import express, { type Express } from 'express';
import type { AppDeps } from './deps.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { healthRoutes } from './health/health.routes.js';

/** Builds the Express app; never listens (index.ts does, tests use port 0). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(healthRoutes(deps.readiness));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
