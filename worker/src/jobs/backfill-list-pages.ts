import type { Types } from 'mongoose';
import { claimListPlaces, mapAtOnce, type Logger, type Models } from '@muster/shared';

/** Users given a place per claim (16 list pages), and update commands in flight (see user-writes.ts). */
const CHUNK = 1024;
const UPDATES_AT_ONCE = 6;
const PROGRESS_EVERY_MS = 10_000;

/**
 * Gives every user written before list pages existed a place in its account's list
 * (shared/src/db/list-pages.ts), account by account, then marks the account `listPagesReady` so
 * the users list reads it page by page. Until then the list keeps its old query for that account,
 * which sees everyone: nobody is hidden meanwhile.
 *
 * Runs at every worker start and costs one small query once everything is done. Idempotent and
 * resumable: users that have a place keep it (a crash or stop leaves the rest for the next start),
 * and an account is marked only after a fresh read of it finds nobody without one, so users
 * written meanwhile by an older worker are not missed. Two workers starting together may both
 * number an account: each user still ends with exactly one place (some places stay empty).
 */
export async function backfillListPages(models: Models, logger: Logger, signal: AbortSignal): Promise<void> {
  const accounts = await models.Account.collection.find({ listPagesReady: { $ne: true } }, { projection: { _id: 1 } }).toArray();
  if (accounts.length === 0) return;
  logger.info({ accounts: accounts.length }, 'list pages: giving existing users a place in their account’s list');
  let done = 0;
  for (const { _id } of accounts) {
    if (signal.aborted) return;
    if (!(await backfillAccount(models, _id, logger, signal))) return;
    done++;
  }
  logger.info({ accounts: done }, 'list pages: every account is ready');
}

/** Numbers one account's users that have no place yet; true once the account is marked ready. */
export async function backfillAccount(models: Models, accountId: Types.ObjectId, logger: Logger, signal?: AbortSignal): Promise<boolean> {
  for (;;) {
    const missing = await usersWithoutPlace(models, accountId);
    if (missing.length === 0) {
      await models.Account.collection.updateOne({ _id: accountId }, { $set: { listPagesReady: true } });
      logger.info({ accountId: String(accountId) }, 'list pages: account ready');
      return true;
    }
    let lastLog = Date.now();
    for (let i = 0; i < missing.length; i += CHUNK) {
      if (signal?.aborted) return false;
      const chunk = missing.slice(i, i + CHUNK);
      const places = await claimListPlaces(models, accountId, chunk.length);
      // `listPage: {$exists: false}`: a user another backfill numbered meanwhile keeps its place.
      await mapAtOnce(chunk, UPDATES_AT_ONCE, (_id, k) => models.User.collection.updateOne({ _id, listPage: { $exists: false } }, { $set: places[k]! }));
      if (Date.now() - lastLog >= PROGRESS_EVERY_MS) {
        lastLog = Date.now();
        logger.info({ accountId: String(accountId), numbered: i + chunk.length, of: missing.length }, 'list pages: backfill progress');
      }
    }
  }
}

/** The account's users without a list place, oldest first (creation order, as the list shows them). */
async function usersWithoutPlace(models: Models, accountId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const missing: Types.ObjectId[] = [];
  // One read of the account (FerretDB v1 cannot push "field missing" down): once per account.
  const cursor = models.User.collection.find({ accountId }, { projection: { _id: 1, listPage: 1 }, batchSize: 5000 });
  for await (const user of cursor) if (typeof user.listPage !== 'string') missing.push(user._id);
  return missing.sort((a, b) => (a.toHexString() < b.toHexString() ? -1 : 1));
}
