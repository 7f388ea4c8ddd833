import * as yup from 'yup';
import { ATTEMPT_OUTCOMES, IMPORT_PHASES, IMPORT_STATUSES } from '../imports/lifecycle.js';
import { MODULES } from '../rules/user-values.js';
import { closed, count, flag, id, json, listOf, moment, momentOrNull, oneOf, pageOf, text, textOrNull } from './kit.js';
import { failures, JSON_TOO_LARGE, type Operation } from './operation.js';
import { ACCOUNT_REQUIRED, accountQuery, pageQuery } from './queries.js';
import { Team } from './teams.js';

export const IMPORT_MODES = ['all-or-nothing', 'partial'] as const;
export const EXISTING_POLICIES = ['skip', 'update', 'fail'] as const;
export const IMPORT_ACTIONS = ['uploaded', 'corrected', 'started', 'cancelled', 'retried', 'undone'] as const;
export const UNDO_STATES = ['running', 'interrupted', 'done'] as const;

const Counts = closed({
  rows: count('data rows in the file'),
  valid: count(),
  invalid: count(),
  created: count(),
  updated: count(),
  skipped: count(),
  failed: count(),
});

const ImportError = closed({ code: text(), message: text() }).nullable();

/** One time a worker took the import up (support staff only). */
export const ImportAttempt = closed({
  at: moment(),
  endedAt: momentOrNull(),
  worker: text(),
  phase: oneOf(['validating', 'importing'] as const),
  run: count(),
  attempt: count(),
  outcome: oneOf(ATTEMPT_OUTCOMES),
  error: textOrNull(),
});

/** An import: one uploaded file, from checking to its end (and an undo). */
export const Import = closed({
  id: id(),
  accountId: id(),
  fileName: text(),
  status: oneOf(IMPORT_STATUSES),
  mode: oneOf(IMPORT_MODES, 'all-or-nothing: any bad row stops the import; partial: good rows are imported'),
  existing: oneOf(EXISTING_POLICIES, 'what to do with a person whose email the account has'),
  autoStart: flag('start importing as soon as the check passes'),
  createdBy: text(),
  createdAt: moment(),
  updatedAt: moment(),
  startedAt: momentOrNull(),
  finishedAt: momentOrNull(),
  progress: closed({
    phase: oneOf(IMPORT_PHASES),
    processedRows: count(),
    totalRows: count().nullable(),
    percent: yup.number().defined(),
    waiting: flag('waiting for another import of the account to finish'),
  }),
  counts: Counts,
  warnings: listOf(text()),
  errorSummary: listOf(closed({ column: text(), message: text(), count: count() }), 'the bad rows, by column and problem'),
  errorLog: closed({ available: flag(), rows: count() }),
  filesRemovedAt: momentOrNull('when retention removed the stored file and error log'),
  error: ImportError,
  undo: closed({
    at: moment(),
    state: oneOf(UNDO_STATES, 'interrupted: it stopped part way; another undo finishes the job'),
    removed: count(),
    restored: count(),
    leftAlone: listOf(closed({ email: text(), reason: text() }), 'people changed since, so left as they are'),
  }).nullable(),
  audit: listOf(closed({ at: moment(), actor: text(), role: text(), action: oneOf(IMPORT_ACTIONS) }), 'who did what, and when'),
  correction: closed({ of: id('the import whose bad rows this one fixes'), editedRows: count() }, 'made by "fix bad rows"').nullable(),
  attempts: yup.array(ImportAttempt).meta(json({ description: 'support staff only' })),
});

/** The upload form (multipart/form-data). */
export const UploadForm = yup.object({
  file: yup.mixed().meta(json({ type: 'string', format: 'binary', description: 'the CSV or Excel (.xlsx) file' })),
  mode: yup.string().oneOf(IMPORT_MODES, `mode must be one of ${IMPORT_MODES.join(', ')}.`).default('all-or-nothing'),
  existing: yup.string().oneOf(EXISTING_POLICIES, `existing must be one of ${EXISTING_POLICIES.join(', ')}.`).default('skip'),
  autoStart: yup.string().oneOf(['true', 'false'] as const, 'autoStart must be one of true, false.').default('false'),
});

export const TemplateQuery = yup.object({
  format: yup.string().oneOf(['csv', 'xlsx'] as const, 'format must be one of csv, xlsx.').default('csv'),
  ...accountQuery,
});

export const ImportsQuery = yup.object({
  ...pageQuery,
  ...accountQuery,
  status: yup.string().meta(json({ description: `comma-separated statuses: ${IMPORT_STATUSES.join(', ')}` })),
  from: yup.string().meta(json({ description: 'created at or after (an ISO date or time such as 2026-11-25)' })),
  to: yup.string().meta(json({ description: 'created before (an ISO date or time)' })),
});

/** POST /api/v1/imports/:id/corrections; the row rules (checkRowEdits) check the edits in detail. */
export const CorrectionBody = yup.object({
  edits: yup
    .mixed<Record<string, Record<string, string>>>()
    .meta(
      json({
        type: 'object',
        description: 'row number of the file (2 and up: the header is row 1) -> { 0-based cell index: new text }',
        additionalProperties: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 } },
      }),
    ),
});

/** What the row rules check a row against, for re-checking edited rows in the browser. */
export const RowRulesContext = closed({
  modules: listOf(oneOf(MODULES)),
  defaultCountry: text(),
  teams: listOf(Team),
});

