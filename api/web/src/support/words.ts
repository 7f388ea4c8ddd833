import type { AttemptOutcome, ImportStatus, PassPhase } from '@muster/shared/imports/lifecycle';

/** How the console names statuses, phases, roles and audit actions. */
export const STATUS_WORDS: Record<ImportStatus, string> = {
  queued: 'Waiting', validating: 'Checking', validated: 'Checked, waiting for the owner', importing: 'Importing',
  completed: 'Completed', completed_with_errors: 'Completed with errors', failed: 'Failed', cancelled: 'Cancelled', undone: 'Undone',
};

export const PHASE_WORDS: Record<PassPhase, string> = { validating: 'check', importing: 'import' };

export const OUTCOME_WORDS: Record<AttemptOutcome, string> = {
  running: 'running', succeeded: 'succeeded', cancelled: 'cancelled', file_error: 'stopped: problem in the file', error: 'error (will retry)',
  gave_up: 'gave up after retries', handed_back: 'handed back (worker stopping)', interrupted: 'interrupted',
};

export const ROLE_WORDS: Record<string, string> = { account_owner: 'account owner', manager: 'manager', support: 'support', user: 'user' };

export const ACTION_WORDS: Record<string, string> = { uploaded: 'Uploaded', started: 'Started', cancelled: 'Cancelled', retried: 'Re-run', undone: 'Undone' };

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('en-GB') : '—');

/** "3 minutes", "1 hour 5 minutes": how long ago or how long for. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} ${hours === 1 ? 'hour' : 'hours'} ${minutes % 60} min`;
}
