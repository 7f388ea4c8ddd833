/** What one newest-first stream of documents gave: the matches, and how far it read. */
export interface StreamResult<T> {
  matches: T[];
  /** The id of the last document read (matching or not); undefined when nothing was read. */
  lastRead?: string;
  /** True when the stream has no more documents. */
  exhausted: boolean;
}

/** 24-hex ObjectIds compare by creation time as strings do. */
const newerFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/**
 * Merges several newest-first streams (one per status) into one page of at most `limit` items.
 * A stream that stopped early (it had enough matches, or used up its read budget) only vouches
 * for the ids down to the last one it read, so the page stops at the highest such id; the next
 * page continues below it (`nextCursor`, exclusive). Null when every stream is exhausted.
 */
export function mergePage<T extends { id: string }>(streams: StreamResult<T>[], limit: number): { items: T[]; nextCursor: string | null } {
  const stopped = streams.filter((s) => !s.exhausted && s.lastRead !== undefined).map((s) => s.lastRead!);
  const boundary = stopped.length ? stopped.sort(newerFirst)[0]! : undefined;
  const known = streams
    .flatMap((s) => s.matches)
    .filter((item) => boundary === undefined || item.id >= boundary)
    .sort((a, b) => newerFirst(a.id, b.id));
  const items = known.slice(0, limit);
  if (items.length === limit && (known.length > limit || boundary !== undefined)) return { items, nextCursor: items[items.length - 1]!.id };
  return { items, nextCursor: boundary ?? null };
}
