import type { Types } from 'mongoose';
import type { CountryCode } from 'libphonenumber-js/max';
import type { AccountDoc, ImportCounts, ImportDoc, PassPhase, Logger, Models, Storage } from '@muster/shared';
import { EmailIndex } from './email-index.js';
import { createErrorLogWriter, type ErrorLogWriter } from './error-log.js';
import { BatchOverlap } from './batch-overlap.js';
import type { ErrorSummaryItem } from './error-summary.js';
import { findExistingUsers } from './existing-users.js';
import { adjustUserCount, chooseLookupStrategy, openExistingUserLookup } from './existing-user-lookup.js';
import { FileError } from './file-error.js';
import { mapHeader } from './header-map.js';
import { PassTally } from './pass-tally.js';
import { CheckedShare, type ProgressReporter } from './progress.js';
import { openUpload } from './open-upload.js';
import { loadEdits, withEdits } from './apply-edits.js';
import type { CsvRow } from './read-csv.js';
import { errorText, resolveRow, type RowAction } from './resolve-batch.js';
import { retryTransient } from '@muster/shared';
import { checkRow, type AccountContext, type RowResult } from '@muster/shared';
import { insertUsers, newUserDocument, updateUsers, userUpdate } from './user-writes.js';

export interface PassDeps {
  models: Models;
  storage: Storage;
  logger: Logger;
  batchSize: number;
}

export interface PassOptions {
  /** false: check only (the "Next" step); true: write users too. */
  write: boolean;
  progress: ProgressReporter;
  /** Asked at every batch boundary: a reason stops the pass there (once the batch in flight is written), undefined carries on. */
  shouldStop: () => Promise<'cancel' | 'shutdown' | undefined>;
}

export interface PassResult {
  counts: ImportCounts;
  errorSummary: ErrorSummaryItem[];
  warnings: string[];
  errorLog: { key: string | null; rows: number };
  stopped?: 'cancel' | 'shutdown';
}

type CheckedRow = { row: CsvRow; result: RowResult };

const YIELD_EVERY_ROWS = 200;

export const errorLogKey = (imp: Pick<ImportDoc, '_id' | 'accountId'>) => `imports/${imp.accountId}/${imp._id}/error-log.csv`;

async function loadAccountContext(models: Models, account: AccountDoc): Promise<AccountContext> {
  const teams = await models.Team.find({ accountId: account._id }, { name: 1, nameLower: 1 }).lean();
  return {
    modules: account.modules as AccountContext['modules'],
    defaultCountry: account.defaultCountry as CountryCode,
    teams: new Map(teams.map((t) => [t.nameLower, { id: String(t._id), name: t.name }])),
  };
}

/**
 * One pass over the stored file: read, check every row against the account as it is now, and
 * (when writing) create or update users batch by batch. Writes nothing twice: the pass reads who
 * exists before it starts, rows this import already created are recognised, and the unique index
 * catches anyone created meanwhile by someone else.
 */
