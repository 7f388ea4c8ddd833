import type { Response } from 'express';
import type { ImportAction, ImportAuditEntry } from '@muster/shared';

/** One line of an import's audit trail: who did what, and when (the person's name too, when the token gives one). */
export function auditEntry(res: Response, action: ImportAction): ImportAuditEntry {
  const { sub, role, name } = res.locals.principal;
  return { at: new Date(), actor: sub, role, action, ...(name ? { actorName: name } : {}) };
}
