import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileError } from './file-error.js';
import { openCsv, type CsvRow } from './read-csv.js';
import { openXlsx } from './xlsx/open-xlsx.js';
import { SAVE_AS } from './xlsx/workbook-parts.js';

/** An uploaded user list, CSV or Excel workbook alike: its header row, then its rows. */
export interface UploadedTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: AsyncGenerator<CsvRow>;
  /** A generous guess at the number of rows, from the file's size (to size tables up front). */
  estimatedRows: number;
  /** How much of the file has been read, 0 to 1 (for progress before the row count is known). */
  fractionRead(): number;
  close(): Promise<void>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (head: Buffer, magic: number[]) => magic.every((b, i) => head[i] === b);

/**
 * The stream's first chunk (empty for an empty stream), put back so the stream reads from its
 * start again. The stream itself is handed on, not a copy wrapped around it, so its errors and its
 * end reach the reader exactly as they would have. (Storage and file streams deliver chunks of
 * kilobytes; the four magic bytes are always in the first.)
 */
async function firstChunk(source: Readable): Promise<Buffer> {
  for (;;) {
    const chunk = source.read() as Buffer | null;
    if (chunk !== null) {
      source.unshift(chunk);
      return chunk;
    }
    if (source.readableEnded) return Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        source.off('readable', onReadable).off('end', onEnd).off('error', settle);
        if (error) reject(error);
        else resolve();
      };
      const onReadable = () => settle();
      const onEnd = () => settle();
      source.once('readable', onReadable).once('end', onEnd).once('error', settle);
    });
  }
}

/**
 * Opens a stored upload by what its bytes are, not by its name: a zip package is read as an Excel
 * workbook (its first worksheet), anything else as CSV text. An old binary workbook (.xls) or a
 * password-protected one (both OLE containers) is refused with how to save it instead.
 */
export async function openUpload(source: Readable, bytes: number): Promise<UploadedTable> {
  const head = await firstChunk(source);
  if (startsWith(head, OLE)) {
    throw new FileError('INVALID_FILE', `This is an old-style Excel workbook (.xls) or a password-protected one, which we cannot open. Remove the password if it has one, then s${SAVE_AS.slice(1)}`);
  }
  if (!startsWith(head, ZIP)) {
    const csv = await openCsv(source);
    return {
      format: 'csv',
      header: csv.header,
      // Rows of a user list rarely average under 60 bytes.
      estimatedRows: bytes / 60,
      rows: csv.rows,
      fractionRead: () => csv.bytesRead() / Math.max(1, bytes),
      close: async () => void (await csv.rows.return(undefined)),
    };
  }
  // A zip's table of contents is at its end: the workbook is read from a file, not a stream.
  const scratch = await mkdtemp(join(tmpdir(), 'muster-upload-'));
  try {
    const path = join(scratch, 'upload.xlsx');
    await pipeline(source, createWriteStream(path));
    const sheet = await openXlsx(path);
    return {
      format: 'xlsx',
      header: sheet.header,
      estimatedRows: sheet.estimatedRows,
      rows: sheet.rows,
      fractionRead: sheet.fractionRead,
      async close() {
        await sheet.rows.return(undefined);
        await sheet.close();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
