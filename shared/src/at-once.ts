/**
 * `fn` over every item, at most `atOnce` running at a time; results in the items' order.
 * FerretDB answers one equality lookup in a millisecond or two but cannot answer `$in` from an
 * index, so many small commands in flight replace one big one; the bound keeps them well under
 * the point where FerretDB on PostgreSQL stalls (about 50 write commands at once, measured).
 */
export async function mapAtOnce<T, R>(items: readonly T[], atOnce: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
  return results;
}
