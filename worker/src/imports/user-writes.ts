import { Types, type AnyBulkWriteOperation } from 'mongoose';
import { isDuplicateKeyError, writeErrorsOf, type Models } from '@muster/shared';
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

export async function updateUsers(models: Models, updates: { _id: Types.ObjectId; set: Record<string, unknown> }[]) {
  if (updates.length === 0) return;
  const ops: AnyBulkWriteOperation[] = updates.map(({ _id, set }) => ({ updateOne: { filter: { _id }, update: { $set: set } } }));
  await models.User.collection.bulkWrite(ops as never, { ordered: false });
}
