import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '@muster/shared';
import type { Redis } from 'ioredis';
import { accountIdFor, allow, objectIdParam } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import { choice } from '../http/choice.js';
import type { RouteSpec } from '../http/route.js';
import { attachmentHeader } from './file-name.js';
import { importListQuery } from './import-list-query.js';
import { importView } from './import-view.js';
import { ImportsService, type Download } from './imports.service.js';
import { uploadRateLimit } from './upload-rate-limit.js';
import { uploadError, uploadMiddleware } from './upload-storage.js';

const importId = (req: Request) => objectIdParam(req.params.id, 'The import');
const forSupport = (res: Response) => res.locals.principal.role === 'support';

/** Sends a file as an attachment under its own name. */
function sendDownload(res: Response, file: Download) {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', attachmentHeader(file.fileName));
  res.send(file.body);
}

/** The imports routes: each reads the request, asks the ImportsService, and shapes the reply. */
export function importRoutes(deps: AppDeps): RouteSpec[] {
  const { storage, importQueue, config } = deps;
  const imports = new ImportsService(deps);
  const upload = uploadMiddleware(storage, config.limits.maxUploadMb);
  /** Streams the multipart upload to storage (see upload-storage.ts), in words for the uploader when it fails. */
  const receive = (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) =>
      upload(req, res, (error?: unknown) => (error ? reject(uploadError(error, config.limits.maxUploadMb) ?? error) : resolve())),
    );
  /** start / cancel / retry: 202 with the import afterwards (the worker carries on). */
  const action = (act: 'start' | 'cancel' | 'retry'): RequestHandler => async (req, res) => {
    const imp = await imports[act](res.locals.principal, importId(req));
    res.status(202).json(importView(imp, forSupport(res)));
  };

  return [
    {
      method: 'get',
      path: '/api/v1/imports/template',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const format = choice(req.query as Record<string, unknown>, 'format', ['csv', 'xlsx'] as const, 'csv');
          sendDownload(res, await imports.template(accountIdFor(req, res), format));
        },
      ],
    },
    {
      method: 'post',
      path: '/api/v1/imports',
      handlers: [
        allow('account_owner'),
        uploadRateLimit(
          async () => (await importQueue.client) as unknown as Redis,
          config.redis.queuePrefix,
          { perAccountPerMinute: config.limits.uploadsPerAccountPerMinute, perIpPerMinute: config.limits.uploadsPerIpPerMinute },
          (res) => String(accountIdFor(res.req, res)),
        ),
        async (req, res) => {
          const accountId = accountIdFor(req, res);
          await imports.requireAccount(accountId);
          if (!req.is('multipart/form-data')) {
            throw new AppError('FILE_REQUIRED', 'Send the file (CSV or Excel .xlsx) as multipart/form-data in the field "file".', 400);
          }
          const target = await imports.reserveUpload(accountId);
          req.uploadTarget = { key: target.fileKey };
          await receive(req, res);
          const file = req.file ? { originalName: req.file.originalname, bytes: req.uploadTarget.bytes } : undefined;
          const created = await imports.createFromUpload(target, file, (req.body ?? {}) as Record<string, unknown>, res.locals.principal);
          res.status(202).location(`/api/v1/imports/${target.importId}`).json(importView(created));
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/imports',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const { items, nextCursor } = await imports.list(importListQuery(req, res));
          res.json({ items: items.map((imp) => importView(imp, forSupport(res))), nextCursor });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/imports/:id',
      handlers: [
        allow('account_owner', 'manager'),
        // The polling endpoint (cached for a moment: see ImportsService.status).
        async (req, res) => {
          res.json(importView(await imports.status(res.locals.principal, importId(req)), forSupport(res)));
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/imports/:id/error-log',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const log = await imports.errorLog(await imports.load(res.locals.principal, importId(req)));
          res.setHeader('Content-Type', log.contentType);
          res.setHeader('Content-Disposition', attachmentHeader(log.fileName));
          if (log.bytes) res.setHeader('Content-Length', String(log.bytes));
          log.body.on('error', () => res.destroy());
          log.body.pipe(res);
        },
      ],
    },
    { method: 'post', path: '/api/v1/imports/:id/start', handlers: [allow('account_owner'), action('start')] },
    { method: 'post', path: '/api/v1/imports/:id/cancel', handlers: [allow('account_owner'), action('cancel')] },
    { method: 'post', path: '/api/v1/imports/:id/retry', handlers: [allow('account_owner'), action('retry')] },
    {
      method: 'post',
      path: '/api/v1/imports/:id/undo',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          res.json(importView(await imports.undo(res.locals.principal, importId(req)), forSupport(res)));
        },
      ],
    },
  ];
}
