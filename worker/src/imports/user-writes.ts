import { Types } from 'mongoose';
import { claimListPlaces, isDuplicateKeyError, mapAtOnce, revisionId, writeErrorsOf, type ListPlace, type Models } from '@muster/shared';
import type { UserFields } from '@muster/shared';

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
 * Inserts new users unordered (one round trip for the batch), each with a place in its account's
 * list (pages claimed for the batch first: see shared/src/db/list-pages.ts). Returns the
 * positions that hit the unique index because someone else created that email meanwhile; all
 * others are written. A retried batch claims new places; the old ones stay empty.
 */
export async function insertUsers(models: Models, docs: ReturnType<typeof newUserDocument>[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  const placed = await withListPlaces(models, docs);
  try {
    await models.User.collection.insertMany(placed, { ordered: false });
    return new Set();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const writeErrors = writeErrorsOf(error);
    const other = writeErrors.find((w) => w.code !== 11000);
    if (other) throw error;
    return new Set(writeErrors.map((w) => w.index));
  }
}

/** The documents with a list place each, in their order (a batch is one account's, as a rule). */
async function withListPlaces<T extends { accountId: Types.ObjectId }>(models: Models, docs: T[]): Promise<(T & ListPlace)[]> {
  const byAccount = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    const key = String(doc.accountId);
    const positions = byAccount.get(key);
    if (positions) positions.push(i);
    else byAccount.set(key, [i]);
  });
  const placed = new Array<T & ListPlace>(docs.length);
  for (const positions of byAccount.values()) {
    const places = await claimListPlaces(models, docs[positions[0]!]!.accountId, positions.length);
    positions.forEach((at, k) => (placed[at] = { ...docs[at]!, ...places[k]! }));
  }
  return placed;
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
  const befores = await mapAtOnce(updates, UPDATES_AT_ONCE, ({ _id }) => models.User.collection.findOne({ _id }, { projection }));
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
  // One command per user, a few at a time, not one bulkWrite: FerretDB v1 on PostgreSQL runs a
  // bulkWrite's updates side by side and stalls for good once they outnumber its connection pool
  // (a batch of 1,000 updates never finished; measured). Single commands were also faster there:
  // 1,000 updates in 1.4 s, against 2.6 s in bulkWrites of 8.
  await mapAtOnce(updates, UPDATES_AT_ONCE, ({ _id, set }) => models.User.collection.updateOne({ _id }, { $set: set }));
}

/** Update commands in flight at once, well under FerretDB's stall point (see updateUsers). */
const UPDATES_AT_ONCE = 6;
