import type { Storage } from '../storage/s3-storage.js';
import { importFolder } from './bad-rows.js';

/** What removing an import's files needs to know about it. */
export interface ImportFiles {
  _id: unknown;
  accountId: unknown;
  fileKey?: string | null;
  errorLog?: { key: string | null } | null;
  correction?: { editsKey: string } | null;
}

/**
 * Deletes every stored file of an import: the keys its record names, then everything under its
 * folder (bad-rows pages, saved corrections, drafts), so a file added later cannot be forgotten.
 */
export async function removeImportFiles(storage: Storage, imp: ImportFiles): Promise<void> {
  for (const key of [imp.fileKey, imp.errorLog?.key, imp.correction?.editsKey]) if (key) await storage.delete(key);
  for (const key of await storage.list(importFolder(imp))) await storage.delete(key);
}
