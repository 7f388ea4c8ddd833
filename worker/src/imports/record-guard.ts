import { Transform, type TransformCallback } from 'node:stream';
import { FileError } from './file-error.js';

export interface RecordLimits {
  /** Characters in one record (row), quotes included. */
  maxRecordChars: number;
  /** Cells in one record. */
  maxCells: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxRecordChars: 100_000, maxCells: 1_000 };

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Where the guard is inside a cell. The rules are fast-csv's (RFC 4180, relaxed): a cell is
 * quoted only when its first non-space character is a quote; anywhere else a quote is just a
 * character ("Height 5'11\"" is taken as written). Inside a quoted cell `""` is one quote.
 */
const enum State {
  /** At the start of a cell: spaces so far, nothing else. */
  CellStart,
  /** In a cell that did not start with a quote (or after a quoted part ended). */
  Unquoted,
  /** Between a cell's opening quote and its closing one. */
  Quoted,
  /** Just after a quote inside a quoted cell: the next character says escape ("") or close. */
  QuoteInQuoted,
}

/**
 * Watches CSV text go by and stops the file as soon as one record grows past the limits. Without
 * it, an unclosed quote early in a large file would make the parser buffer (and rescan) the rest
 * of the file as one cell, and a 200,000-column header would be held whole before we could say no.
 * It reads records exactly as the parser does (records end at CRLF, LF or a lone CR, as old Mac
 * Excel writes them), so its row numbers and its idea of "inside quotes" agree with the parser's at
 * every file size.
 */
export class RecordGuard extends Transform {
  private state = State.CellStart;
  private afterCR = false;
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
    const error = this.scan(chunk);
    if (error) return done(error);
    done(null, chunk);
  }

  private scan(chunk: string): FileError | undefined {
    const { maxRecordChars, maxCells } = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const afterCR = this.afterCR;
      this.afterCR = false;
      if (this.state === State.QuoteInQuoted) {
        // `""` stays in the cell; any other character means the quote before it closed the cell.
        this.state = c === QUOTE ? State.Quoted : State.Unquoted;
        if (c === QUOTE) {
          if (++this.chars > maxRecordChars) return this.tooLong();
          continue;
        }
      }
      if (this.state === State.Quoted) {
        if (c === QUOTE) this.state = State.QuoteInQuoted;
      } else if (c === LF || c === CR) {
        // The LF of a CRLF ends the record the CR already ended.
        if (!(c === LF && afterCR)) this.newRecord();
        this.afterCR = c === CR;
        continue;
      } else if (c === this.delimiterCode) {
        this.state = State.CellStart;
        if (++this.cells > maxCells) {
          return new FileError('INVALID_FILE', `Row ${this.record} has more than ${maxCells.toLocaleString('en-GB')} cells. Check that it is a user list in the template's layout.`);
        }
      } else if (this.state === State.CellStart) {
        if (c === QUOTE) this.state = State.Quoted;
        else if (!isSpace(c)) this.state = State.Unquoted;
      }
      if (++this.chars > maxRecordChars) return this.tooLong();
    }
    return undefined;
  }

  private newRecord() {
    this.record++;
    this.chars = 0;
    this.cells = 1;
    this.state = State.CellStart;
  }

  private tooLong() {
    const { maxRecordChars } = this.limits;
    const open = this.state === State.Quoted || this.state === State.QuoteInQuoted;
    const hint = open ? ' A quote (") is probably not closed: check the row for a missing closing quote.' : '';
    return new FileError('INVALID_FILE', `Row ${this.record} is longer than ${maxRecordChars.toLocaleString('en-GB')} characters.${hint}`);
  }
}

/** Whitespace as the parser skips it before a cell (its `\s`, less the line ends handled above). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
