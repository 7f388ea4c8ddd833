import * as yup from 'yup';
import { IMPORT_PHASES, IMPORT_STATUSES } from '../imports/lifecycle.js';
import { closed, count, flag, id, json, listOf, moment, momentOrNull, oneOf, pageOf, text } from './kit.js';
import { Import } from './imports.js';
import { failures, type Operation } from './operation.js';
import { pageQuery } from './queries.js';

/** A row of the support list: every account's imports. */
export const SupportImport = closed({
  id: id(),
  accountId: id(),
  accountName: text(),
  fileName: text(),
  status: oneOf(IMPORT_STATUSES),
  cancelRequested: flag(),
  undone: flag(),
  createdBy: text(),
  createdAt: moment(),
  updatedAt: moment(),
  finishedAt: momentOrNull(),
  progress: closed({ phase: oneOf(IMPORT_PHASES), percent: yup.number().defined() }),
  counts: Import.fields.counts,
  error: Import.fields.error,
});

export const SupportImportsQuery = yup.object({
  ...pageQuery,
  status: yup.string().meta(json({ description: 'comma-separated statuses' })),
  accountId: yup.string().meta(json({ description: "only this account's imports (an account id; another text answers 400)" })),
  from: yup.string().meta(json({ description: 'created at or after (an ISO date or time such as 2026-11-25)' })),
  to: yup.string().meta(json({ description: 'created before (an ISO date or time)' })),
  file: yup.string().meta(json({ description: 'part of the file name, any case' })),
});

/** What undoing an import would do now. */
export const UndoPlan = closed({
  remove: count(),
  restore: count(),
  removing: listOf(text(), 'emails, at most 200'),
  restoring: listOf(text(), 'emails, at most 200'),
  leftAlone: listOf(closed({ email: text(), reason: text() }), 'people changed since; at most 200 listed'),
  leftAloneCount: count(),
});

/** The health strip of the support console. */
export const QueueHealth = closed({
  queue: closed({ waiting: count(), delayed: count(), active: count(), failed: count() }),
  oldestWaitingSeconds: count().nullable(),
  workers: listOf(closed({ name: text(), idleSeconds: count() }), 'workers seen in the last minute'),
  stuck: listOf(closed({ id: id(), accountId: id(), fileName: text(), status: oneOf(IMPORT_STATUSES), since: moment() })),
  stuckAfterSeconds: count(),
});

export type SupportImport = yup.InferType<typeof SupportImport>;
export type UndoPlan = yup.InferType<typeof UndoPlan>;
export type QueueHealth = yup.InferType<typeof QueueHealth>;

export const supportOperations: Operation[] = [
  {
    operationId: 'listAllImports',
    method: 'get',
    path: '/api/v1/support/imports',
    tag: 'support',
    summary: "Every account's imports, newest first (support)",
    description: 'A page may hold fewer than `limit` items and still have a nextCursor: each page reads a bounded number of imports.',
    query: SupportImportsQuery,
    replies: {
      200: { description: 'A page of imports', json: pageOf(SupportImport) },
      ...failures({ 400: 'limit, cursor, status, accountId, from or to is not valid' }),
    },
  },
  {
    operationId: 'getQueueHealth',
    method: 'get',
    path: '/api/v1/support/health',
    tag: 'support',
    summary: 'The queue, the workers seen in the last minute and the stuck imports (support)',
    replies: { 200: { description: 'The health strip', json: QueueHealth } },
  },
  {
    operationId: 'previewUndo',
    method: 'get',
    path: '/api/v1/support/imports/:id/undo-preview',
    tag: 'support',
    summary: 'What undoing the import would do now: users removed, users restored, people left alone (support)',
    pathParams: { id: "the import's id" },
    replies: {
      200: { description: 'The plan', json: UndoPlan },
      ...failures({ 404: 'No such import', 409: 'INVALID_STATE: not ended, or already undone' }),
    },
  },
];