export type Import = yup.InferType<typeof Import>;
export type ImportAttempt = yup.InferType<typeof ImportAttempt>;
export type RowRulesContext = yup.InferType<typeof RowRulesContext>;

const importId = { id: "the import's id" };
const ANY_IMPORT_FAILURES = failures({ 404: 'No such import, or not yours' });
const action = (operationId: string, path: string, summary: string, conflict: string): Operation => ({
  operationId,
  method: 'post',
  path,
  tag: 'imports',
  summary,
  pathParams: importId,
  replies: { 202: { description: 'Accepted: the import as it is now', json: Import }, ...ANY_IMPORT_FAILURES, ...failures({ 409: conflict }) },
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importOperations: Operation[] = [
  {
    operationId: 'getRowRulesContext',
    method: 'get',
    path: '/api/v1/imports/row-rules-context',
    tag: 'imports',
    summary: 'What the row rules check a row against (modules, phone country, teams), for the browser (owner)',
    query: yup.object({ ...accountQuery }),
    replies: { 200: { description: 'The context', json: RowRulesContext }, ...failures({ 400: ACCOUNT_REQUIRED, 404: 'No such account' }) },
  },
  {
    operationId: 'getTemplate',
    method: 'get',
    path: '/api/v1/imports/template',
    tag: 'imports',
    summary: "The account's template: CSV (the header row) or an Excel workbook with drop-downs and a sheet of teams (owner)",
    query: TemplateQuery,
    replies: {
      200: { description: 'The template', media: { 'text/csv': { type: 'string' }, [XLSX]: { type: 'string', format: 'binary' } } },
      ...failures({ 400: `format is not csv or xlsx; ${ACCOUNT_REQUIRED}`, 404: 'No such account' }),
    },
  },
  {
    operationId: 'uploadImport',
    method: 'post',
    path: '/api/v1/imports',
    tag: 'imports',
    summary: 'Upload a CSV or Excel (.xlsx) file and start checking it (owner)',
    query: yup.object({ ...accountQuery }),
    formBody: UploadForm,
    replies: {
      202: { description: 'Accepted: checking starts; Location names the import', json: Import, headers: ['Location'] },
      ...failures({
        400: `No file, an empty file, a form field that is not valid; ${ACCOUNT_REQUIRED}`,
        404: 'No such account',
        413: 'The file is larger than the upload limit',
        415: 'Not a CSV or Excel (.xlsx) file that can be read',
        429: 'TOO_MANY_UPLOADS: too many uploads from this account or address in a minute',
        503: 'The queue or the file store is unavailable: nothing was uploaded',
      }),
    },
  },
  {
    operationId: 'listImports',
    method: 'get',
    path: '/api/v1/imports',
    tag: 'imports',
    summary: "The account's imports, newest first, paged",
    query: ImportsQuery,
    replies: {
      200: { description: 'A page of imports', json: pageOf(Import) },
      ...failures({ 400: 'limit, cursor, status, from or to is not valid', 404: 'No such account' }),
    },
  },
  {
    operationId: 'getImport',
    method: 'get',
    path: '/api/v1/imports/:id',
    tag: 'imports',
    summary: 'One import (the page polls this while it runs)',
    pathParams: importId,
    replies: { 200: { description: 'The import', json: Import }, ...ANY_IMPORT_FAILURES },
  },
  {
    operationId: 'getErrorLog',
    method: 'get',
    path: '/api/v1/imports/:id/error-log',
    tag: 'imports',
    summary: 'The error log: the bad rows as uploaded, with an error column saying what to fix',
    pathParams: importId,
    replies: {
      200: { description: 'The bad rows (CSV)', media: { 'text/csv': { type: 'string' } } },
      ...failures({ 404: 'No such import, or it has no error log (or it was removed)' }),
    },
  },
  action('startImport', '/api/v1/imports/:id/start', 'Start importing a checked (validated) import (owner)', 'INVALID_STATE: only a checked import can be started'),
  action('cancelImport', '/api/v1/imports/:id/cancel', 'Cancel an import that has not ended, or discard a checked one (owner)', 'INVALID_STATE: the import has already ended'),
  action('retryImport', '/api/v1/imports/:id/retry', 'Run a failed import again from its stored file (owner)', 'INVALID_STATE: only a failed or partly imported import can run again'),
  {
    operationId: 'undoImport',
    method: 'post',
    path: '/api/v1/imports/:id/undo',
    tag: 'imports',
    summary: 'Undo an ended import: remove the users it created, restore the ones it updated (unless changed since) (owner)',
    pathParams: importId,
    replies: { 200: { description: 'Undone', json: Import }, ...ANY_IMPORT_FAILURES, ...failures({ 409: 'INVALID_STATE: not ended, or already undone' }) },
  },
  {
    operationId: 'correctImport',
    method: 'post',
    path: '/api/v1/imports/:id/corrections',
    tag: 'imports',
    summary: "Fix bad rows: a new import from this import's stored file plus edits by row number, checked like an upload (owner)",
    pathParams: importId,
    jsonBody: CorrectionBody,
    replies: {
      202: { description: 'Accepted: the corrected import; Location names it', json: Import, headers: ['Location'] },
      ...ANY_IMPORT_FAILURES,
      ...failures({
        400: 'VALIDATION_ERROR: the edits are not valid (the message says which row and cell)',
        409: 'INVALID_STATE or FILE_MISSING: this import cannot be corrected now',
        413: JSON_TOO_LARGE,
        503: 'The queue is unavailable: nothing was saved',
      }),
    },
  },
];
