import { Types } from 'mongoose';
import { AppError, IMPORT_STATUSES, type ImportStatus } from '@muster/shared';

/** What support can narrow the list of imports by (all optional). */
export interface ImportFilters {
  statuses: ImportStatus[];
  accountId?: Types.ObjectId;
  /** createdAt >= from */
  from?: Date;
  /** createdAt < to */
  to?: Date;
  /** Part of the file name, any case. */
  file?: string;
}

const invalid = (message: string) => new AppError('INVALID_REQUEST', message, 400);

function date(name: string, value: unknown): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) throw invalid(`${name} must be a date such as 2026-11-25.`);
  return parsed;
}

/** Reads `status` (comma-separated), `accountId`, `from`, `to` and `file` from a query string; 400 on a bad one. */
export function parseImportFilters(query: Record<string, unknown>): ImportFilters {
  const filters: ImportFilters = { statuses: [] };
  if (typeof query.status === 'string' && query.status) {
    const statuses = [...new Set(query.status.split(','))];
    if (statuses.some((s) => !(IMPORT_STATUSES as readonly string[]).includes(s))) throw invalid(`status must be one of ${IMPORT_STATUSES.join(', ')}.`);
    filters.statuses = statuses as ImportStatus[];
  }
  if (typeof query.accountId === 'string' && query.accountId) {
    if (!/^[0-9a-f]{24}$/i.test(query.accountId)) throw invalid('accountId must be an account id.');
    filters.accountId = new Types.ObjectId(query.accountId);
  }
  const from = date('from', query.from);
  const to = date('to', query.to);
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (typeof query.file === 'string' && query.file.trim()) filters.file = query.file.trim().toLowerCase();
  return filters;
}

/**
 * The filters the database is not asked to apply (dates and file name): FerretDB only pushes
 * top-level equality down, so these are checked on the documents as they stream past.
 */
export function matchesInMemory(imp: { createdAt: Date; fileName: string }, filters: ImportFilters): boolean {
  const created = new Date(imp.createdAt).getTime();
  if (filters.from && created < filters.from.getTime()) return false;
  if (filters.to && created >= filters.to.getTime()) return false;
  if (filters.file && !imp.fileName.toLowerCase().includes(filters.file)) return false;
  return true;
}
