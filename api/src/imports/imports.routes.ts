import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import {
  AppError,
  answerWithin,
  IMPORT_STATUSES,
  newestFirstByEachValue,
  ImportJobName,
  enqueueImportJob,
  notFound,
  templateHeader,
  unavailable,
  type AccountDoc,
  type ImportDoc,
  type ModuleId,
} from '@muster/shared';
import { ImportsQuery, TemplateQuery, UploadForm } from '@muster/shared/contract';
import { accountIdFor, allow, canSeeAccount, objectIdParam } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateFields } from '../http/validate-body.js';
import { auditEntry } from './audit.js';
import { attachmentHeader, cleanFileName } from './file-name.js';
import { importActionRoutes } from './import-actions.js';
import { ImportReadCache } from './import-read-cache.js';
import { importView } from './import-view.js';
import { uploadRateLimit } from './upload-rate-limit.js';
import { uploadError, uploadMiddleware } from './upload-storage.js';
import { xlsxTemplate } from './xlsx-template.js';
import type { Redis } from 'ioredis';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const QUEUE_DOWN = 'Imports are paused for a moment while we reconnect. Nothing was uploaded; please try again in a minute.';

/** Loads an import the caller may see; 404 for a missing one and for another account's. */
export async function loadImport(deps: AppDeps, req: Request, res: Response): Promise<ImportDoc> {
  const id = objectIdParam(req.params.id, 'The import');
  const imp = (await deps.models.Import.findById(id).lean()) as ImportDoc | null;
  if (!imp || !canSeeAccount(res.locals.principal, imp.accountId)) throw notFound('The import');
  return imp;
}

/** `from` / `to` (ISO dates or times) as a createdAt range; 400 when one cannot be read. */
function dateRange(from: string | undefined, to: string | undefined): Record<string, Date> | undefined {
  const range: Record<string, Date> = {};
  for (const [op, value] of [['$gte', from], ['$lt', to]] as const) {
    if (value === undefined) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new AppError('INVALID_REQUEST', `${op === '$gte' ? 'from' : 'to'} must be a date such as 2026-11-25.`, 400);
    range[op] = date;
  }
  return Object.keys(range).length ? range : undefined;
}

async function redisAnswers(deps: AppDeps): Promise<boolean> {
  try {
    const client = await deps.importQueue.client;
    await answerWithin((client as unknown as { ping(): Promise<string> }).ping(), 1500, 'Redis did not answer within 1500 ms');
    return true;
  } catch {
    return false;
  }
}

