import type { AttemptOutcome, ImportPhase, ImportStatus, PassPhase } from '@muster/shared/imports/lifecycle';
import { api, type ImportView } from '../api.ts';

/** A row of the support list (GET /api/v1/support/imports). */
export interface SupportImport {
  id: string;
  accountId: string;
  accountName: string;
  fileName: string;
  status: ImportView['status'];
  cancelRequested: boolean;
  undone: boolean;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  progress: { phase: ImportPhase; percent: number };
  counts: ImportView['counts'];
  error: { code: string; message: string } | null;
}

/** One import as support sees it: everything the owner sees, plus the account, audit and attempts. */
export interface SupportImportDetail extends ImportView {
  accountId: string;
  filesRemovedAt: string | null;
  /** `actorName`: the person's name or email from their token, when it had one. */
  audit: { at: string; actor: string; actorName: string | null; role: string; action: string }[];
  attempts: { at: string; endedAt: string | null; worker: string; phase: PassPhase; run: number; attempt: number; outcome: AttemptOutcome; error: string | null }[];
  undo: { at: string; removed: number; restored: number; leftAlone: { email: string; reason: string }[] } | null;
}

export interface QueueHealth {
  queue: { waiting: number; delayed: number; active: number; failed: number };
  oldestWaitingSeconds: number | null;
  workers: { name: string; idleSeconds: number }[];
  stuck: { id: string; accountId: string; fileName: string; status: ImportStatus; since: string }[];
  stuckAfterSeconds: number;
}

export interface UndoPlan {
  remove: number;
  restore: number;
  removing: string[];
  restoring: string[];
  leftAlone: { email: string; reason: string }[];
  leftAloneCount: number;
}

export interface Account {
  id: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const getImport = (id: string) => api<SupportImportDetail>('GET', `/api/v1/imports/${id}`);
export const getAccount = (id: string) => api<Account>('GET', `/api/v1/accounts/${id}`);
export const findAccounts = (q: string) => api<Page<Account>>('GET', `/api/v1/accounts?${new URLSearchParams({ q, limit: '10' })}`);
export const listImports = (params: URLSearchParams) => api<Page<SupportImport>>('GET', `/api/v1/support/imports?${params}`);
export const getHealth = () => api<QueueHealth>('GET', '/api/v1/support/health');
export const previewUndo = (id: string) => api<UndoPlan>('GET', `/api/v1/support/imports/${id}/undo-preview`);
