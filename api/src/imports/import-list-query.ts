import type { Request, Response } from 'express';
import { AppError, IMPORT_STATUSES, type ImportStatus } from '@muster/shared';
import { accountIdFor } from '../auth/auth.middleware.js';
import { pageParams } from '../http/route.js';
import type { ImportListQuery } from './imports.service.js';

/**
 * GET /api/v1/imports's query: `limit` / `cursor`, the account (support may leave it out to see
 * every account), `status` as a comma-separated list, and `from` / `to` as a createdAt range.
 */
export function importListQuery(req: Request, res: Response): ImportListQuery {
  const { limit, cursor } = pageParams(req.query);
  const everyAccount = res.locals.principal.role === 'support' && typeof req.query.accountId !== 'string';
  const accountId = everyAccount ? undefined : accountIdFor(req, res);
  let statuses: ImportStatus[] | undefined;
  if (typeof req.query.status === 'string') {
    statuses = req.query.status.split(',') as ImportStatus[];
    const unknown = statuses.filter((s) => !(IMPORT_STATUSES as readonly string[]).includes(s));
    if (unknown.length) throw new AppError('INVALID_REQUEST', `status must be one of ${IMPORT_STATUSES.join(', ')}.`, 400);
  }
  return { limit, cursor, accountId, statuses, createdAt: dateRange(req.query.from, req.query.to) };
}

/** `from` / `to` (ISO dates or times) as a createdAt range; 400 when one cannot be read. */
function dateRange(from: unknown, to: unknown): Record<string, Date> | undefined {
  const range: Record<string, Date> = {};
  for (const [op, value] of [['$gte', from], ['$lt', to]] as const) {
    if (value === undefined) continue;
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new AppError('INVALID_REQUEST', `${op === '$gte' ? 'from' : 'to'} must be a date such as 2026-11-25.`, 400);
    range[op] = date;
  }
  return Object.keys(range).length ? range : undefined;
}
