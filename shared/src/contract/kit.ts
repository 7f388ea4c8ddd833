import * as yup from 'yup';

/**
 * The few building blocks every contract file uses, so that a shape reads like the JSON it
 * describes. Response fields are `.defined()` (always present, maybe null), which is what puts
 * them in the generated `required` list; request fields say themselves whether they are required.
 */

/** JSON Schema keywords for a field that yup has no word for (a format, a description). */
export const json = (jsonSchema: Record<string, unknown>) => ({ jsonSchema });

/** A closed object: exactly these fields, no others (`additionalProperties: false`). */
export const closed = <S extends yup.ObjectShape>(shape: S, description?: string) =>
  yup
    .object(shape)
    .defined()
    // yup's own default for an object ({ field: undefined, ... }) says nothing to a client.
    .meta(json({ additionalProperties: false, default: undefined, ...(description ? { description } : {}) }));

/** Text that is always present. */
export const text = (description?: string) => yup.string().defined().meta(json(description ? { description } : {}));

/** Text or null, always present. */
export const textOrNull = (description?: string) => yup.string().nullable().defined().meta(json(description ? { description } : {}));

/** A whole number that is always present. */
export const count = (description?: string) => yup.number().integer().defined().meta(json(description ? { description } : {}));

/** A yes/no that is always present. */
export const flag = (description?: string) => yup.boolean().defined().meta(json(description ? { description } : {}));

/** One of a fixed list of words, always present. */
export const oneOf = <T extends string>(values: readonly T[], description?: string) =>
  yup.string<T>().oneOf(values).defined().meta(json(description ? { description } : {}));

/** A list that is always present (maybe empty). */
export const listOf = <T extends yup.Schema>(item: T, description?: string) =>
  yup.array(item.defined()).defined().meta(json(description ? { description } : {}));

/** An id the API gave out (24 hexadecimal characters). */
export const id = (description?: string) =>
  yup.string().defined().matches(/^[0-9a-f]{24}$/).meta(json(description ? { description } : {}));

/** A moment, sent as an ISO 8601 text such as 2026-11-25T09:30:00.000Z. */
export const moment = (description?: string) => yup.string().defined().meta(json({ format: 'date-time', ...(description ? { description } : {}) }));

/** A moment or null (not yet, or never). */
export const momentOrNull = (description?: string) =>
  yup.string().nullable().defined().meta(json({ format: 'date-time', ...(description ? { description } : {}) }));

/** A page of a list: its items and the cursor of the next page (null on the last one). */
export const pageOf = <T extends yup.Schema>(item: T) =>
  closed({
    items: listOf(item),
    nextCursor: textOrNull('pass as `cursor` to get the next page; null on the last page'),
  });

/**
 * What a handler may hand to `res.json` for a contract type T: the same shape, where a text may
 * also be a Date (JSON sends a Date as its ISO text). Handlers annotate their views with this, so
 * a field the contract does not list, or one it lists and the view forgot, fails the type check.
 */
export type Sendable<T> = T extends string
  ? T | Date
  : T extends (infer U)[]
    ? Sendable<U>[]
    : T extends object
      ? { [K in keyof T]: Sendable<T[K]> }
      : T;

