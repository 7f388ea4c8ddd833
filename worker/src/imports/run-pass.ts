import type { Types } from 'mongoose';
import type { CountryCode } from 'libphonenumber-js/max';
import type { AccountDoc, ImportCounts, ImportDoc, PassPhase, Logger, Models, Storage } from '@muster/shared';
import { EmailIndex } from './email-index.js';
import { createErrorLogWriter, type ErrorLogWriter } from './error-log.js';
import { BatchOverlap } from './batch-overlap.js';
import type { ErrorSummaryItem } from './error-summary.js';
import { BatchWriter } from './batch-writer.js';
import { adjustUserCount, chooseLookupStrategy, openExistingUserLookup, type ExistingUserLookup } from './existing-user-lookup.js';
import { FileError } from './file-error.js';
import { mapHeader, type HeaderMap } from './header-map.js';
import { PassTally } from './pass-tally.js';
import type { ProgressReporter } from './progress.js';
import { openUpload, type UploadedTable } from './open-upload.js';
import { loadEdits, withEdits } from './apply-edits.js';
import type { CsvRow } from './read-csv.js';
import { errorText, resolveRow, type RowAction } from './resolve-batch.js';
import { retryTransient } from '@muster/shared';
import { checkRow, type AccountContext, type RowResult } from '@muster/shared';

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
  const stored = await deps.storage.get(imp.fileKey);
  if (!stored) throw new FileError('FILE_MISSING', 'The uploaded file is no longer stored (files are kept for a limited time). Upload it again.');
  const file = await openUpload(stored.body, stored.bytes);
  let pass: Pass | undefined;
  try {
    pass = await Pass.prepare(deps, imp, account, options, file);
    const stopped = await pass.readAll(await rowsWithEdits(deps.storage, imp, file));
    await pass.recordUserCount();
    return await pass.result(stopped);
  } catch (error) {
    await pass?.abandon();
    throw error;
  } finally {
    await file.close();
    stored.body.destroy();
  }
}

/** The file's rows; for a corrected import ("fix bad rows"), with its edits applied by row number as the file streams. */
async function rowsWithEdits(storage: Storage, imp: ImportDoc, file: UploadedTable): Promise<AsyncIterable<CsvRow>> {
  const editsKey = imp.correction?.editsKey;
  return editsKey ? withEdits(file.rows, await loadEdits(storage, editsKey)) : file.rows;
}

/** One pass's state and its steps: check rows, finish batches (look up, write, count, log), end. */
class Pass {
  private readonly tally: PassTally;
  private readonly overlap: BatchOverlap<CheckedRow[]>;
  private readonly firstRowOf: EmailIndex;
  private readonly users: BatchWriter;
  private readonly importId: Types.ObjectId;
  private readonly emailLabel: string;
  private readonly totalRows: number | null;
  private readonly phase: PassPhase;

  private constructor(
    private readonly deps: PassDeps,
    private readonly imp: ImportDoc,
    private readonly options: PassOptions,
    private readonly file: UploadedTable,
    private readonly header: HeaderMap,
    private readonly context: AccountContext,
    private readonly existing: ExistingUserLookup,
    private readonly writer: ErrorLogWriter,
    private readonly accountId: Types.ObjectId,
    fileRows: number,
  ) {
    this.importId = imp._id as Types.ObjectId;
    this.emailLabel = header.labels.email;
    this.tally = new PassTally(options.write);
    this.firstRowOf = new EmailIndex(fileRows);
    this.totalRows = imp.counts?.rows && options.write ? imp.counts.rows : null;
    this.phase = options.write ? 'importing' : 'validating';
    this.users = new BatchWriter({ models: deps.models, accountId, importId: this.importId, existing: imp.existing, emailLabel: this.emailLabel });
    // A stop is only taken once the batch in flight has finished: counts stay exact at every boundary.
    this.overlap = new BatchOverlap((batch) => this.finishBatch(batch));
  }

