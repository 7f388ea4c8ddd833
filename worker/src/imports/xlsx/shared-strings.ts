import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { FileError } from '../file-error.js';
import { MAX_CELL_CHARS } from './sheet-rows.js';
import { parseXmlStream } from './xml-events.js';

/** Strings kept in memory; the rest wait on disk. */
const IN_MEMORY = 65_536;
const WRITE_BUFFER = 1 << 20;
const READ_AHEAD = 64 * 1024;
const REMEMBERED = 4096;
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
/** Offsets are 32-bit. */
const MAX_SPILL_BYTES = 2 ** 32 - 1;

/**
 * A workbook's shared-string table, without holding it all in memory. Excel numbers shared strings
 * in order of first use, so the strings every row repeats (Role, True / False, team names) get
 * low numbers and stay in memory; the rest (each person's email, name, phone) are written to a
 * file beside the workbook and read back by position when a cell asks for one. A million-row
 * list has several million of those: as JavaScript strings they would take hundreds of MB.
 */
export class SharedStrings {
  private readonly first: string[] = [];
  /**
   * Byte offset in the file where each spilled string ends, 4 bytes each, in blocks: growing
   * never copies (a doubled array would briefly hold old and new, 12 MB at a million rows).
   */
  private readonly ends: Uint32Array[] = [];
  private spilled = 0;
  private readonly fd: number;
  private buffer = Buffer.alloc(WRITE_BUFFER);
  private buffered = 0;
  private written = 0;
  /** A block of the file read ahead, and the file offsets it covers. */
  private window = Buffer.alloc(READ_AHEAD);
  private windowStart = 0;
  private windowEnd = 0;
  /** Strings from behind the window read lately (oldest first). */
  private readonly earlier = new Map<number, string>();

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
    const bytes = Buffer.byteLength(text);
    if (this.written + this.buffered + bytes > MAX_SPILL_BYTES) {
      throw new FileError('INVALID_FILE', 'The workbook holds more than 4 GB of text, which is not a user list. Check that it is the right file.');
    }
    if (this.buffered + bytes > this.buffer.length) this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.alloc(bytes);
    this.buffered += this.buffer.write(text, this.buffered);
    if (this.spilled % BLOCK === 0) this.ends.push(new Uint32Array(BLOCK));
    this.ends[this.spilled >>> BLOCK_BITS]![this.spilled & (BLOCK - 1)] = this.written + this.buffered;
    this.spilled++;
  }

  private endOf(k: number): number {
    return k < 0 ? 0 : this.ends[k >>> BLOCK_BITS]![k & (BLOCK - 1)]!;
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
    const start = this.endOf(k - 1);
    const length = this.endOf(k) - start;
    if (start >= this.windowStart && start + length <= this.windowEnd) {
      return this.window.toString('utf8', start - this.windowStart, start - this.windowStart + length);
    }
    // Strings are numbered in order of first use and rows are read in order, so the next new
    // string is usually just after the last one: moving forward, read ahead a block. A string from
    // further back (a name first used long ago, used again) is read alone, and the last few such
    // are remembered, so it never drags the read-ahead window back and forth.
    if (start >= this.windowEnd) {
      if (length > this.window.length) this.window = Buffer.alloc(length);
      const read = readSync(this.fd, this.window, 0, this.window.length, start);
      this.windowStart = start;
      this.windowEnd = start + read;
      return this.window.toString('utf8', 0, length);
    }
    const remembered = this.earlier.get(index);
    if (remembered !== undefined) return remembered;
    const bytes = Buffer.allocUnsafe(length);
    readSync(this.fd, bytes, 0, length, start);
    const text = bytes.toString('utf8');
    if (this.earlier.size >= REMEMBERED) this.earlier.delete(this.earlier.keys().next().value!);
    this.earlier.set(index, text);
    return text;
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