export function importRoutes(deps: AppDeps): RouteSpec[] {
  const { models, storage, importQueue, config } = deps;
  const statusCache = new ImportReadCache(models, config.limits.statusCacheMs);
  const upload = uploadMiddleware(storage, config.limits.maxUploadMb);

  return [
    {
      method: 'get',
      path: '/api/v1/imports/template',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const { format } = validateFields(TemplateQuery, req.query);
          const account = (await models.Account.findById(accountIdFor(req, res)).lean()) as AccountDoc | null;
          if (!account) throw notFound('The account');
          if (format === 'xlsx') {
            const teams = await models.Team.find({ accountId: account._id }, { name: 1 }).lean();
            const workbook = await xlsxTemplate(account.modules as ModuleId[], teams.map((t) => t.name));
            res.setHeader('Content-Type', XLSX_TYPE);
            res.setHeader('Content-Disposition', attachmentHeader('users-template.xlsx'));
            res.send(workbook);
            return;
          }
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.setHeader('Content-Disposition', attachmentHeader('users-template.csv'));
          res.send(`\uFEFF${templateHeader(account.modules as ModuleId[]).join(',')}\r\n`);
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
          if (!(await models.Account.exists({ _id: accountId }))) throw notFound('The account');
          if (!req.is('multipart/form-data')) {
            throw new AppError('FILE_REQUIRED', 'Send the file (CSV or Excel .xlsx) as multipart/form-data in the field "file".', 400);
          }
          // Fail fast: with no queue there is no point storing the file.
          if (!(await redisAnswers(deps))) throw unavailable(QUEUE_DOWN);
          const importId = new Types.ObjectId();
          const key = `imports/${accountId}/${importId}/source.csv`;
          req.uploadTarget = { key };
          await new Promise<void>((resolve, reject) =>
            upload(req, res, (error?: unknown) => (error ? reject(uploadError(error, config.limits.maxUploadMb) ?? error) : resolve())),
          );
          const stored = req.file ? req.uploadTarget : undefined;
          const discard = () => (stored ? storage.delete(key).catch(() => undefined) : undefined);
          try {
            if (!req.file || !stored) throw new AppError('FILE_REQUIRED', 'Choose a CSV or Excel (.xlsx) file to upload (form field "file").', 400);
            if (!stored.bytes) throw new AppError('EMPTY_FILE', 'The file is empty. Download the template, add your people and upload it again.', 400);
            const form = validateFields(UploadForm, req.body);
            const { mode, existing } = form;
            const autoStart = form.autoStart === 'true';
            const created = await models.Import.create({
              _id: importId,
              accountId,
              createdBy: res.locals.principal.sub,
              fileName: cleanFileName(req.file.originalname),
              fileKey: key,
              fileBytes: stored.bytes,
              mode,
              existing,
              autoStart,
              status: 'queued',
              run: 1,
              audit: [auditEntry(res, 'uploaded')],
            });
            try {
              await enqueueImportJob(importQueue, String(importId), ImportJobName.Validate, 1);
            } catch {
              await models.Import.deleteOne({ _id: importId });
              throw unavailable(QUEUE_DOWN);
            }
            res.status(202).location(`/api/v1/imports/${importId}`).json(importView(created.toObject() as unknown as ImportDoc));
          } catch (error) {
            await discard();
            throw error;
          }
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/imports',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const principal = res.locals.principal;
          const query = validateFields(ImportsQuery, req.query);
          const { limit, cursor } = query;
          const filter: Record<string, unknown> = {};
          if (principal.role !== 'support' || typeof req.query.accountId === 'string') filter.accountId = accountIdFor(req, res);
          let statuses: string[] | undefined;
          if (query.status !== undefined) {
            statuses = query.status.split(',');
            const unknown = statuses.filter((s) => !(IMPORT_STATUSES as readonly string[]).includes(s));
            if (unknown.length) throw new AppError('INVALID_REQUEST', `status must be one of ${IMPORT_STATUSES.join(', ')}.`, 400);
          }
          const createdAt = dateRange(query.from, query.to);
          if (createdAt) filter.createdAt = createdAt;
          if (cursor) filter._id = { $lt: new Types.ObjectId(cursor) };
          const page = (extra: Record<string, unknown>) =>
            models.Import.find({ ...filter, ...extra }).sort({ _id: -1 }).limit(limit).lean() as unknown as Promise<ImportDoc[]>;
          // Statuses one equality query each (an index on FerretDB too), merged newest first.
          const items = statuses ? await newestFirstByEachValue(statuses, limit, (status) => page({ status })) : await page({});
          const support = principal.role === 'support';
          res.json({
            items: items.map((imp) => importView(imp, support)),
            nextCursor: items.length === limit ? String(items[items.length - 1]!._id) : null,
          });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/imports/:id',
      handlers: [
        allow('account_owner', 'manager'),
        // The polling endpoint: served from a cache of STATUS_CACHE_MS (500 ms; see ImportReadCache).
        async (req, res) => {
          const imp = await statusCache.get(objectIdParam(req.params.id, 'The import'));
          if (!imp || !canSeeAccount(res.locals.principal, imp.accountId)) throw notFound('The import');
          res.json(importView(imp, res.locals.principal.role === 'support'));
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/imports/:id/error-log',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          const object = imp.errorLog?.key ? await storage.get(imp.errorLog.key) : null;
          if (!object) {
            const removed = imp.filesRemovedAt ? ` Files are kept for ${config.limits.retentionDays} days; this one was removed on ${imp.filesRemovedAt.toISOString().slice(0, 10)}.` : '';
            throw new AppError('NOT_FOUND', `This import has no error log.${removed}`, 404);
          }
          const base = imp.fileName.replace(/\.(csv|txt|xlsx)$/i, '');
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.setHeader('Content-Disposition', attachmentHeader(`${base}-errors.csv`));
          if (object.bytes) res.setHeader('Content-Length', String(object.bytes));
          object.body.on('error', () => res.destroy());
          object.body.pipe(res);
        },
      ],
    },
    ...importActionRoutes(deps, statusCache),
  ];
}