export async function runPass(deps: PassDeps, imp: ImportDoc, account: AccountDoc, options: PassOptions): Promise<PassResult> {
  const { models, storage, batchSize } = deps;
  const importId = imp._id as Types.ObjectId;
  const accountId = account._id as Types.ObjectId;
  const stored = await storage.get(imp.fileKey);
  if (!stored) throw new FileError('FILE_MISSING', 'The uploaded file is no longer stored (files are kept for a limited time). Upload it again.');
  const file = await openUpload(stored.body, stored.bytes);
  // A corrected import ("fix bad rows"): its edits are applied by row number as the file streams.
  const editsKey = imp.correction?.editsKey;
  const tableRows = editsKey ? withEdits(file.rows, await loadEdits(storage, editsKey)) : file.rows;
  let log: ErrorLogWriter | undefined;
  let overlap: BatchOverlap<CheckedRow[]> | undefined;
  try {
    const header = mapHeader(file.header, account.modules as AccountContext['modules']);
    const context = await retryTransient(() => loadAccountContext(models, account), deps.logger);
    const fileRows = imp.counts?.rows || file.estimatedRows;
    const strategy = chooseLookupStrategy(fileRows, account.userCount ?? undefined);
    const existing = await openExistingUserLookup(models, accountId, strategy, deps.logger);
    deps.logger.debug({ strategy, fileRows: Math.round(fileRows), accountUsers: account.userCount }, 'existing users: lookup chosen');
    const writer = createErrorLogWriter(storage, errorLogKey(imp), file.header, header.keptIndexes);
    log = writer;
    const tally = new PassTally(options.write);
    const { counts, summary, warnings } = tally;
    const firstRowOf = new EmailIndex(fileRows);
    const totalRows = imp.counts?.rows && options.write ? imp.counts.rows : null;
    const emailLabel = header.labels.email;
    const phase: PassPhase = options.write ? 'importing' : 'validating';
    // Before the row count is known (the check), the percent is of rows counted against an estimate.
    const checked = new CheckedShare(fileRows, file.format === 'csv' ? stored.bytes : undefined);
    let rowsRead = 0;

    const finishBatch = async (batch: CheckedRow[]) => {
      const known = await existing.forBatch(batch.flatMap(({ result }) => (result.fields ? [result.fields.emailLower] : [])));
      const actions: RowAction[] = batch.map(({ result }) =>
        resolveRow(result, result.fields && known.get(result.fields.emailLower), imp.existing, importId, emailLabel),
      );
      if (options.write) await retryTransient(() => writeBatch(actions), deps.logger);
      for (let i = 0; i < batch.length; i++) {
        const action = actions[i]!;
        const { row, result } = batch[i]!;
        if (tally.add(row.rowNumber, result, action)) await writer.add(row.cells, errorText(action.problems));
      }
      options.progress.set({
        phase,
        processedRows: counts.rows,
        totalRows,
        percent: totalRows ? Math.min(99, Math.floor((counts.rows / totalRows) * 100)) : checked.percent(counts.rows, rowsRead, file.fractionRead()),
      });
    };

    /** Writes the batch; a create that lost a race to another import is decided again. */
    const writeBatch = async (actions: RowAction[]) => {
      const now = new Date();
      const creates = actions.flatMap((a, i) => (a.kind === 'create' ? [{ i, fields: a.fields }] : []));
      const lost = await insertUsers(models, creates.map(({ fields }) => newUserDocument(fields, accountId, importId, now)));
      createdInPass += creates.length - lost.size;
      if (lost.size) {
        const again = [...lost].map((k) => creates[k]!);
        const nowExisting = await findExistingUsers(models, accountId, again.map(({ fields }) => fields.emailLower));
        for (const { i, fields } of again) {
          const result: RowResult = { fields, problems: [], warnings: [] };
          actions[i] = resolveRow(result, nowExisting.get(fields.emailLower), imp.existing, importId, emailLabel);
        }
      }
      await updateUsers(
        models,
        importId,
        actions.flatMap((a) => (a.kind === 'update' && !a.alreadyDone ? [{ _id: a.userId, set: userUpdate(a.fields, importId, now) }] : [])),
      );
    };

    // A stop is only taken once the batch in flight has finished: counts stay exact at every boundary.
    overlap = new BatchOverlap(finishBatch);

    let batch: CheckedRow[] = [];
    let stopped: PassResult['stopped'];
    let createdInPass = 0;
    for await (const row of tableRows) {
      // Rows already buffered arrive through promise callbacks alone, which do not let the event
      // loop run. A turn every few hundred rows lets the reply to the batch in flight, the progress
      // timer and the job-lock renewal be handled without waiting for the buffer to drain. (Its
      // effect on throughput measured within run-to-run noise; it is there for promptness.)
      if (row.rowNumber % YIELD_EVERY_ROWS === 0) await new Promise(setImmediate);
      rowsRead++;
      checked.sample(row.cells);
      const result = checkRow(row.cells, header, context);
      if (result.fields) {
        const first = firstRowOf.firstRowOr(result.fields.emailLower, row.rowNumber);
        if (first !== undefined) {
          result.problems.push({
            column: emailLabel,
            message: `is the same as on row ${first}; list each person once`,
            summary: 'appears more than once in the file; list each person once',
          });
        }
      }
      batch.push({ row, result });
      if (batch.length >= batchSize) {
        await overlap.start(batch);
        batch = [];
        stopped = await options.shouldStop();
        if (stopped) break;
      }
    }
    await overlap.drain();
    if (!stopped) await finishBatch(batch);
    // The account's user-count hint, once per pass rather than a round trip per batch. (A pass
    // that dies half way leaves it low; the next whole-account read puts it right.)
    await retryTransient(() => adjustUserCount(models, accountId, createdInPass), deps.logger);
    if (!stopped && counts.rows === 0) {
      await writer.abort();
      throw new FileError('INVALID_FILE', 'The file has a header row but no people below it. Add one person per row under the header and upload it again.');
    }
    if (stopped) {
      await writer.abort();
      return { counts, errorSummary: summary.top(), warnings: [], errorLog: { key: null, rows: 0 }, stopped };
    }
    const { rows } = await writer.finish();
    counts.failed = counts.invalid;
    return {
      counts,
      errorSummary: summary.top(),
      warnings: [...header.warnings, ...warnings.lines()],
      errorLog: { key: rows ? errorLogKey(imp) : null, rows },
    };
  } catch (error) {
    // Let a batch still being written finish first, so nothing is written after the pass ends.
    await overlap?.settle();
    // Do not leave a half-written error log upload waiting for the rest.
    await log?.abort();
    throw error;
  } finally {
    await file.close();
    stored.body.destroy();
  }
}
