import type { Types } from 'mongoose';
import { AppError, LIST_PAGE_SIZE, listPageClaims, listPageKey, type Models, type UserDoc } from '@muster/shared';

/**
 * The unfiltered users list, read one list page (64 places) at a time by equality: see
 * shared/src/db/list-pages.ts. Work per request is a few indexed lookups of at most 64 users,
 * whatever the size of the account.
 */

/** List pages read at once while filling one answer (gaps left by undo are read past this way). */
const PAGES_AT_ONCE = 8;
/**
 * At most this many list pages per request (32,768 places). Past a longer run of empty pages
 * (a large import undone) the answer is shorter than `limit` but carries a cursor to go on from.
 */
const MAX_PAGES_PER_REQUEST = 512;

/** Where the previous page ended: the last place given out. */
export interface ListCursor {
  afterSeq: number;
}

const CURSOR_PREFIX = 'L';

/** The opaque cursor for "after this place" (never 24 hex digits, so never taken for an id). */
export function encodeListCursor(afterSeq: number): string {
  return CURSOR_PREFIX + Buffer.from(`${Math.floor(afterSeq / LIST_PAGE_SIZE)}.${afterSeq}`).toString('base64url');
}

/** A list cursor, or undefined when the text is not one; a cursor that looks like one but does not add up answers 400. */
export function decodeListCursor(cursor: string): ListCursor | undefined {
  if (!cursor.startsWith(CURSOR_PREFIX) || /^[0-9a-f]{24}$/i.test(cursor)) return undefined;
  const text = Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8');
  const match = /^(\d{1,12})\.(\d{1,15})$/.exec(text);
  const page = Number(match?.[1]);
  const afterSeq = Number(match?.[2]);
  if (!match || page !== Math.floor(afterSeq / LIST_PAGE_SIZE)) throw invalidCursor();
  return { afterSeq };
}

export const invalidCursor = () => new AppError('INVALID_REQUEST', 'cursor is not one this API gave out: use the nextCursor of the previous page.', 400);

export interface ListPageAnswer {
  users: UserDoc[];
  nextCursor: string | null;
}

/**
 * Up to `limit` users of the account in list order, after `cursor`. `pagesHint` is the account's
 * `listPages`: pages below it are known to be claimed; from it on, a page's claim is checked
 * and the first unclaimed page ends the list.
 */
export async function listUsersByPages(models: Models, accountId: Types.ObjectId, limit: number, cursor: ListCursor | undefined, pagesHint: number): Promise<ListPageAnswer> {
  const afterSeq = cursor?.afterSeq ?? -1;
  let page = Math.floor((afterSeq + 1) / LIST_PAGE_SIZE);
  const firstPage = page;
  const users: UserDoc[] = [];
  // First just the pages a full answer needs (one for 50); wider after pages with gaps.
  let width = 1;
  for (;;) {
    const atOnce = Math.min(PAGES_AT_ONCE, Math.max(width, Math.ceil((limit - users.length + 1) / LIST_PAGE_SIZE)));
    width = Math.min(PAGES_AT_ONCE, width * 2);
    const pages = Array.from({ length: atOnce }, (_, i) => page + i);
    const read = await Promise.all(pages.map((p) => readListPage(models, accountId, p, p >= pagesHint)));
    for (let i = 0; i < read.length; i++) {
      const found = read[i]!;
      if (!found.claimed) return { users, nextCursor: null }; // the end of the list
      users.push(...found.users.filter((u) => u.listSeq! > afterSeq));
      if (users.length > limit) return { users: users.slice(0, limit), nextCursor: encodeListCursor(users[limit - 1]!.listSeq!) };
    }
    page += atOnce;
    if (page - firstPage >= MAX_PAGES_PER_REQUEST) {
      // A long run of empty pages: answer what was found and let the client go on from here.
      const nextCursor = encodeListCursor(users.length === limit ? users[limit - 1]!.listSeq! : page * LIST_PAGE_SIZE - 1);
      return { users, nextCursor };
    }
  }
}

/** One list page's users in place order, and whether the page was ever claimed (checked only when asked). */
async function readListPage(models: Models, accountId: Types.ObjectId, page: number, checkClaim: boolean): Promise<{ claimed: boolean; users: UserDoc[] }> {
  const key = listPageKey(accountId, page);
  const [users, claim] = await Promise.all([
    // The page key alone: one index answers it (a second condition on accountId would have
    // PostgreSQL also read the account's whole accountId index entry); the key names the account.
    models.User.collection.find({ listPage: key }).toArray() as Promise<UserDoc[]>,
    checkClaim ? listPageClaims(models.ListPageClaim).findOne({ _id: key }, { projection: { _id: 1 } }) : Promise.resolve(true),
  ]);
  const own = users.filter((u) => u.accountId.equals(accountId)).sort((a, b) => a.listSeq! - b.listSeq!);
  return { claimed: Boolean(claim) || own.length > 0, users: own };
}
