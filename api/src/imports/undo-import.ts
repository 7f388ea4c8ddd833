import type { Types } from 'mongoose';
import type { ImportDoc, Models } from '@muster/shared';

export interface UndoResult {
  removed: number;
  restored: number;
  leftAlone: { email: string; reason: string }[];
}

const MAX_LISTED = 1000;

/**
 * Takes an import back: removes the users it created and puts the users it updated back as they
 * were, except people changed again since (they are listed, not touched). Each write is
 * conditional on the user still being as the import left it, so a change made meanwhile wins.
 */
export async function undoImport(models: Models, imp: Pick<ImportDoc, '_id' | 'accountId'>): Promise<UndoResult> {
  const importId = imp._id as Types.ObjectId;
  const leftAlone: UndoResult['leftAlone'] = [];
  const note = (email: string, reason: string) => leftAlone.length < MAX_LISTED && leftAlone.push({ email, reason });

  const created = models.User.collection.find({ createdByImportId: importId }, { projection: { email: 1, importId: 1 } });
  for await (const user of created) {
    if (!(user.importId as Types.ObjectId | null)?.equals(importId)) note(user.email as string, 'changed by a later import');
  }
  const { deletedCount } = await models.User.collection.deleteMany({ createdByImportId: importId, importId });
  // The account's user-count hint (see Account.userCount), only once it is known.
  if (deletedCount) await models.Account.updateOne({ _id: imp.accountId, userCount: { $exists: true } }, { $inc: { userCount: -deletedCount } });

  let restored = 0;
  for await (const revision of models.UserRevision.collection.find({ importId })) {
    const user = await models.User.collection.findOne({ _id: revision.userId }, { projection: { email: 1, importId: 1, updatedAt: 1 } });
    if (!user) continue; // removed since: nothing to put back
    const untouched = (user.importId as Types.ObjectId | null)?.equals(importId) && (user.updatedAt as Date).getTime() === (revision.afterUpdatedAt as Date).getTime();
    if (!untouched) {
      note(user.email as string, 'changed since this import');
      continue;
    }
    const result = await models.User.collection.updateOne(
      { _id: revision.userId, importId, updatedAt: revision.afterUpdatedAt },
      { $set: revision.before },
    );
    restored += result.modifiedCount;
  }
  return { removed: deletedCount, restored, leftAlone };
}
