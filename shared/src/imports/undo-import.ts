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

/** How long an undo's claim holds without renewal before another undo may take it over. */
export const UNDO_LEASE_MS = Number(process.env.UNDO_LEASE_MS ?? 120_000);

const copyResult = (undo: UndoResult): UndoResult => ({ removed: undo.removed, restored: undo.restored, leftAlone: undo.leftAlone.map(({ email, reason }) => ({ email, reason })) });

/**
 * Claims an import for undo: one never undone, one whose undo stopped part way (`interrupted`), or
 * one whose undo is `running` but whose lease ran out (its process died). The counts recorded so
 * far are carried on. Each is one conditional update, so two clicks cannot both win.
 */
export async function claimUndo(models: Models, imp: Pick<ImportDoc, '_id'>, statuses: readonly string[], leaseMs = UNDO_LEASE_MS): Promise<UndoResult | null> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const fresh = await models.Import.updateOne(
    { _id: imp._id, status: { $in: statuses }, undo: null },
    { $set: { undo: { at: now, state: 'running', removed: 0, restored: 0, leftAlone: [], error: null, leaseUntil } } },
  );
  if (fresh.modifiedCount === 1) return { removed: 0, restored: 0, leftAlone: [] };
  const resumed = (await models.Import.findOneAndUpdate(
    {
      _id: imp._id,
      status: { $in: statuses },
      $or: [{ 'undo.state': 'interrupted' }, { 'undo.state': 'running', 'undo.leaseUntil': { $lt: now } }],
    },
    { $set: { 'undo.state': 'running', 'undo.leaseUntil': leaseUntil } },
    { new: true },
  ).lean()) as unknown as ImportDoc | null;
  return resumed?.undo ? copyResult(resumed.undo) : null;
}

/**
 * Keeps a running undo's claim alive: every quarter lease it pushes the lease on and records the
 * counts so far, so an undo taken over after its process died carries them on. Call the returned
 * function to stop. A renewal that fails (the database is away) is simply tried at the next tick.
 */
export function renewUndoLease(models: Models, importId: Types.ObjectId, done: UndoResult, leaseMs = UNDO_LEASE_MS): () => void {
  const timer = setInterval(() => {
    models.Import.updateOne(
      { _id: importId, 'undo.state': 'running' },
      { $set: { 'undo.leaseUntil': new Date(Date.now() + leaseMs), 'undo.removed': done.removed, 'undo.restored': done.restored, 'undo.leftAlone': copyResult(done).leftAlone } },
    ).catch(() => undefined);
  }, Math.max(250, leaseMs / 4));
  timer.unref();
  return () => clearInterval(timer);
}

/** Records how far an interrupted undo got and releases its claim, so the next undo can take over. */
export async function releaseUndo(models: Models, importId: Types.ObjectId, done: UndoResult, error: Error): Promise<void> {
  await models.Import.updateOne(
    { _id: importId, 'undo.state': 'running' },
    { $set: { undo: { at: new Date(), state: 'interrupted', ...copyResult(done), error: error.message.slice(0, 500), leaseUntil: null } } },
  );
}
