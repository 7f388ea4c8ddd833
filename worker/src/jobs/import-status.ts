import type { Types } from 'mongoose';
import type { ImportErrorCode, ImportStatus, Models } from '@muster/shared';

/** Statuses in which a worker is (or should be) busy with the import. */
export const RUNNING_STATUSES: ImportStatus[] = ['queued', 'validating', 'importing'];

export const PROCESSING_ERROR_MESSAGE =
  'Nothing is wrong with your file: the import stopped because of a problem on our side. ' +
  'Support can re-run it from the stored file, or you can upload it again later.';

/** Ends a running import as failed; does nothing if it already ended (another path won). */
export async function failImport(models: Models, importId: Types.ObjectId | string, code: ImportErrorCode, message: string) {
  await models.Import.updateOne(
    { _id: importId, status: { $in: RUNNING_STATUSES } },
    { $set: { status: 'failed', error: { code, message }, finishedAt: new Date(), 'progress.phase': 'done' } },
  );
}
