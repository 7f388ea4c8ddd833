import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import {
  AppError,
  answerWithin,
  EXISTING_POLICIES,
  IMPORT_MODES,
  ImportJobName,
  enqueueImportJob,
  newestFirstByEachValue,
  notFound,
  templateHeader,
  unavailable,
  type AccountDoc,
  type ImportDoc,
  type ImportStatus,
  type ModuleId,
  type Models,
} from '@muster/shared';
import { canSeeAccount } from '../auth/auth.middleware.js';
import type { Principal } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { choice } from '../http/choice.js';
import { auditBy } from './audit.js';
import { cleanFileName } from './file-name.js';
import { cancelImport, retryImport, startImport, undoEndedImport, type ImportActionDeps } from './import-actions.js';
import { ImportReadCache } from './import-read-cache.js';
import { xlsxTemplate } from './xlsx-template.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const QUEUE_DOWN = 'Imports are paused for a moment while we reconnect. Nothing was uploaded; please try again in a minute.';

/** Where an upload is to be stored, chosen before the upload starts. */
export interface ReservedUpload {
  importId: Types.ObjectId;
  accountId: Types.ObjectId;
  fileKey: string;
}

/** The file as the upload stored it: its name as the person chose it, and its stored size. */
export interface ReceivedFile {
  originalName: string;
  bytes: number | undefined;
}

/** Which imports a list asks for; each part is already read from the request. */
export interface ImportListQuery {
  /** Absent only for support staff listing every account's imports. */
  accountId?: Types.ObjectId;
  statuses?: ImportStatus[];
  createdAt?: { $gte?: Date; $lt?: Date };
  limit: number;
  cursor?: string;
}

/** A file to download: its type, its name and its bytes. */
export interface Download<Body = Buffer | string> {
  contentType: string;
  fileName: string;
  body: Body;
}

/** Loads an import the actor may see; 404 for a missing one and for another account's. */
export async function loadImportFor(models: Models, actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
  const imp = (await models.Import.findById(id).lean()) as ImportDoc | null;
  if (!imp || !canSeeAccount(actor, imp.accountId)) throw notFound('The import');
  return imp;
}

/**
 * What can be done with imports, whoever asks (the routes read the request and shape the reply):
 * the rules, and the talking to the database, the queue and the storage. Holds the polling cache,
 * so every change made here shows at once in the status an owner polls.
 */
export class ImportsService {
  private readonly statusCache: ImportReadCache;
  private readonly actionDeps: ImportActionDeps;

  constructor(private readonly deps: AppDeps) {
    this.statusCache = new ImportReadCache(deps.models, deps.config.limits.statusCacheMs);
    this.actionDeps = { ...deps, statusCache: this.statusCache };
  }

  /** The empty file to fill in, with the account's module columns (and its teams, for Excel). */
  async template(accountId: Types.ObjectId, format: 'csv' | 'xlsx'): Promise<Download> {
    const { models } = this.deps;
    const account = (await models.Account.findById(accountId).lean()) as AccountDoc | null;
    if (!account) throw notFound('The account');
    if (format === 'xlsx') {
      const teams = await models.Team.find({ accountId: account._id }, { name: 1 }).lean();
      const workbook = await xlsxTemplate(account.modules as ModuleId[], teams.map((t) => t.name));
      return { contentType: XLSX_TYPE, fileName: 'users-template.xlsx', body: workbook };
    }
    return { contentType: 'text/csv; charset=utf-8', fileName: 'users-template.csv', body: `\uFEFF${templateHeader(account.modules as ModuleId[]).join(',')}\r\n` };
  }

  /** 404 unless the account exists. */
  async requireAccount(accountId: Types.ObjectId): Promise<void> {
    if (!(await this.deps.models.Account.exists({ _id: accountId }))) throw notFound('The account');
  }

  /** A new import's id and file key; 503 at once when the queue is away (no point storing the file). */
  async reserveUpload(accountId: Types.ObjectId): Promise<ReservedUpload> {
    if (!(await this.redisAnswers())) throw unavailable(QUEUE_DOWN);
    const importId = new Types.ObjectId();
    return { importId, accountId, fileKey: `imports/${accountId}/${importId}/source.csv` };
  }

