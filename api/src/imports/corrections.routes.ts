import { Types } from 'mongoose';
import { AppError, ImportJobName, checkRowEdits, conflict, enqueueImportJob, unavailable, type ImportDoc } from '@muster/shared';
import { CorrectionBody } from '@muster/shared/contract';
import { allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateBody } from '../http/validate-body.js';
import { auditEntry } from './audit.js';
import { importView } from './import-view.js';
import { loadImport } from './imports.routes.js';

/** Imports whose bad rows can be fixed: checked, failed, or partly imported. */
const CORRECTABLE = ['validated', 'failed', 'completed_with_errors'];

/**
 * "Fix bad rows": a new import made from another's stored file plus edits by row number. The file
 * is copied inside the storage (S3 to S3 through the API, never through the browser), so the
 * original can be discarded or expire without taking the correction's file with it; the worker
 * applies the edits as it streams the copy, and the new import is checked like any upload.
 */
export function correctionRoutes(deps: AppDeps): RouteSpec[] {
  const { models, storage, importQueue } = deps;
  return [
    {
      method: 'post',
      path: '/api/v1/imports/:id/corrections',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const original = await loadImport(deps, req, res);
          if (!CORRECTABLE.includes(original.status)) {
            throw conflict('INVALID_STATE', `This import is ${original.status}; only a checked, failed or partly imported import can be corrected.`);
          }
          const checked = checkRowEdits(validateBody(CorrectionBody, req.body).edits);
          if ('problem' in checked) throw new AppError('VALIDATION_ERROR', checked.problem, 400);
          const source = await storage.get(original.fileKey);
          if (!source) throw conflict('FILE_MISSING', 'The uploaded file is no longer stored (files are kept for a limited time). Upload it again.');
          const importId = new Types.ObjectId();
          const folder = `imports/${String(original.accountId)}/${importId}`;
          const fileKey = `${folder}/source.csv`;
          const editsKey = `${folder}/edits.json`;
          const { bytes } = await storage.put(fileKey, source.body, 'application/octet-stream');
          const editedRows = Object.keys(checked.edits).length;
          try {
            await storage.put(editsKey, JSON.stringify(checked.edits), 'application/json');
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
              correction: { of: original._id, editsKey, editedRows },
              audit: [auditEntry(res, 'corrected')],
            });
            try {
              await enqueueImportJob(importQueue, String(importId), ImportJobName.Validate, 1);
            } catch {
              await models.Import.deleteOne({ _id: importId });
              throw unavailable('Imports are paused for a moment while we reconnect. Nothing was saved; please try again in a minute.');
            }
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
