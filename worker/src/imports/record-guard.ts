import { Transform, type TransformCallback } from 'node:stream';
import { FileError } from './file-error.js';

export interface RecordLimits {
  /** Characters in one record (row), quotes included. */
  maxRecordChars: number;
  /** Cells in one record. */
  maxCells: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxRecordChars: 100_000, maxCells: 1_000 };

/**
 * Watches CSV text go by and stops the file as soon as one record grows past the limits. Without
 * it, an unclosed quote early in a large file would make the parser buffer (and rescan) the rest
 * of the file as one cell, and a 200,000-column header would be held whole before we could say no.
 */
export class RecordGuard extends Transform {
  private inQuotes = false;
  private chars = 0;
  private cells = 1;
  private record = 1;
  private readonly delimiterCode: number;

  constructor(
    delimiter: string,
    private readonly limits: RecordLimits = DEFAULT_RECORD_LIMITS,
  ) {
    super({ decodeStrings: false, encoding: 'utf8' });
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  override _transform(chunk: string, _enc: BufferEncoding, done: TransformCallback): void {
    const { maxRecordChars, maxCells } = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 34 /* " */) this.inQuotes = !this.inQuotes;
      else if (!this.inQuotes) {
        if (c === 10 /* \n */) {
          this.record++;
          this.chars = 0;
          this.cells = 1;
          continue;
        }
        if (c === this.delimiterCode && ++this.cells > maxCells) {
          return done(
            new FileError('INVALID_FILE', `Row ${this.record} has more than ${maxCells.toLocaleString('en-GB')} cells. Check that it is a user list in the template's layout.`),
          );
        }
      }
      if (++this.chars > maxRecordChars) {
        const hint = this.inQuotes ? ' A quote (") is probably not closed: check the row for a missing closing quote.' : '';
        return done(
          new FileError('INVALID_FILE', `Row ${this.record} is longer than ${maxRecordChars.toLocaleString('en-GB')} characters.${hint}`),
        );
      }
    }
    done(null, chunk);
  }
}
