import { recordImportEnded, removeImportFiles, type ImportDoc, type Models, type Storage } from '@muster/shared';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Discards checked (`validated`) imports nobody started within `afterDays` of their check: each
 * ends `cancelled` (transition validated -> cancelled, actor "retention") and its stored files go.
 * The status condition on the update means an import started meanwhile is left alone.
 */
export async function discardUnstartedChecks(models: Models, storage: Storage, afterDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - afterDays * DAY_MS);
  // Equality on status (pushed down on FerretDB); updatedAt is when the check finished.
  const stale = (await models.Import.find({ status: 'validated', updatedAt: { $lt: cutoff } }, { accountId: 1, fileKey: 1, errorLog: 1, correction: 1, counts: 1, createdAt: 1 }).lean()) as unknown as Pick<
    ImportDoc,
    '_id' | 'accountId' | 'fileKey' | 'errorLog' | 'correction' | 'counts' | 'createdAt'
  >[];
  let discarded = 0;
  for (const imp of stale) {
    const done = await models.Import.updateOne(
      { _id: imp._id, status: 'validated' },
      {
        $set: { status: 'cancelled', cancelRequested: true, finishedAt: now, 'progress.phase': 'done', filesRemovedAt: now, 'errorLog.key': null },
        $push: { audit: { at: now, actor: 'retention', role: 'system', action: 'cancelled' } },
      },
    );
    if (done.modifiedCount !== 1) continue;
    discarded++;
    await recordImportEnded(models.ImportTotals, { status: 'cancelled', counts: imp.counts, createdAt: imp.createdAt, finishedAt: now });
    await removeImportFiles(storage, imp);
  }
  return discarded;
}
