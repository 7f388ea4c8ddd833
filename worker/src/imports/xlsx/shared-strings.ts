import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { FileError } from '../file-error.js';
import { MAX_CELL_CHARS } from './sheet-rows.js';
import { parseXmlStream } from './xml-events.js';

/** Strings kept in memory; the rest wait on disk. */
const IN_MEMORY = 65_536;
const WRITE_BUFFER = 1 << 20;
const READ_AHEAD = 64 * 1024;

/**
 * A workbook's shared-string table, without holding it all in memory. Excel numbers shared strings
 * in order of first use, so the strings every row repeats (Role, True / False, team names) get
 * low numbers and stay in memory; the rest (each person's email, name, phone) are written to a
 * file beside the workbook and read back by position when a cell asks for one. A million-row
 * list has several million of those: as JavaScript strings they would take hundreds of MB.
 */
export class SharedStrings {
  private readonly first: string[] = [];
  /** Byte offset of each spilled string in the file, plus the end of the last one. */
  private offsets = new Float64Array(1024);
  private spilled = 0;
  private readonly fd: number;
  private buffer = Buffer.alloc(WRITE_BUFFER);
  private buffered = 0;
  private written = 0;
  /** A block of the file read ahead, and the file offsets it covers. */
  private window = Buffer.alloc(READ_AHEAD);
  private windowStart = 0;
  private windowEnd = 0;

  constructor(spillPath: string) {
    this.fd = openSync(spillPath, 'w+');
  }

  get count(): number {
    return this.first.length + this.spilled;
  }

  add(text: string): void {
    if (this.first.length < IN_MEMORY) {
      this.first.push(text);
      return;
    }
    if (this.spilled + 2 > this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const bytes = Buffer.byteLength(text);
    if (this.buffered + bytes > this.buffer.length) this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.alloc(bytes);
    this.offsets[this.spilled] = this.written + this.buffered;
    this.buffered += this.buffer.write(text, this.buffered);
    this.spilled++;
    this.offsets[this.spilled] = this.written + this.buffered;
  }

  /** Call once every string is added, before the first `get`. */
  finish(): void {
    this.flush();
    this.buffer = Buffer.alloc(0);
  }

  get(index: number): string | undefined {
    if (index < this.first.length) return this.first[index];
    const k = index - IN_MEMORY;
    if (!(k >= 0 && k < this.spilled)) return undefined;
    const start = this.offsets[k]!;
    const length = this.offsets[k + 1]! - start;
    // Strings are numbered in order of first use and rows are read in order, so the next string
    // asked for is usually just after the last one: read ahead a block, not one string per call.
    if (start < this.windowStart || start + length > this.windowEnd) {
      if (length > this.window.length) this.window = Buffer.alloc(length);
      const read = readSync(this.fd, this.window, 0, this.window.length, start);
      this.windowStart = start;
      this.windowEnd = start + read;
    }
    return this.window.toString('utf8', start - this.windowStart, start - this.windowStart + length);
  }

  close(): void {
    closeSync(this.fd);
  }

  private flush() {
    if (this.buffered === 0) return;
    writeSync(this.fd, this.buffer, 0, this.buffered, this.written);
    this.written += this.buffered;
    this.buffered = 0;
  }
}

/**
 * Reads sharedStrings.xml into the table: each `<si>` is one string, the text of its `<t>`
 * elements (rich text runs joined), leaving out phonetic guides (`<rPh>`, Japanese furigana).
 */
export async function readSharedStrings(stream: Readable, table: SharedStrings): Promise<void> {
  let text = '';
  let inT = false;
  let inPhonetic = false;
  for await (const _ of parseXmlStream(stream, {
    open(name) {
      if (name === 'si') text = '';
      else if (name === 't') inT = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(t) {
      if (!inT) return;
      text += t;
      if (text.length > MAX_CELL_CHARS) {
        throw new FileError('INVALID_FILE', `The workbook has a cell longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters. Check that it is a user list in the template's layout.`);
      }
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') table.add(text);
    },
  }));
  table.finish();
}
