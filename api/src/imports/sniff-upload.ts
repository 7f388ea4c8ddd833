import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '@muster/shared';

/** How to save a user list in a form we read, as the person's spreadsheet program words it. */
export const SAVE_AS = 'Save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8 (Comma delimited)" and upload that file.';

const XLSX_ONLY = 'In Excel choose File > Save As > "Excel Workbook (.xlsx)" (or "CSV UTF-8") and upload that file.';

/**
 * Files refused by their name alone, before any byte is stored: workbook formats that are zip
 * files like .xlsx but hold something we do not read (macros, a binary sheet, another program's
 * format).
 */
export function describeUnsupportedName(fileName: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'xlsm':
    case 'xltm':
      return `This workbook can contain macros (.xlsm), which we do not open. ${XLSX_ONLY}`;
    case 'xlsb':
      return `This is an Excel Binary Workbook (.xlsb), which we do not read. ${XLSX_ONLY}`;
    case 'xls':
      return `This is an old-style Excel workbook (.xls), which we do not read. ${XLSX_ONLY}`;
    case 'ods':
      return 'This is an OpenDocument spreadsheet (.ods). In LibreOffice choose File > Save As > "Excel 2007-365 (.xlsx)" or "Text CSV", and upload that file.';
    case 'numbers':
      return 'This is a Numbers spreadsheet. In Numbers choose File > Export To > Excel (or CSV) and upload that file.';
    default:
      return undefined;
  }
}

const utf16 = (text: string) => Buffer.from(text, 'utf16le');

/** Recognises files that are plainly not a user list we can read, from their first bytes. */
export function describeNonText(head: Buffer): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    // An .xlsx is a zip; these zips are not, and say so in their first entries' names.
    if (head.includes('vbaProject.bin')) return `This workbook contains macros, which we do not open. ${XLSX_ONLY}`;
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument')) return describeUnsupportedName('x.ods');
    return undefined;
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    // Both an .xls and a password-protected .xlsx are OLE containers; the encrypted one names its
    // "EncryptedPackage" stream in the directory, usually within the first few KB.
    if (head.includes(utf16('EncryptedPackage'))) {
      return `This workbook is protected with a password, so we cannot read it. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), then ${SAVE_AS.charAt(0).toLowerCase()}${SAVE_AS.slice(1)}`;
    }
    return `This is an old-style Excel workbook (.xls) or a password-protected one, which we cannot read. Remove the password if it has one, then ${SAVE_AS.charAt(0).toLowerCase()}${SAVE_AS.slice(1)}`;
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return `This is a PDF, not a user list. ${SAVE_AS}`;
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return `This is an image, not a user list. ${SAVE_AS}`;
  const utf16Text = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  if (!utf16Text && head.subarray(0, 4096).includes(0)) return `This file contains binary data, not CSV text. ${SAVE_AS}`;
  return undefined;
}

/**
 * Passes the upload through unchanged, but refuses it (415) from its first bytes when it is an
 * old or protected workbook, a PDF, an image or other binary data, before anything is stored.
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
    if (problem) return done(new AppError('UNSUPPORTED_FILE_TYPE', problem, 415));
    done(null, head);
  }
}
