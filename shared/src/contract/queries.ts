import * as yup from 'yup';
import { json } from './kit.js';

/** Query parameters several lists share. A query value given empty counts as not given. */

const LIMIT_WORDS = 'limit must be a whole number from 1 to 200.';

/** `limit` (1..200, default 50) and `cursor` (the nextCursor of the previous page). */
export const pageQuery = {
  limit: yup
    .number()
    // digits only: yup alone would read "0x10" or "1e2" as numbers.
    .transform((value: number, original: unknown) => (typeof original === 'string' && !/^\d+$/.test(original) ? NaN : value))
    .typeError(LIMIT_WORDS)
    .integer(LIMIT_WORDS)
    .min(1, LIMIT_WORDS)
    .max(200, LIMIT_WORDS)
    .default(50)
    .meta(json({ type: 'integer', description: 'how many items a page holds at most' })),
  cursor: yup
    .string()
    .matches(/^[0-9a-f]{24}$/i, 'cursor is not one this API gave out: use the nextCursor of the previous page.')
    .meta(json({ description: 'the nextCursor of the previous page' })),
};

/** `accountId`: support staff name the account a collection request works on (others never need it). */
export const accountQuery = {
  accountId: yup
    .string()
    .meta(json({ description: 'support staff only, and required for them (400 ACCOUNT_REQUIRED without it): the account to work on; an id that is no account answers 404' })),
};

/** What the 400 of a route with `accountId` also covers. */
export const ACCOUNT_REQUIRED = 'ACCOUNT_REQUIRED: support staff named no account (?accountId=)';
