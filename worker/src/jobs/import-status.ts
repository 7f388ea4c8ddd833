import type { Types } from 'mongoose';
import { movableFrom, recordImportEnded, type AttemptOutcome, type ImportErrorCode, type ImportPhase, type Models, type StatusAfter } from '@muster/shared';

export const PROCESSING_ERROR_MESSAGE =
  'Nothing is wrong with your file: the import stopped because of a problem on our side. ' +
  'Support can re-run it from the stored file, or you can upload it again later.';

/** Ends a running import as failed; does nothing if it already ended (another path won). */
export async function failImport(models: Models, importId: Types.ObjectId | string, code: ImportErrorCode, message: string) {
  const finishedAt = new Date();
  const ended = await models.Import.findOneAndUpdate(
    { _id: importId, status: { $in: movableFrom('fail') } },
    { $set: { status: 'failed' satisfies StatusAfter<'fail'>, error: { code, message }, finishedAt, 'progress.phase': 'done' satisfies ImportPhase } },
    { new: true },
  ).lean();
  if (ended) await recordImportEnded(models.ImportTotals, { status: 'failed', counts: ended.counts, createdAt: ended.createdAt, finishedAt });
}

/** The `$set` that closes this worker's entry in the import's attempts. */
export function attemptEnd(index: number, outcome: AttemptOutcome, error?: string): Record<`attempts.${number}.${'outcome' | 'endedAt' | 'error'}`, AttemptOutcome | Date | string> {
  const set: Record<`attempts.${number}.${'outcome' | 'endedAt' | 'error'}`, AttemptOutcome | Date | string> = { [`attempts.${index}.outcome`]: outcome, [`attempts.${index}.endedAt`]: new Date() };
  if (error) set[`attempts.${index}.error`] = error.slice(0, 500);
  return set;
}

/** Closes this worker's entry in the import's attempts. */
export async function endAttempt(models: Models, importId: Types.ObjectId | string, index: number, outcome: AttemptOutcome, error?: string) {
  await models.Import.updateOne({ _id: importId }, { $set: attemptEnd(index, outcome, error) });
}

/**
 * Completes the attempt the claim just pushed (the run is only known from the claimed document),
 * and marks earlier attempts still "running" as interrupted: their worker died.
 */
export async function settleAttempts(models: Models, imp: { _id: Types.ObjectId; run: number; attempts: { outcome: AttemptOutcome }[] }, current: number) {
  const set: Record<`attempts.${number}.${'run' | 'outcome'}`, number | AttemptOutcome> = { [`attempts.${current}.run`]: imp.run };
  imp.attempts.forEach((a, i) => {
    if (i !== current && a.outcome === 'running') set[`attempts.${i}.outcome`] = 'interrupted';
  });
  await models.Import.updateOne({ _id: imp._id }, { $set: set });
}
