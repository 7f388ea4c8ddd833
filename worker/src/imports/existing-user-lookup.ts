import type { Types } from 'mongoose';
import type { Logger, Models } from '@muster/shared';
import { findExistingUsers, loadExistingUsers, type ExistingUser } from './existing-users.js';
import { retryTransient } from '@muster/shared';

/**
 * How a pass finds out who already exists:
 * - `whole-account`: every user of the account read once, up front (one cursor);
 * - `by-email`: each batch looks up its own emails, one equality query each.
 * The first costs the account's size (about 94 µs a user on FerretDB, measured), the second the
 * file's (about 125 µs a row: 1-2 ms a lookup, 8 at once). A 10-row file into an account of
 * 300,000 must not read 300,000 users; a 100,000-row file into an account of 100,000 is cheaper
 * read whole.
 */
export type LookupStrategy = 'whole-account' | 'by-email';

/** Looked up by email when the account is at least this many times the file (cost ratio above, with margin). */
export const BY_EMAIL_ACCOUNT_RATIO = 2;
/**
 * With no idea of the account's size (an account from before the hint), only very small files are
 * looked up by email; a larger one reads the account once, which also sets the hint for good.
 * (Lookups by email into an empty account measured 250-350 rows/s on a busy machine.)
 */
export const BY_EMAIL_MAX_ROWS_WHEN_UNKNOWN = 200;

export function chooseLookupStrategy(fileRows: number, accountUsers: number | undefined): LookupStrategy {
  if (accountUsers === undefined) return fileRows <= BY_EMAIL_MAX_ROWS_WHEN_UNKNOWN ? 'by-email' : 'whole-account';
  return accountUsers >= BY_EMAIL_ACCOUNT_RATIO * fileRows && accountUsers > 0 ? 'by-email' : 'whole-account';
}

export interface ExistingUserLookup {
  readonly strategy: LookupStrategy;
  /** The existing users among these emails (lower-cased). */
  forBatch(emailsLower: string[]): Promise<{ get(emailLower: string): ExistingUser | undefined }>;
}

export async function openExistingUserLookup(
  models: Models,
  accountId: Types.ObjectId,
  strategy: LookupStrategy,
  logger: Logger,
): Promise<ExistingUserLookup> {
  if (strategy === 'by-email') {
    return { strategy, forBatch: (emails) => retryTransient(() => findExistingUsers(models, accountId, emails), logger) };
  }
  const users = await retryTransient(() => loadExistingUsers(models, accountId), logger);
  // The exact size, for the next import's choice.
  await models.Account.updateOne({ _id: accountId }, { $set: { userCount: users.size } });
  return { strategy, forBatch: async () => users };
}

/** Keeps the account's user-count hint in step with users created or removed (only once it is known). */
export async function adjustUserCount(models: Models, accountId: Types.ObjectId, by: number): Promise<void> {
  if (by === 0) return;
  await models.Account.updateOne({ _id: accountId, userCount: { $exists: true } }, { $inc: { userCount: by } });
}
