import type { ImportView } from '../api.ts';
import { h } from '../dom.ts';
import { tokenClaims } from '../session.ts';

/**
 * "Fix these rows": opens the editable grid (fix-rows.ts) from the Check step or a result with bad
 * rows. Only an Account Owner can make a corrected import, so no one else is offered it.
 */
export function fixRowsLink(imp: ImportView): HTMLElement | null {
  if (tokenClaims()?.role !== 'account_owner') return null;
  const bad = imp.counts.invalid > 0 || imp.counts.failed > 0;
  if (!bad || !imp.errorLog.available) return null;
  return h('a', { class: 'button secondary fix-rows-link', href: `#/imports/${imp.id}/fix` }, 'Fix these rows');
}
