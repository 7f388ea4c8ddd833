import { Types, type AnyBulkWriteOperation } from 'mongoose';
import { isDuplicateKeyError, revisionId, writeErrorsOf, type Models } from '@muster/shared';
import type { UserFields } from './row-rules.js';

const ALL_MODULES_OFF = { loneWorking: false, events: false, incidents: false, audits: false };

/** A new user document, marked with the import that created it. */
export function newUserDocument(fields: UserFields, accountId: Types.ObjectId, importId: Types.ObjectId, now: Date) {
  return {
    accountId,
    firstName: fields.firstName!,
    lastName: fields.lastName!,
    email: fields.email,
    emailLower: fields.emailLower,
    phone: fields.phone ?? null,
    role: fields.role!,
    teamIds: (fields.teamIds ?? []).map((id) => new Types.ObjectId(id)),
    modules: { ...ALL_MODULES_OFF, ...fields.modules },
    createdByImportId: importId,
    importId,
    createdAt: now,
    updatedAt: now,
  };
}

/** The `$set` for an existing user: only the cells the row fills in; blank cells keep values. */
export function userUpdate(fields: UserFields, importId: Types.ObjectId, now: Date): Record<string, unknown> {
  const set: Record<string, unknown> = { importId, updatedAt: now };
  for (const key of ['firstName', 'lastName', 'phone', 'role'] as const) if (fields[key] !== undefined) set[key] = fields[key];
  if (fields.teamIds !== undefined) set.teamIds = fields.teamIds.map((id) => new Types.ObjectId(id));
  for (const [flag, value] of Object.entries(fields.modules)) set[`modules.${flag}`] = value;
  return set;
}

/**
 * Inserts new users unordered (one round trip for the batch). Returns the positions that hit the
 * unique index because someone else created that email meanwhile; all others are written.
 */
export async function insertUsers(models: Models, docs: ReturnType<typeof newUserDocument>[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await models.User.collection.insertMany(docs, { ordered: false });
    return new Set();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const writeErrors = writeErrorsOf(error);
    const other = writeErrors.find((w) => w.code !== 11000);
    if (other) throw error;
    return new Set(writeErrors.map((w) => w.index));
  }
}

/** The fields an import may change, and so the ones an undo puts back. */
export const UNDOABLE_FIELDS = ['firstName', 'lastName', 'phone', 'role', 'teamIds', 'modules', 'importId', 'updatedAt'] as const;

/**
 * Updates existing users, first keeping each one's "before" (for undo). Order matters for a crash:
 * the revision is written before the change, and a second write of it keeps the first.
 */
export async function updateUsers(models: Models, importId: Types.ObjectId, updates: { _id: Types.ObjectId; set: Record<string, unknown> }[]) {
  if (updates.length === 0) return;
  const projection = Object.fromEntries(UNDOABLE_FIELDS.map((f) => [f, 1]));
  // One read per user by _id: the only lookup FerretDB does without a scan.
  const befores = await Promise.all(updates.map(({ _id }) => models.User.collection.findOne({ _id }, { projection })));
  const revisions = updates.flatMap(({ _id, set }, i) => {
    const before = befores[i];
    if (!before) return [];
    const { _id: _ignored, ...fields } = before;
    return [{ _id: revisionId(importId, _id), importId, userId: _id, before: fields, afterUpdatedAt: set.updatedAt as Date }];
  });
  try {
    await models.UserRevision.collection.insertMany(revisions as never[], { ordered: false });
  } catch (error) {
    // Already there from an earlier attempt: the first "before" is the true one.
    if (!isDuplicateKeyError(error) || writeErrorsOf(error).some((w) => w.code !== 11000)) throw error;
  }
  const ops: AnyBulkWriteOperation[] = updates.map(({ _id, set }) => ({ updateOne: { filter: { _id }, update: { $set: set } } }));
  await models.User.collection.bulkWrite(ops as never, { ordered: false });
}
