/**
 * The import lifecycle in one place: every status, every phase and attempt outcome, and which
 * actor may move an import from which statuses to which. The API, the worker, recovery, retention
 * and the page read their status lists from here instead of retyping them.
 *
 * Browser-safe (imports nothing): the page bundles it through `@muster/shared/imports/lifecycle`.
 *
 * To add a transition (for example discarding a checked import, or expiring an abandoned check),
 * add one entry to TRANSITIONS below; the code that makes the change reads its `from` list with
 * `movableFrom(name)` and types its new status with `StatusAfter<name>`. The unit test
 * (test/unit/lifecycle.test.ts) walks the whole table.
 */

export const IMPORT_STATUSES = [
  'queued',
  'validating',
  'validated',
  'importing',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
  'undone',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What `progress.phase` says: the step the worker is on, or `done` once the import stopped moving. */
export const IMPORT_PHASES = ['queued', 'validating', 'importing', 'done'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
/** The phase of a worker pass (and of its job): check the rows, or write them. */
export type PassPhase = Extract<ImportPhase, 'validating' | 'importing'>;

/** How one worker attempt on an import ended (`running` while it runs). */
export const ATTEMPT_OUTCOMES = ['running', 'succeeded', 'cancelled', 'file_error', 'error', 'gave_up', 'handed_back', 'interrupted'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Who moves imports: owners and support through the API, the worker's passes, recovery of stuck imports, file retention. */
export const LIFECYCLE_ACTORS = ['owner', 'support', 'worker', 'recovery', 'retention'] as const;
export type LifecycleActor = (typeof LIFECYCLE_ACTORS)[number];

export interface Transition {
  readonly actors: readonly LifecycleActor[];
  readonly from: readonly ImportStatus[];
  /** Empty when the status stays (the actor acts on the import without moving it). */
  readonly to: readonly ImportStatus[];
}

const API: readonly LifecycleActor[] = ['owner', 'support'];

/** Statuses in which a worker is (or should be) busy with the import. */
export const RUNNING_STATUSES = ['queued', 'validating', 'importing'] as const satisfies readonly ImportStatus[];
/** Statuses after which nothing more happens to an import unless someone retries or undoes it. */
export const ENDED_STATUSES = ['completed', 'completed_with_errors', 'failed', 'cancelled', 'undone'] as const satisfies readonly ImportStatus[];
/** Statuses an import is in until it ends. */
export const OPEN_STATUSES = ['queued', 'validating', 'validated', 'importing'] as const satisfies readonly ImportStatus[];

/** Every move an actor may make. Each is applied as one conditional update on `status: from`. */
export const TRANSITIONS = {
  /** An upload creates the import; its check is queued. */
  upload: { actors: API, from: [], to: ['queued'] },
  /** The owner starts a checked import. */
  start: { actors: API, from: ['validated'], to: ['importing'] },
  /** Not yet running: cancelled at once. */
  cancel: { actors: API, from: ['queued', 'validated'], to: ['cancelled'] },
  /** Running: only `cancelRequested` is set; the worker stops at its next batch (`stopOnCancel`). */
  requestCancel: { actors: API, from: ['validating', 'importing'], to: [] },
  /** Run a failed or partly failed import again from its stored file. */
  retry: { actors: API, from: ['failed', 'completed_with_errors'], to: ['queued'] },
  /** Take back what an ended import wrote. */
  undo: { actors: API, from: ['completed', 'completed_with_errors', 'cancelled', 'failed'], to: ['undone'] },
  /** A validate job claims its import (again, after a worker died mid-check). */
  claimValidation: { actors: ['worker'], from: ['queued', 'validating'], to: ['validating'] },
  /** An import job claims its import (again, after a worker died mid-import). */
  claimImport: { actors: ['worker'], from: ['importing'], to: ['importing'] },
  /** A check ends: waiting for the owner, straight on to importing (autoStart), refused, or cancelled. */
  finishValidation: { actors: ['worker'], from: ['validating'], to: ['validated', 'importing', 'failed', 'cancelled'] },
  /** An import pass ends. */
  finishImport: { actors: ['worker'], from: ['importing'], to: ['completed', 'completed_with_errors', 'failed', 'cancelled'] },
  /** A job finds its import asked to stop before it started. */
  stopOnCancel: { actors: ['worker'], from: RUNNING_STATUSES, to: ['cancelled'] },
  /** The file is bad, the pass gave up, or BullMQ gave up on the job (recovery). */
  fail: { actors: ['worker', 'recovery'], from: RUNNING_STATUSES, to: ['failed'] },
  /** Recovery puts back the job of an import whose job is gone; the status stays. */
  requeue: { actors: ['recovery'], from: RUNNING_STATUSES, to: [] },
  /** Retention removes the stored files of ended imports and of checked ones nobody started; the status stays. */
  purgeFiles: { actors: ['retention'], from: [...ENDED_STATUSES, 'validated'], to: [] },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;
/** The statuses a transition may leave the import in. */
export type StatusAfter<T extends TransitionName> = (typeof TRANSITIONS)[T]['to'][number];

/** The statuses an import must be in for `name` to apply (what its conditional update filters on). */
export function movableFrom<T extends TransitionName>(name: T): (typeof TRANSITIONS)[T]['from'] {
  return TRANSITIONS[name].from;
}

/** Whether an import in `status` may go through `name` (the page shows a button only then). */
export function canMove(name: TransitionName, status: string): boolean {
  return (TRANSITIONS[name].from as readonly string[]).includes(status);
}

export const isRunning = (status: string): boolean => (RUNNING_STATUSES as readonly string[]).includes(status);
export const isEnded = (status: string): boolean => (ENDED_STATUSES as readonly string[]).includes(status);
