import { Types } from 'mongoose';
import type { AccountDoc, Models } from '@muster/shared';

/** Accounts one search may read, so a name that matches nothing cannot read every account on each keystroke. */
export const ACCOUNT_READ_BUDGET = 5000;

/**
 * Accounts whose name contains `q` (any case), oldest first, one page at a time. Names are
 * compared here rather than with a regex in the query: FerretDB would read the whole
 * collection for a regex anyway, and this way the read stops as soon as the page is full.
 * `nextCursor` continues after the last account read (exclusive) when there may be more.
 */
export async function searchAccounts(models: Models, q: string, limit: number, cursor: string | undefined) {
  const needle = q.trim().toLowerCase();
  const query = cursor ? { _id: { $gt: new Types.ObjectId(cursor) } } : {};
  const docs = models.Account.find(query, { name: 1, modules: 1, defaultCountry: 1 }).sort({ _id: 1 }).lean().cursor({ batchSize: 500 });
  const items: AccountDoc[] = [];
  let read = 0;
  let lastRead: string | undefined;
  try {
    while (items.length < limit && read < ACCOUNT_READ_BUDGET) {
      const account = (await docs.next()) as AccountDoc | null;
      if (!account) return { items, nextCursor: null };
      read++;
      lastRead = String(account._id);
      if (!needle || account.name.toLowerCase().includes(needle)) items.push(account);
    }
  } finally {
    await docs.close();
  }
  return { items, nextCursor: lastRead ?? null };
}
