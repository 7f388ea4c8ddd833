import { Transform, type TransformCallback } from "node:stream";
import { TextDecoder } from "node:util";
import { FileError } from './file-error.js';
import { guessSingleByteEncoding, type SingleByteEncoding } from './single-byte-encoding.js';

export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | SingleByteEncoding;

const SAVE_AS_UTF8 = 'In Excel choose File > Save As > "CSV UTF-8 (Comma delimited)" and upload that file.';
const NON_ASCII = /[\x80-\xff]/;
/** Bytes looked at, from the first non-ASCII one, to tell Windows-1252 from Mac Roman. */
const SINGLE_BYTE_SAMPLE = 64 * 1024;

/** Length of the valid UTF-8 sequence starting at `i`, 0 when invalid, -1 when cut off by the end. */
function utf8SequenceAt(bytes: Buffer, i: number): number {
  const lead = bytes[i]!;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0) return 0;
  for (let k = 1; k < length; k++) {
    if (i + k >= bytes.length) return -1;
    if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  }
  return length;
}

/**
 * Bytes in, text out. UTF-8 (with or without BOM) and UTF-16 with BOM are read as such. Without a
 * BOM, the first non-ASCII bytes decide: valid UTF-8 means UTF-8; anything else is Excel's Windows
 * "CSV" (Windows-1252) or Mac "CSV (Macintosh)" (Mac Roman), told apart on up to 64 KB of text
 * from there (`guessSingleByteEncoding`). Everything before them is ASCII, the same in all of
 * them, so nothing is re-read.
 */
export class TextDecodeStream extends Transform {
  private decoder: TextDecoder | undefined;
  /** Bytes held back until the encoding can be decided. */
  private pending: Buffer = Buffer.alloc(0);
  private bomChecked = false;
  /** The text from the first non-ASCII byte on, while Windows-1252 and Mac Roman are told apart. */
  private sample: Buffer[] | undefined;
  private sampled = 0;
  encoding: DetectedEncoding | undefined;

  constructor() {
    super({ decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      done(null, this.push_(chunk, false));
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.push_(Buffer.alloc(0), true) + (this.decoder ? this.finish() : ''));
    } catch (error) {
      done(error as Error);
    }
  }

  private push_(chunk: Buffer, end: boolean): string {
    if (this.sample) return this.addToSample(chunk, end);
    let bytes: Buffer = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    if (!this.bomChecked) {
      if (bytes.length < 3 && !end) {
        this.pending = bytes;
        return '';
      }
      bytes = this.checkBom(bytes);
    }
    if (this.decoder) return this.decode(bytes);
    // Undecided: all bytes so far were ASCII.
    const at = bytes.toString('latin1').search(NON_ASCII);
    if (at === -1) {
      if (bytes.includes(0)) throw this.binary();
      return bytes.toString('latin1');
    }
    const sequence = utf8SequenceAt(bytes, at);
    if (sequence === -1 && !end) {
      this.pending = bytes;
      return '';
    }
    if (sequence > 0) {
      this.use('utf-8');
      return this.decode(bytes);
    }
    // Not UTF-8: keep a sample (as a list of chunks, so tiny chunks cost no copying) to decide on.
    // The sample starts one byte early: the letter before an accent is part of the evidence.
    const from = Math.max(0, at - 1);
    const ascii = bytes.subarray(0, from).toString('latin1');
    this.sample = [bytes.subarray(from)];
    this.sampled = bytes.length - from;
    return ascii + this.addToSample(Buffer.alloc(0), end);
  }

  private addToSample(chunk: Buffer, end: boolean): string {
    this.sample!.push(chunk);
    this.sampled += chunk.length;
    if (this.sampled < SINGLE_BYTE_SAMPLE && !end) return '';
    const bytes = Buffer.concat(this.sample!);
    this.sample = undefined;
    this.use(guessSingleByteEncoding(bytes.subarray(0, SINGLE_BYTE_SAMPLE)));
    return this.decode(bytes);
  }

  private checkBom(bytes: Buffer): Buffer {
    this.bomChecked = true;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.use('utf-8');
      return bytes.subarray(3);
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) this.use('utf-16be');
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) this.use('utf-16le');
    return bytes;
  }

  private use(encoding: DetectedEncoding) {
    this.encoding = encoding;
    // fatal for UTF-8: a later invalid byte means the file mixes encodings, which we refuse
    // rather than guess at names. UTF-16 decoders strip their BOM themselves.
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  private decode(bytes: Buffer): string {
    try {
      const text = this.decoder!.decode(bytes, { stream: true });
      if (this.encoding !== 'utf-16le' && this.encoding !== 'utf-16be' && text.includes('\0')) throw this.binary();
      return text;
    } catch (error) {
      if (error instanceof FileError) throw error;
      throw new FileError('INVALID_FILE', `This file mixes text encodings (some characters are UTF-8, others are not). ${SAVE_AS_UTF8}`);
    }
  }

  private finish(): string {
    try {
      return this.decoder!.decode();
    } catch {
      throw new FileError('INVALID_FILE', `The file ends in the middle of a character. ${SAVE_AS_UTF8}`);
    }
  }

  private binary() {
    return new FileError('INVALID_FILE', `This file contains binary data, not text. ${SAVE_AS_UTF8}`);
  }
}
