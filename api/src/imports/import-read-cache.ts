import { LRUCache } from 'lru-cache';
import type { Types } from 'mongoose';
import type { ImportDoc, Models } from '@muster/shared';

/**
 * A very short-lived cache of imports for status polling. An admin page (or a hundred of them)
 * asking about one running import many times a second costs one database read per `ttlMs`
 * instead of one per request, and concurrent requests share the read in flight (lru-cache's
 * `fetch`). The worker writes progress at most twice a second, so a 500 ms cache shows nothing
 * staler than the page would otherwise see. Changes made through this API drop the entry at once;
 * another API instance's changes show within `ttlMs`. Access is still checked per request, on the
 * cached record. A failed read is not kept: the next request tries again.
 */
export class ImportReadCache {
  // Boxed: lru-cache keeps no null, and "no such import" is worth remembering too.
  private readonly entries?: LRUCache<string, { doc: ImportDoc | null }>;

  constructor(
    private readonly models: Models,
    /** 0 turns the cache off: every request reads the database. */
    ttlMs = 500,
    maxEntries = 1000,
  ) {
    if (ttlMs <= 0) return;
    this.entries = new LRUCache({
      max: maxEntries,
      ttl: ttlMs,
      fetchMethod: async (key) => ({ doc: await this.read(key) }),
      // An invalidate during a read: the requests already waiting still get that read's answer
      // (as before), but it is not stored.
      ignoreFetchAbort: true,
    });
  }

  async get(id: Types.ObjectId): Promise<ImportDoc | null> {
    if (!this.entries) return this.read(String(id));
    return (await this.entries.fetch(String(id)))!.doc;
  }

  invalidate(id: Types.ObjectId | string): void {
    this.entries?.delete(String(id));
  }

  private read(id: string): Promise<ImportDoc | null> {
    return this.models.Import.findById(id).lean().exec() as Promise<ImportDoc | null>;
  }
}
