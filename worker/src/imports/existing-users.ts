import type { Types } from 'mongoose';
import type { Models } from '@muster/shared';

export interface ExistingUser {
  _id: Types.ObjectId;
  emailLower: string;
  createdByImportId: Types.ObjectId | null;
  importId: Types.ObjectId | null;
}

const PROJECTION = { projection: { emailLower: 1, createdByImportId: 1, importId: 1 } };

/**
 * Every user of the account, by lower-cased email, read once per pass with one cursor. On MongoDB
 * this is a range scan of the unique index; on FerretDB (which only pushes `_id` equality down to
 * SQLite) one scan per pass instead of one per batch turns an O(rows x users) import into O(users).
 * Memory: about 150 bytes per existing user of the account.
 */
export async function loadExistingUsers(models: Models, accountId: Types.ObjectId): Promise<Map<string, ExistingUser>> {
  const users = new Map<string, ExistingUser>();
  const cursor = models.User.collection.find({ accountId }, { ...PROJECTION, batchSize: 5000 });
  for await (const user of cursor) users.set(user.emailLower as string, user as unknown as ExistingUser);
  return users;
}

/** The account's users with these emails: for the few creates that lost a race to another import. */
export async function findExistingUsers(models: Models, accountId: Types.ObjectId, emailsLower: string[]): Promise<Map<string, ExistingUser>> {
  if (emailsLower.length === 0) return new Map();
  const users = await models.User.collection.find({ accountId, emailLower: { $in: emailsLower } }, PROJECTION).toArray();
  return new Map(users.map((u) => [u.emailLower as string, u as unknown as ExistingUser]));
}
