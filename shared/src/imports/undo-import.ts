import type { Types } from 'mongoose';
import type { ImportDoc } from '../db/models/import.model.js';
import type { Models } from '../db/models.js';

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
 *
 * Safe to run again after it stopped part way (the database went away): users already removed
 * are gone, and a user already put back (its importId and updatedAt are the revision's "before")
 * is recognised and neither restored twice nor listed as changed. `done` is filled in as it goes,
 * so a caller whose run threw still knows what was undone.
 */
export async function undoImport(models: Models, imp: Pick<ImportDoc, '_id' | 'accountId'>, done: UndoResult = { removed: 0, restored: 0, leftAlone: [] }): Promise<UndoResult> {
  const importId = imp._id as Types.ObjectId;
  const listed = new Set(done.leftAlone.map((l) => l.email));
  const note = (email: string, reason: string) => {
    if (done.leftAlone.length >= MAX_LISTED || listed.has(email)) return;
    listed.add(email);
    done.leftAlone.push({ email, reason });
  };

  const created = models.User.collection.find({ createdByImportId: importId }, { projection: { email: 1, importId: 1 } });
  for await (const user of created) {
    if (!(user.importId as Types.ObjectId | null)?.equals(importId)) note(user.email as string, 'changed by a later import');
  }
  const { deletedCount } = await models.User.collection.deleteMany({ createdByImportId: importId, importId });
  done.removed += deletedCount;
  // The account's user-count hint (see Account.userCount), only once it is known.
  if (deletedCount) await models.Account.updateOne({ _id: imp.accountId, userCount: { $exists: true } }, { $inc: { userCount: -deletedCount } });

  // Counted afresh over all revisions, so a user whose restore was written but whose answer was
  // lost (the database went away) counts once, in the run that finds it put back.
  let restored = 0;
  const countRestored = () => void (done.restored = Math.max(done.restored, ++restored));
  for await (const revision of models.UserRevision.collection.find({ importId })) {
    const user = await models.User.collection.findOne({ _id: revision.userId }, { projection: { email: 1, importId: 1, updatedAt: 1 } });
    if (!user) continue; // removed since: nothing to put back
    const before = revision.before as { importId?: Types.ObjectId | null; updatedAt?: Date };
    if (sameMoment(user.updatedAt as Date, before.updatedAt) && sameId(user.importId as Types.ObjectId | null, before.importId)) {
      countRestored(); // put back by an earlier run
      continue;
    }
    const untouched = (user.importId as Types.ObjectId | null)?.equals(importId) && sameMoment(user.updatedAt as Date, revision.afterUpdatedAt as Date);
    if (!untouched) {
      note(user.email as string, 'changed since this import');
      continue;
    }
    const result = await models.User.collection.updateOne(
      { _id: revision.userId, importId, updatedAt: revision.afterUpdatedAt },
      { $set: revision.before },
    );
    if (result.modifiedCount) countRestored();
  }
  return done;
}

const sameMoment = (a: Date | undefined | null, b: Date | undefined | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const sameId = (a: Types.ObjectId | null | undefined, b: Types.ObjectId | null | undefined) => (a ? a.equals(b ?? '') : !b);
