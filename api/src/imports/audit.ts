import type { Response } from 'express';
import type { ImportAction, ImportAuditEntry } from '@muster/shared';
import type { Principal } from '../auth/principal.js';

/** One line of an import's audit trail: who did what, and when. */
export function auditBy({ sub, role }: Principal, action: ImportAction): ImportAuditEntry {
  return { at: new Date(), actor: sub, role, action };
}

/** {@link auditBy} for the caller of this request. */
export function auditEntry(res: Response, action: ImportAction): ImportAuditEntry {
  return auditBy(res.locals.principal, action);
}