  /** Maps the header, loads the account's teams, chooses how to find existing users and opens the error log. */
  static async prepare(deps: PassDeps, imp: ImportDoc, account: AccountDoc, options: PassOptions, file: UploadedTable): Promise<Pass> {
    const { models, storage } = deps;
    const header = mapHeader(file.header, account.modules as AccountContext['modules']);
    const context = await retryTransient(() => loadAccountContext(models, account), deps.logger);
    const fileRows = imp.counts?.rows || file.estimatedRows;
    const strategy = chooseLookupStrategy(fileRows, account.userCount ?? undefined);
    const existing = await openExistingUserLookup(models, account._id as Types.ObjectId, strategy, deps.logger);
    deps.logger.debug({ strategy, fileRows: Math.round(fileRows), accountUsers: account.userCount }, 'existing users: lookup chosen');
    const writer = createErrorLogWriter(storage, errorLogKey(imp), file.header, header.keptIndexes);
    return new Pass(deps, imp, options, file, header, context, existing, writer, account._id as Types.ObjectId, fileRows);
  }

  /** Checks every row, finishing a batch at a time; the reason it stopped early, if it did. */
  async readAll(tableRows: AsyncIterable<CsvRow>): Promise<PassResult['stopped']> {
    let batch: CheckedRow[] = [];
    let stopped: PassResult['stopped'];
    for await (const row of tableRows) {
      // Rows already buffered arrive through promise callbacks alone, which do not let the event
      // loop run. A turn every few hundred rows lets the reply to the batch in flight, the progress
      // timer and the job-lock renewal be handled without waiting for the buffer to drain. (Its
      // effect on throughput measured within run-to-run noise; it is there for promptness.)
      if (row.rowNumber % YIELD_EVERY_ROWS === 0) await new Promise(setImmediate);
      batch.push({ row, result: this.check(row) });
      if (batch.length >= this.deps.batchSize) {
        await this.overlap.start(batch);
        batch = [];
        stopped = await this.options.shouldStop();
        if (stopped) break;
      }
    }
    await this.overlap.drain();
    if (!stopped) await this.finishBatch(batch);
    return stopped;
  }

  /** The row rules, plus the one rule that needs the whole file: each person once. */
  private check(row: CsvRow): RowResult {
    const result = checkRow(row.cells, this.header, this.context);
    if (result.fields) {
      const first = this.firstRowOf.firstRowOr(result.fields.emailLower, row.rowNumber);
      if (first !== undefined) {
        result.problems.push({
          column: this.emailLabel,
          message: `is the same as on row ${first}; list each person once`,
          summary: 'appears more than once in the file; list each person once',
        });
      }
    }
    return result;
  }

  /** Decides each row against who exists, writes the batch (when writing), counts and logs it, reports progress. */
  private async finishBatch(batch: CheckedRow[]): Promise<void> {
    const { tally, writer, existing, imp, importId, emailLabel, options, deps } = this;
    const known = await existing.forBatch(batch.flatMap(({ result }) => (result.fields ? [result.fields.emailLower] : [])));
    const actions: RowAction[] = batch.map(({ result }) =>
      resolveRow(result, result.fields && known.get(result.fields.emailLower), imp.existing, importId, emailLabel),
    );
    if (options.write) await retryTransient(() => this.users.write(actions), deps.logger);
    for (let i = 0; i < batch.length; i++) {
      const action = actions[i]!;
      const { row, result } = batch[i]!;
      if (tally.add(row.rowNumber, result, action)) await writer.add(row.cells, errorText(action.problems));
    }
    this.reportProgress();
  }

  private reportProgress(): void {
    const { counts } = this.tally;
    const percent = this.totalRows ? (counts.rows / this.totalRows) * 100 : this.file.fractionRead() * 100;
    this.options.progress.set({
      phase: this.phase,
      processedRows: counts.rows,
      totalRows: this.totalRows,
      percent: Math.min(99, Math.floor(percent)),
    });
  }

  /**
   * The account's user-count hint, once per pass rather than a round trip per batch. (A pass
   * that dies half way leaves it low; the next whole-account read puts it right.)
   */
  async recordUserCount(): Promise<void> {
    const { models, logger } = this.deps;
    await retryTransient(() => adjustUserCount(models, this.accountId, this.users.created), logger);
  }

  /** The pass's outcome; the error log is kept only for a pass that read the whole file. */
  async result(stopped: PassResult['stopped']): Promise<PassResult> {
    const { writer, header, imp } = this;
    const { counts, summary, warnings } = this.tally;
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
  }

  /** After a failure: let a batch still being written finish (nothing is written after the pass ends), and drop the half-written error log. */
  async abandon(): Promise<void> {
    await this.overlap.settle();
    await this.writer.abort();
  }
}
