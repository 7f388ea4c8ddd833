import { apiSend, type ImportView, type Replacement } from '../api.ts';
import type { EditsBody } from './fix-rows-edits.ts';

/**
 * The API takes at most 100 kB in one request; edits bigger than this go up in parts of about this
 * size through a draft (50,000 edited rows are several megabytes).
 */
export const PART_BYTES = 80_000;

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** Splits edits into parts of at most PART_BYTES of JSON each, whole rows only, in row order. */
export function splitEdits(edits: EditsBody, limit = PART_BYTES): EditsBody[] {
  const parts: EditsBody[] = [];
  let part: EditsBody = {};
  let size = 2; // "{}"
  for (const [row, cells] of Object.entries(edits)) {
    const entry = bytes({ [row]: cells });
    if (size + entry > limit && Object.keys(part).length) {
      parts.push(part);
      part = {};
      size = 2;
    }
    part[row] = cells;
    size += entry - 1; // the entry's own braces become a comma
  }
  if (Object.keys(part).length) parts.push(part);
  return parts;
}

export interface SaveHooks {
  /** "Saving part 3 of 12…" */
  progress: (text: string) => void;
  /** A part failed: resolves when the person asks to try that part again. */
  retry: (part: number, parts: number, error: unknown) => Promise<void>;
}

/**
 * Saves the edits and replacements as a corrected import and returns it. Small saves go in one
 * request; big ones through a draft, part by part (each part may be sent again safely: the API
 * keeps one copy per part number), then one request that turns the draft into the import.
 */
export async function saveFixes(importId: string, edits: EditsBody, replacements: readonly Replacement[], hooks: SaveHooks): Promise<ImportView> {
  const path = `/api/v1/imports/${importId}/corrections`;
  const extra = replacements.length ? { replacements } : {};
  if (bytes({ edits, ...extra }) <= PART_BYTES) {
    hooks.progress('Saving your changes…');
    return (await apiSend<ImportView>('POST', path, { edits, ...extra })).body;
  }
  const parts = splitEdits(edits);
  hooks.progress(`Saving your changes in ${parts.length} parts…`);
  const { draftId } = (await apiSend<{ draftId: string }>('POST', `${path}/drafts`, {})).body;
  for (const [i, part] of parts.entries()) {
    for (;;) {
      hooks.progress(`Saving part ${i + 1} of ${parts.length}…`);
      try {
        await apiSend('PUT', `${path}/drafts/${draftId}/parts/${i + 1}`, { edits: part });
        break;
      } catch (error) {
        await hooks.retry(i + 1, parts.length, error);
      }
    }
  }
  hooks.progress('All parts saved; creating the corrected import…');
  return (await apiSend<ImportView>('POST', path, { draftId, ...extra })).body;
}
