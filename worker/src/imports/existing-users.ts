import { Types } from 'mongoose';
import type { Models } from '@muster/shared';

export interface ExistingUser {
  _id: Types.ObjectId;
  emailLower: string;
  createdByImportId: Types.ObjectId | null;
  importId: Types.ObjectId | null;
}

/** The account's users with these emails (one query per batch, on the unique index). */
export async function findExistingUsers(models: Models, accountId: Types.ObjectId, emailsLower: string[]): Promise<Map<string, ExistingUser>> {
  if (emailsLower.length === 0) return new Map();
  const users = await models.User.collection
    .find(
      { accountId, emailLower: { $in: emailsLower } },
      { projection: { emailLower: 1, createdByImportId: 1, importId: 1 } },
    )
    .toArray();
  return new Map(users.map((u) => [u.emailLower as string, u as unknown as ExistingUser]));
}
