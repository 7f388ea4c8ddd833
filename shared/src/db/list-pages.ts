import type { Types } from 'mongoose';
import { isDuplicateKeyError, writeErrorsOf } from './connect.js';
import type { Models } from './models.js';
import { listPageClaims } from './models/list-page-claim.model.js';

/**
 * The users list, read by equality.
 *
 * FerretDB v1 pushes equality down to PostgreSQL (answered from the GIN mirrors of
 * ferretdb-indexes.ts) but no sort and no limit once a filter is present, so
 * `find({accountId}).sort({_id: 1}).limit(50)` decodes and sorts the whole account in Go (146 s
 * a page for 300,000 users, measured). So each user gets a place in its account's list when it
 * is written: `listSeq`, and the page of {@link LIST_PAGE_SIZE} places it is on, `listPage`
 * (`<accountId>:<page>`). A list page is one equality query of at most 64 users, whatever the
 * size of the account or the database; MongoDB answers it from the `{listPage: 1}` index.
 *
 * Writers claim whole pages: a claim is a document whose `_id` is the page key, so the unique
 * `_id` gives each page to one writer (two imports into one account, or a re-run, never share a
 * place). The claimed pages of an account are always 0, 1, 2, ... without a hole (each claim
 * starts at or below the first unclaimed page and takes every free page it tries), so the first
 * unclaimed page is the end of the list. A page whose users were undone, or that a crashed or
 * lost write never filled, stays claimed and empty: the list reads past it.
 */
export const LIST_PAGE_SIZE = 64;

/** The key of one page of an account's list: the `listPage` of its users and the claim's `_id`. */
export function listPageKey(accountId: Types.ObjectId | string, page: number): string {
  return `${String(accountId)}:${page}`;
}

/** A user's place in the list. */
export interface ListPlace {
  listSeq: number;
  listPage: string;
}

/**
 * Claims enough whole pages of the account's list for `count` users and returns a place for
 * each, in order. Pages are claimed a few at a time from the account's hint upwards; those some
 * other writer already holds are skipped.
 */
export async function claimListPlaces(models: Models, accountId: Types.ObjectId, count: number): Promise<ListPlace[]> {
  if (count === 0) return [];
  const pages = await claimListPages(models, accountId, Math.ceil(count / LIST_PAGE_SIZE));
  return Array.from({ length: count }, (_, i) => {
    const page = pages[Math.floor(i / LIST_PAGE_SIZE)]!;
    return { listSeq: page * LIST_PAGE_SIZE + (i % LIST_PAGE_SIZE), listPage: listPageKey(accountId, page) };
  });
}

/** `wanted` pages of the account's list that no one else holds, lowest first. */
export async function claimListPages(models: Models, accountId: Types.ObjectId, wanted: number): Promise<number[]> {
  const account = await models.Account.collection.findOne({ _id: accountId }, { projection: { listPages: 1 } });
  let next = typeof account?.listPages === 'number' ? account.listPages : 0;
  const mine: number[] = [];
  while (mine.length < wanted) {
    const tried = Array.from({ length: wanted - mine.length }, (_, i) => next + i);
    const taken = await insertClaims(models, accountId, tried);
    mine.push(...tried.filter((_, i) => !taken.has(i)));
    next += tried.length;
  }
  // Only a hint: a lost update leaves it lower, which costs the next claim a few duplicates.
  await models.Account.collection.updateOne({ _id: accountId }, { $max: { listPages: next } });
  return mine;
}

/** Inserts one claim per page; returns the positions of the pages someone else had claimed. */
async function insertClaims(models: Models, accountId: Types.ObjectId, pages: number[]): Promise<Set<number>> {
  const claimedAt = new Date();
  const docs = pages.map((page) => ({ _id: listPageKey(accountId, page), accountId, claimedAt }));
  try {
    await listPageClaims(models.ListPageClaim).insertMany(docs, { ordered: false });
    return new Set();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const writeErrors = writeErrorsOf(error);
    if (writeErrors.length === 0 || writeErrors.some((w) => w.code !== 11000)) throw error;
    return new Set(writeErrors.map((w) => w.index));
  }
}
