import type { Types } from 'mongoose';
import { recordImportEnded, type ImportErrorCode, type ImportStatus, type Models } from '@muster/shared';

/** Statuses in which a worker is (or should be) busy with the import. */
export const RUNNING_STATUSES: ImportStatus[] = ['queued', 'validating', 'importing'];

export const PROCESSING_ERROR_MESSAGE =
  'Nothing is wrong with your file: the import stopped because of a problem on our side. ' +
  'Support can re-run it from the stored file, or you can upload it again later.';

/** Ends a running import as failed; does nothing if it already ended (another path won). */
export async function failImport(models: Models, importId: Types.ObjectId | string, code: ImportErrorCode, message: string) {
  const finishedAt = new Date();
  const ended = await models.Import.findOneAndUpdate(
    { _id: importId, status: { $in: RUNNING_STATUSES } },
    { $set: { status: 'failed', error: { code, message }, finishedAt, 'progress.phase': 'done' } },
    { new: true },
  ).lean();
  if (ended) await recordImportEnded(models.ImportTotals, { status: 'failed', counts: ended.counts, createdAt: ended.createdAt, finishedAt });
}

/** The `$set` that closes this worker's entry in the import's attempts. */
export function attemptEnd(index: number, outcome: string, error?: string): Record<string, unknown> {
  const set: Record<string, unknown> = { [`attempts.${index}.outcome`]: outcome, [`attempts.${index}.endedAt`]: new Date() };
  if (error) set[`attempts.${index}.error`] = error.slice(0, 500);
  return set;
}

/** Closes this worker's entry in the import's attempts. */
export async function endAttempt(models: Models, importId: Types.ObjectId | string, index: number, outcome: string, error?: string) {
  await models.Import.updateOne({ _id: importId }, { $set: attemptEnd(index, outcome, error) });
}

/**
 * Completes the attempt the claim just pushed (the run is only known from the claimed document),
 * and marks earlier attempts still "running" as interrupted: their worker died.
 */
export async function settleAttempts(models: Models, imp: { _id: Types.ObjectId; run: number; attempts: { outcome: string }[] }, current: number) {
  const set: Record<string, unknown> = { [`attempts.${current}.run`]: imp.run };
  imp.attempts.forEach((a, i) => {
    if (i !== current && a.outcome === 'running') set[`attempts.${i}.outcome`] = 'interrupted';
  });
  await models.Import.updateOne({ _id: imp._id }, { $set: set });
}
