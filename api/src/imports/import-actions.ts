import { conflict, isEnded, movableFrom, ImportJobName, enqueueImportJob, recordImportEnded, retryTransient, undoImport, claimUndo, releaseUndo, renewUndoLease, type ImportDoc, type ImportPhase, type StatusAfter } from '@muster/shared';
import { allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import type { Types } from 'mongoose';
import { auditEntry } from './audit.js';
import type { ImportReadCache } from './import-read-cache.js';
import { importView } from './import-view.js';
import { loadImport } from './imports.routes.js';

/** start / cancel / retry / undo: each is one conditional update, so two clicks cannot both win. */
export function importActionRoutes(deps: AppDeps, statusCache: ImportReadCache): RouteSpec[] {
  const { models, importQueue } = deps;
  const reply = async (id: Types.ObjectId, res: import('express').Response) => {
    statusCache.invalidate(id);
    const imp = (await models.Import.findById(id).lean()) as unknown as ImportDoc;
    res.status(202).json(importView(imp, res.locals.principal.role === 'support'));
  };

  return [
    {
      method: 'post',
      path: '/api/v1/imports/:id/start',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          const started = await models.Import.findOneAndUpdate(
            { _id: imp._id, status: { $in: movableFrom('start') } },
            {
              $set: { status: 'importing' satisfies StatusAfter<'start'>, 'progress.phase': 'importing' satisfies ImportPhase, 'progress.processedRows': 0, 'progress.percent': 0 },
              $push: { audit: auditEntry(res, 'started') },
            },
            { new: true },
          ).lean();
          if (!started) throw conflict('INVALID_STATE', `The import is ${imp.status.replace(/_/g, ' ')}; only a checked (validated) import can be started.`);
          await enqueueImportJob(importQueue, String(imp._id), ImportJobName.Import, started.run);
          await reply(imp._id, res);
        },
      ],
    },
    {
      method: 'post',
      path: '/api/v1/imports/:id/cancel',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          // Not yet running: cancel now. Running: the worker stops at its next batch boundary.
          const now = await models.Import.updateOne(
            { _id: imp._id, status: { $in: movableFrom('cancel') } },
            {
              $set: { status: 'cancelled' satisfies StatusAfter<'cancel'>, cancelRequested: true, finishedAt: new Date(), 'progress.phase': 'done' satisfies ImportPhase },
              $push: { audit: auditEntry(res, 'cancelled') },
            },
          );
          if (now.modifiedCount === 1) {
            await recordImportEnded(models.ImportTotals, { status: 'cancelled', counts: imp.counts, createdAt: imp.createdAt, finishedAt: new Date() });
            // Discarding a checked import (validated -> cancelled): nobody will start it, so its files go now.
            if (imp.status === 'validated') await removeFiles(deps, imp);
          }
          if (now.modifiedCount === 0) {
            const later = await models.Import.updateOne(
              { _id: imp._id, status: { $in: movableFrom('requestCancel') }, cancelRequested: { $ne: true } },
              { $set: { cancelRequested: true }, $push: { audit: auditEntry(res, 'cancelled') } },
            );
            if (later.modifiedCount === 0 && !(await models.Import.exists({ _id: imp._id, status: { $in: movableFrom('requestCancel') } }))) {
              throw conflict('INVALID_STATE', `The import has already ended (${imp.status.replace(/_/g, ' ')}).`);
            }
          }
          await reply(imp._id, res);
        },
      ],
    },
    {
      method: 'post',
      path: '/api/v1/imports/:id/retry',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          const retried = await models.Import.findOneAndUpdate(
            { _id: imp._id, status: { $in: movableFrom('retry') } },
            {
              $set: {
                status: 'queued' satisfies StatusAfter<'retry'>,
                autoStart: true,
                cancelRequested: false,
                error: null,
                finishedAt: null,
                progress: { phase: 'queued' satisfies ImportPhase, processedRows: 0, totalRows: null, percent: 0 },
              },
              $inc: { run: 1 },
              $push: { audit: auditEntry(res, 'retried') },
            },
            { new: true },
          ).lean();
          if (!retried) {
            const ended = isEnded(imp.status);
            throw conflict('INVALID_STATE', ended ? 'Only a failed import, or one that completed with errors, can be run again.' : 'The import is still running.');
          }
          await enqueueImportJob(importQueue, String(imp._id), ImportJobName.Validate, retried.run);
          await reply(imp._id, res);
        },
      ],
    },
    {
      method: 'post',
      path: '/api/v1/imports/:id/undo',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          const done = await claimUndo(models, imp, movableFrom('undo'));
          if (!done) {
            throw conflict('INVALID_STATE', imp.status === 'undone' || imp.undo ? 'This import has already been undone.' : 'Only an import that has ended can be undone.');
          }
          statusCache.invalidate(imp._id);
          const stopRenewing = renewUndoLease(models, imp._id, done);
          try {
            await undoImport(models, imp, done);
            await models.Import.updateOne(
              { _id: imp._id },
              { $set: { status: 'undone' satisfies StatusAfter<'undo'>, undo: { at: new Date(), state: 'done', ...done, error: null, leaseUntil: null } }, $push: { audit: auditEntry(res, 'undone') } },
            );
          } catch (error) {
            // Usually the database went away. Record what was undone and release the claim once it
            // answers again (in the background: the caller gets the error now), so that another
            // undo can finish the job instead of the import staying claimed for ever.
            void retryTransient(() => releaseUndo(models, imp._id, done, error as Error), deps.logger)
              .then(() => statusCache.invalidate(imp._id))
              .catch((releaseError: unknown) => deps.logger.error({ err: releaseError, importId: String(imp._id) }, 'could not release an interrupted undo'));
            throw error;
          } finally {
            stopRenewing();
          }
          await recordImportEnded(models.ImportTotals, { status: 'undone' });
          statusCache.invalidate(imp._id);
          const after = (await models.Import.findById(imp._id).lean()) as unknown as ImportDoc;
          res.json(importView(after, res.locals.principal.role === 'support'));
        },
      ],
    },
  ];
}

/** Deletes an import's stored file and error log, recording when (the record itself stays). */
async function removeFiles({ models, storage }: AppDeps, imp: ImportDoc) {
  for (const key of [imp.fileKey, imp.errorLog?.key]) if (key) await storage.delete(key);
  await models.Import.updateOne({ _id: imp._id }, { $set: { filesRemovedAt: new Date(), 'errorLog.key': null } });
}
