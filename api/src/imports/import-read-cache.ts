import type { Types } from 'mongoose';
import type { ImportDoc, Models } from '@muster/shared';

/**
 * A very short-lived cache of imports for status polling. An admin page (or a hundred of them)
 * asking about one running import many times a second costs one database read per `ttlMs`
 * instead of one per request, and concurrent requests share the read in flight. The worker writes
 * progress at most twice a second, so a 500 ms cache shows nothing staler than the page would
 * otherwise see. Changes made through this API drop the entry at once; another API instance's
 * changes show within `ttlMs`. Access is still checked per request, on the cached record.
 */
export class ImportReadCache {
  private readonly entries = new Map<string, { at: number; doc: Promise<ImportDoc | null> }>();

  constructor(
    private readonly models: Models,
    /** 0 turns the cache off: every request reads the database. */
    private readonly ttlMs = 500,
    private readonly maxEntries = 1000,
  ) {}

  get(id: Types.ObjectId): Promise<ImportDoc | null> {
    const key = String(id);
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.doc;
    const doc = this.models.Import.findById(id).lean().exec() as Promise<ImportDoc | null>;
    // A failed read is not kept: the next request tries again.
    doc.catch(() => this.entries.get(key)?.doc === doc && this.entries.delete(key));
    this.entries.delete(key); // re-inserted last, so the Map's order is oldest first
    this.entries.set(key, { at: now, doc });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return doc;
  }

  invalidate(id: Types.ObjectId | string): void {
    this.entries.delete(String(id));
  }
}
