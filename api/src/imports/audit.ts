import type { Response } from 'express';
import type { ImportAction, ImportAuditEntry } from '@muster/shared';

/** One line of an import's audit trail: who did what, and when. */
export function auditEntry(res: Response, action: ImportAction): ImportAuditEntry {
  const { sub, role } = res.locals.principal;
  return { at: new Date(), actor: sub, role, action };
}
