import type { Types } from 'mongoose';
import type { Models } from '@muster/shared';

/** What an undo would do now: the same checks undoImport makes, without writing anything. */
export interface UndoPlan {
  remove: number;
  restore: number;
  /** The first emails of the people it would remove and restore (at most 200 each). */
  removing: string[];
  restoring: string[];
  /** People changed since the import (they would be left alone); at most 200 listed. */
  leftAlone: { email: string; reason: string }[];
  leftAloneCount: number;
}

const MAX_LISTED = 200;

export async function planUndo(models: Models, importId: Types.ObjectId): Promise<UndoPlan> {
  const plan: UndoPlan = { remove: 0, restore: 0, removing: [], restoring: [], leftAlone: [], leftAloneCount: 0 };
  const leaveAlone = (email: string, reason: string) => {
    plan.leftAloneCount++;
    if (plan.leftAlone.length < MAX_LISTED) plan.leftAlone.push({ email, reason });
  };
  for await (const user of models.User.collection.find({ createdByImportId: importId }, { projection: { email: 1, importId: 1 } })) {
    if ((user.importId as Types.ObjectId | null)?.equals(importId)) {
      if (plan.removing.length < MAX_LISTED) plan.removing.push(user.email as string);
      plan.remove++;
    } else leaveAlone(user.email as string, 'changed by a later import');
  }
  for await (const revision of models.UserRevision.collection.find({ importId })) {
    const user = await models.User.collection.findOne({ _id: revision.userId }, { projection: { email: 1, importId: 1, updatedAt: 1 } });
    if (!user) continue;
    const untouched = (user.importId as Types.ObjectId | null)?.equals(importId) && (user.updatedAt as Date).getTime() === (revision.afterUpdatedAt as Date).getTime();
    if (untouched) {
      if (plan.restoring.length < MAX_LISTED) plan.restoring.push(user.email as string);
      plan.restore++;
    } else leaveAlone(user.email as string, 'changed since this import');
  }
  return plan;
}
