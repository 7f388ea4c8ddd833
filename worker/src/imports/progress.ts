import type { ImportJobProgress } from '@muster/shared';

export interface ProgressReporter {
  /** Records where the pass is; cheap, called per batch. */
  set(progress: ImportJobProgress): void;
  /** Stops the timer and waits for a write in flight (the pass's final figures are written with its outcome). */
  stop(): Promise<void>;
}

/**
 * Publishes progress on a timer, not per row: at least once a second while work happens and at
 * most every `intervalMs`, whatever the batch size or speed. Each write is one round trip.
 */
export function createProgressReporter(publish: (p: ImportJobProgress) => Promise<void>, intervalMs = 500): ProgressReporter {
  let latest: ImportJobProgress | undefined;
  let published: ImportJobProgress | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const write = () => {
    if (!latest || latest === published) return inFlight;
    const next = latest;
    inFlight = inFlight.then(() => publish(next)).then(
      () => void (published = next),
      () => undefined, // a missed progress write is not worth failing the import for
    );
    return inFlight;
  };
  const timer = setInterval(() => void write(), intervalMs);
  timer.unref();
  return {
    set: (progress) => void (latest = progress),
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** One row in this many is measured to estimate a CSV's row count: a running average, cheap. */
const SAMPLE_EVERY = 16;

/**
 * The check step's percent, in rows: rows counted out of the rows the file probably has, so the
 * percent and the "rows checked" beside it agree. (A share of bytes read ran ahead of the rows
 * counted, because the reader buffers rows nobody has checked yet.)
 *
 * A CSV's rows are estimated from its size and the average size of the rows read so far (one in
 * 16 measured), which does not depend on how far the reader has buffered. A workbook's cells are not its bytes, so there the
 * estimate is rows read over the share of the sheet read, a little low while the reader buffers.
 * Either way the percent stays at or under 99 until the check ends, and never goes back.
 */
export class CheckedShare {
  private shown = 0;
  private seenRows = 0;
  private sampledRows = 0;
  private sampledBytes = 0;

  /** `firstGuess`: the rows to assume before any is read; `csvBytes`: the CSV file's size (absent for a workbook). */
  constructor(
    private readonly firstGuess: number,
    private readonly csvBytes?: number,
  ) {}

  /** Called with each row read; measures some (their cells, separators and line end). */
  sample(cells: readonly string[]): void {
    if (this.csvBytes === undefined || this.seenRows++ % SAMPLE_EVERY !== 0) return;
    this.sampledRows++;
    // Each cell is followed by a separator or, for the last, the line end.
    for (const cell of cells) this.sampledBytes += Buffer.byteLength(cell) + 1;
  }

  /** The file's likely number of rows: never fewer than have been read. */
  estimatedTotal(rowsRead: number, fractionRead: number): number {
    let guess = this.firstGuess;
    if (this.csvBytes !== undefined && this.sampledRows > 0) guess = this.csvBytes / (this.sampledBytes / this.sampledRows);
    else if (this.csvBytes === undefined && fractionRead > 0 && rowsRead > 0) guess = rowsRead / Math.min(1, fractionRead);
    return Math.max(rowsRead, Math.round(guess), 1);
  }

  /** Whole percent of the rows counted, 0 to 99. */
  percent(processedRows: number, rowsRead: number, fractionRead: number): number {
    const share = Math.floor((processedRows / this.estimatedTotal(rowsRead, fractionRead)) * 100);
    this.shown = Math.max(this.shown, Math.min(99, share));
    return this.shown;
  }
}
