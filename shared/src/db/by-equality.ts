import type { Types } from 'mongoose';

/**
 * Runs `query` once per value of a field and merges the answers newest first (by `_id`),
 * keeping `limit`. One equality query per value, instead of one `$in`: FerretDB v1 answers
 * equality from an index but reads the whole collection for `$in`. For short value lists
 * (statuses) that is a handful of indexed queries instead of a scan.
 */
export async function newestFirstByEachValue<T extends { _id: Types.ObjectId }>(
  values: readonly string[],
  limit: number,
  query: (value: string) => Promise<T[]>,
): Promise<T[]> {
  const lists = await Promise.all([...new Set(values)].map(query));
  return lists
    .flat()
    .sort((a, b) => (a._id.toHexString() < b._id.toHexString() ? 1 : -1))
    .slice(0, limit);
}