  /**
   * Records the stored upload as a queued import and queues its check. `form` holds the upload's
   * other fields (mode, existing, autoStart). On any refusal the stored file is removed again.
   */
  async createFromUpload(target: ReservedUpload, file: ReceivedFile | undefined, form: Record<string, unknown>, actor: Principal): Promise<ImportDoc> {
    const { models, storage, importQueue } = this.deps;
    const { importId, accountId, fileKey } = target;
    try {
      if (!file) throw new AppError('FILE_REQUIRED', 'Choose a CSV or Excel (.xlsx) file to upload (form field "file").', 400);
      if (!file.bytes) throw new AppError('EMPTY_FILE', 'The file is empty. Download the template, add your people and upload it again.', 400);
      const mode = choice(form, 'mode', IMPORT_MODES, 'all-or-nothing');
      const existing = choice(form, 'existing', EXISTING_POLICIES, 'skip');
      const autoStart = choice(form, 'autoStart', ['true', 'false'] as const, 'false') === 'true';
      const created = await models.Import.create({
        _id: importId,
        accountId,
        createdBy: actor.sub,
        fileName: cleanFileName(file.originalName),
        fileKey,
        fileBytes: file.bytes,
        mode,
        existing,
        autoStart,
        status: 'queued',
        run: 1,
        audit: [auditBy(actor, 'uploaded')],
      });
      try {
        await enqueueImportJob(importQueue, String(importId), ImportJobName.Validate, 1);
      } catch {
        await models.Import.deleteOne({ _id: importId });
        throw unavailable(QUEUE_DOWN);
      }
      return created.toObject() as unknown as ImportDoc;
    } catch (error) {
      if (file) await storage.delete(fileKey).catch(() => undefined);
      throw error;
    }
  }

  /** A page of imports, newest first, with the cursor of the next page (null at the end). */
  async list(query: ImportListQuery): Promise<{ items: ImportDoc[]; nextCursor: string | null }> {
    const { limit } = query;
    const filter: Record<string, unknown> = {};
    if (query.accountId) filter.accountId = query.accountId;
    if (query.createdAt) filter.createdAt = query.createdAt;
    if (query.cursor) filter._id = { $lt: new Types.ObjectId(query.cursor) };
    const page = (extra: Record<string, unknown>) =>
      this.deps.models.Import.find({ ...filter, ...extra }).sort({ _id: -1 }).limit(limit).lean() as unknown as Promise<ImportDoc[]>;
    // Statuses one equality query each (an index on FerretDB too), merged newest first.
    const items = query.statuses ? await newestFirstByEachValue(query.statuses, limit, (status) => page({ status })) : await page({});
    return { items, nextCursor: items.length === limit ? String(items[items.length - 1]!._id) : null };
  }

  /** An import the actor may see, read afresh. */
  load(actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
    return loadImportFor(this.deps.models, actor, id);
  }

  /** The same for status polling: served from a cache of STATUS_CACHE_MS (500 ms; see ImportReadCache). */
  async status(actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
    const imp = await this.statusCache.get(id);
    if (!imp || !canSeeAccount(actor, imp.accountId)) throw notFound('The import');
    return imp;
  }

  /** The import's error log as stored; 404, saying when files are removed, once it is gone. */
  async errorLog(imp: ImportDoc): Promise<Download<Readable> & { bytes: number }> {
    const { storage, config } = this.deps;
    const object = imp.errorLog?.key ? await storage.get(imp.errorLog.key) : null;
    if (!object) {
      const removed = imp.filesRemovedAt ? ` Files are kept for ${config.limits.retentionDays} days; this one was removed on ${imp.filesRemovedAt.toISOString().slice(0, 10)}.` : '';
      throw new AppError('NOT_FOUND', `This import has no error log.${removed}`, 404);
    }
    const base = imp.fileName.replace(/\.(csv|txt|xlsx)$/i, '');
    return { contentType: 'text/csv; charset=utf-8', fileName: `${base}-errors.csv`, body: object.body, bytes: object.bytes };
  }

  /** Starts a checked import; the import afterwards. */
  start(actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
    return this.act(actor, id, startImport);
  }

  /** Cancels an import (a running one stops at its next batch); the import afterwards. */
  cancel(actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
    return this.act(actor, id, cancelImport);
  }

  /** Runs a failed import again; the import afterwards. */
  retry(actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
    return this.act(actor, id, retryImport);
  }

  /** Undoes an ended import; the import afterwards. */
  undo(actor: Principal, id: Types.ObjectId): Promise<ImportDoc> {
    return this.act(actor, id, undoEndedImport);
  }

  private async act(actor: Principal, id: Types.ObjectId, action: (deps: ImportActionDeps, imp: ImportDoc, actor: Principal) => Promise<void>): Promise<ImportDoc> {
    const imp = await this.load(actor, id);
    await action(this.actionDeps, imp, actor);
    this.statusCache.invalidate(imp._id);
    return (await this.deps.models.Import.findById(imp._id).lean()) as unknown as ImportDoc;
  }

  private async redisAnswers(): Promise<boolean> {
    try {
      const client = await this.deps.importQueue.client;
      await answerWithin((client as unknown as { ping(): Promise<string> }).ping(), 1500, 'Redis did not answer within 1500 ms');
      return true;
    } catch {
      return false;
    }
  }
}
