import type { ImportDoc } from '@muster/shared';
import type { Import, Sendable } from '@muster/shared/contract';

/** The import as the API shows it (the contract's Import); support staff also see every attempt. */
export function importView(imp: ImportDoc, forSupport = false): Sendable<Import> {
  const counts = imp.counts ?? {};
  return {
    id: String(imp._id),
    accountId: String(imp.accountId),
    fileName: imp.fileName,
    status: imp.status,
    mode: imp.mode,
    existing: imp.existing,
    autoStart: imp.autoStart,
    createdBy: imp.createdBy,
    createdAt: imp.createdAt,
    updatedAt: imp.updatedAt,
    startedAt: imp.startedAt ?? null,
    finishedAt: imp.finishedAt ?? null,
    progress: {
      phase: imp.progress?.phase ?? 'queued',
      processedRows: imp.progress?.processedRows ?? 0,
      totalRows: imp.progress?.totalRows ?? null,
      percent: imp.progress?.percent ?? 0,
      waiting: imp.progress?.waiting ?? false,
    },
    counts: {
      rows: counts.rows ?? 0,
      valid: counts.valid ?? 0,
      invalid: counts.invalid ?? 0,
      created: counts.created ?? 0,
      updated: counts.updated ?? 0,
      skipped: counts.skipped ?? 0,
      failed: counts.failed ?? 0,
    },
    warnings: imp.warnings ?? [],
    errorSummary: (imp.errorSummary ?? []).map((s) => ({ column: s.column, message: s.message, count: s.count })),
    errorLog: { available: Boolean(imp.errorLog?.key), rows: imp.errorLog?.rows ?? 0 },
    filesRemovedAt: imp.filesRemovedAt ?? null,
    error: imp.error?.code ? { code: imp.error.code, message: imp.error.message } : null,
    undo: imp.undo
      ? {
          at: imp.undo.at,
          // running | interrupted (another undo finishes the job) | done
          state: imp.undo.state ?? 'done',
          removed: imp.undo.removed,
          restored: imp.undo.restored,
          leftAlone: imp.undo.leftAlone.map((l) => ({ email: l.email, reason: l.reason })),
        }
      : null,
    audit: (imp.audit ?? []).map((a) => ({ at: a.at, actor: a.actor, role: a.role, action: a.action })),
    correction: imp.correction?.of ? { of: String(imp.correction.of), editedRows: imp.correction.editedRows ?? 0 } : null,
    ...(forSupport
      ? {
          attempts: (imp.attempts ?? []).map((a) => ({
            at: a.at, endedAt: a.endedAt ?? null, worker: a.worker, phase: a.phase, run: a.run, attempt: a.attempt, outcome: a.outcome, error: a.error ?? null,
          })),
        }
      : {}),
  };
}
