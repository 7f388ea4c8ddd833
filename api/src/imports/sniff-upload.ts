import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '@muster/shared';

const SAVE_AS_CSV = 'Save it as CSV (in Excel: File > Save As > "CSV UTF-8 (Comma delimited)") and upload that file.';

/** Recognises files that are plainly not CSV text, from their first bytes. */
export function describeNonText(head: Buffer): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'This is an Excel workbook or a zip file, not a CSV file.';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'This is an old-style Excel workbook (.xls), not a CSV file.';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'This is a PDF, not a CSV file.';
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'This is an image, not a CSV file.';
  const utf16 = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  if (!utf16 && head.subarray(0, 4096).includes(0)) return 'This file contains binary data, not CSV text.';
  return undefined;
}

/**
 * Passes the upload through unchanged, but refuses it (415) from its first bytes when it is a
 * workbook, PDF, image or other binary data, before anything is stored.
 */
export class UploadSniffer extends Transform {
  private head: Buffer[] = [];
  private seen = 0;
  private decided = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.decided) return done(null, chunk);
    this.head.push(chunk);
    this.seen += chunk.length;
    if (this.seen < 4096) return done();
    this.decide(done);
  }

  override _flush(done: TransformCallback): void {
    if (!this.decided) return this.decide(done);
    done();
  }

  private decide(done: TransformCallback) {
    this.decided = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    const problem = describeNonText(head);
    if (problem) return done(new AppError('UNSUPPORTED_FILE_TYPE', `${problem} ${SAVE_AS_CSV}`, 415));
    done(null, head);
  }
}
