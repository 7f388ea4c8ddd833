import { Types } from 'mongoose';
import {
  AppError,
  ImportJobName,
  checkReplacements,
  checkRowEdits,
  conflict,
  enqueueImportJob,
  importFolder,
  mergeRowEdits,
  notFound,
  unavailable,
  type ImportDoc,
  type RowEdits,
  type Storage,
} from '@muster/shared';
import type { Request, Response } from 'express';
import { allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { auditEntry } from './audit.js';
import { importView } from './import-view.js';
import { loadImport } from './imports.routes.js';

/** Imports whose bad rows can be fixed: checked, failed, or partly imported. */
const CORRECTABLE = ['validated', 'failed', 'completed_with_errors'];
/** 50,000 edited rows is the goal; twice that still fits the worker's memory comfortably. */
const MAX_EDITED_ROWS = 100_000;
const MAX_PART = 999;

const invalid = (message: string) => new AppError('VALIDATION_ERROR', message, 400);
const draftFolder = (imp: ImportDoc, draftId: string) => `${importFolder(imp)}drafts/${draftId}/`;
const draftMarker = (folder: string) => `${folder}draft.json`;
const partKey = (folder: string, n: number) => `${folder}part-${String(n).padStart(3, '0')}.json`;

async function readJson<T>(storage: Storage, key: string): Promise<T | null> {
  const object = await storage.get(key);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

function checkedEdits(value: unknown): RowEdits {
  const checked = checkRowEdits(value);
  if ('problem' in checked) throw invalid(checked.problem);
  return checked.edits;
}

async function correctableImport(deps: AppDeps, req: Request, res: Response): Promise<ImportDoc> {
  const original = await loadImport(deps, req, res);
  if (!CORRECTABLE.includes(original.status)) {
    throw conflict('INVALID_STATE', `This import is ${original.status}; only a checked, failed or partly imported import can be corrected.`);
  }
  return original;
}

/** The draft's folder, or a 404 that says the saved edits are gone. */
async function existingDraft(storage: Storage, original: ImportDoc, draftId: unknown): Promise<string> {
  if (typeof draftId !== 'string' || !Types.ObjectId.isValid(draftId) || !/^[0-9a-f]{24}$/.test(draftId)) throw notFound('The saved corrections');
  const folder = draftFolder(original, draftId);
  if (!(await storage.exists(draftMarker(folder)))) throw notFound('The saved corrections');
  return folder;
}

/**
 * Every edit the corrected import gets: the original's own (when it is itself a correction, so
 * fixes made earlier are kept), then the draft's parts in part order, then the request's `edits`;
 * a cell edited twice takes the later text.
 */
async function mergedEdits(storage: Storage, original: ImportDoc, draft: string | null, edits: RowEdits): Promise<RowEdits> {
  const merged: RowEdits = original.correction?.editsKey ? ((await readJson<RowEdits>(storage, original.correction.editsKey)) ?? {}) : {};
  if (draft) {
    const parts = (await storage.list(draft)).filter((key) => /\/part-\d{3}\.json$/.test(key)).sort();
    for (const key of parts) mergeRowEdits(merged, (await readJson<RowEdits>(storage, key)) ?? {});
  }
  return mergeRowEdits(merged, edits);
}

/**
 * "Fix bad rows": a new import made from another's stored file plus edits by row number. The file
 * is copied inside the storage (S3 to S3 through the API, never through the browser), so the
 * original can be discarded or expire without taking the correction's file with it; the worker
 * applies the edits as it streams the copy, and the new import is checked like any upload.
 * Edits too many for one request (50,000 rows) are saved first as a draft, part by part.
 */
export function correctionRoutes(deps: AppDeps): RouteSpec[] {
  const { models, storage, importQueue } = deps;
  return [
    {
      method: 'post',
      path: '/api/v1/imports/:id/corrections/drafts',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const original = await correctableImport(deps, req, res);
          const draftId = String(new Types.ObjectId());
          // Stored beside the import, so a draft never used goes with the import's files.
          await storage.put(draftMarker(draftFolder(original, draftId)), JSON.stringify({ createdAt: new Date(), by: res.locals.principal.sub }), 'application/json');
          res.status(201).json({ draftId });
        },
      ],
    },
    {
      method: 'put',
      path: '/api/v1/imports/:id/corrections/drafts/:draftId/parts/:n',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const original = await correctableImport(deps, req, res);
          const folder = await existingDraft(storage, original, req.params.draftId);
          const n = /^(0|[1-9][0-9]{0,2})$/.test(String(req.params.n)) ? Number(req.params.n) : NaN;
          if (!(n <= MAX_PART)) throw invalid(`The part number must be a whole number from 0 to ${MAX_PART}.`);
          const edits = checkedEdits((req.body as { edits?: unknown } | undefined)?.edits);
          // The same part again replaces it: a retried request changes nothing.
          await storage.put(partKey(folder, n), JSON.stringify(edits), 'application/json');
          res.json({ draftId: req.params.draftId, part: n, editedRows: Object.keys(edits).length });
        },
      ],
    },
    {
      method: 'post',
      path: '/api/v1/imports/:id/corrections',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const original = await correctableImport(deps, req, res);
          const body = (req.body ?? {}) as { edits?: unknown; draftId?: unknown; replacements?: unknown };
          const draft = body.draftId === undefined ? null : await existingDraft(storage, original, body.draftId);
          const requestEdits = body.edits === undefined && (draft || body.replacements !== undefined) ? {} : checkedEdits(body.edits);
          const checkedReplacements = checkReplacements(body.replacements);
          if ('problem' in checkedReplacements) throw invalid(checkedReplacements.problem);
          const edits = await mergedEdits(storage, original, draft, requestEdits);
          const replacements = [...(original.correction?.replacements ?? []), ...checkedReplacements.replacements];
          const editedRows = Object.keys(edits).length;
          if (editedRows === 0 && replacements.length === 0) throw invalid('There is nothing to correct: send edits, a draftId with saved parts, or replacements.');
          if (editedRows > MAX_EDITED_ROWS) throw invalid(`At most ${MAX_EDITED_ROWS.toLocaleString('en-GB')} rows can be corrected at once; this correction edits ${editedRows.toLocaleString('en-GB')}.`);
          const source = await storage.get(original.fileKey);
          if (!source) throw conflict('FILE_MISSING', 'The uploaded file is no longer stored (files are kept for a limited time). Upload it again.');
          const importId = new Types.ObjectId();
          const folder = `imports/${String(original.accountId)}/${importId}`;
          const fileKey = `${folder}/source.csv`;
          const editsKey = `${folder}/edits.json`;
          const { bytes } = await storage.put(fileKey, source.body, 'application/octet-stream');
          try {
            await storage.put(editsKey, JSON.stringify(edits), 'application/json');
            const created = await models.Import.create({
              _id: importId,
              accountId: original.accountId,
              createdBy: res.locals.principal.sub,
              fileName: original.fileName,
              fileKey,
              fileBytes: bytes,
              mode: original.mode,
              existing: original.existing,
              autoStart: false,
              status: 'queued',
              run: 1,
              correction: { of: original._id, editsKey, editedRows, ...(replacements.length ? { replacements } : {}) },
              audit: [auditEntry(res, 'corrected')],
            });
            try {
              await enqueueImportJob(importQueue, String(importId), ImportJobName.Validate, 1);
            } catch {
              await models.Import.deleteOne({ _id: importId });
              throw unavailable('Imports are paused for a moment while we reconnect. Nothing was saved; please try again in a minute.');
            }
            // The draft's edits now live in the new import's edits.json.
            if (draft) for (const key of await storage.list(draft).catch(() => [] as string[])) await storage.delete(key).catch(() => undefined);
            res.status(202).location(`/api/v1/imports/${importId}`).json(importView(created.toObject() as unknown as ImportDoc));
          } catch (error) {
            await Promise.all([storage.delete(fileKey), storage.delete(editsKey)].map((p) => p.catch(() => undefined)));
            throw error;
          }
        },
      ],
    },
  ];
}
