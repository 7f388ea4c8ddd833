import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isTransientDbError, type Logger } from '@muster/shared';

/** Turns any thrown error into `{error: {code, message}}` with the right status. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof AppError) {
      if (error.status === 503) res.setHeader('Retry-After', '5');
      res.status(error.status).json({ error: { code: error.code, message: error.message, ...error.details } });
      return;
    }
    const e = error as { type?: string; status?: number; message?: string };
    // body-parser errors (bad JSON, body too large) carry a status of their own.
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      const code = e.type === 'entity.parse.failed' ? 'INVALID_JSON' : 'BAD_REQUEST';
      const message = code === 'INVALID_JSON' ? 'The request body is not valid JSON.' : (e.message ?? 'Bad request.');
      res.status(e.status).json({ error: { code, message } });
      return;
    }
    if (isTransientDbError(error)) {
      // The database did not answer: nothing is wrong with the request, so say when to try again.
      logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'database unreachable');
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is briefly unavailable. Please try again in a few seconds.' } });
      return;
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' } });
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: `There is no ${req.method} ${req.path}.` } });
};
