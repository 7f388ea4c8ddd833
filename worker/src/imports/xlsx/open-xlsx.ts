import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError } from '../file-error.js';
import { SharedStrings, readSharedStrings } from './shared-strings.js';
import { sheetRows, type SheetRow } from './sheet-rows.js';
import { SAVE_AS, findWorkbookParts } from './workbook-parts.js';
import { openZip } from './zip-package.js';

/** Worksheet XML bytes per row of a user list, at the low end (measured: see README). */
const SHEET_BYTES_PER_ROW = 300;

export interface XlsxSheet {
  header: string[];
  rows: AsyncGenerator<SheetRow>;
  /** A generous guess at the row count, from the worksheet's size. */
  estimatedRows: number;
  /** How much of the worksheet has been read, 0 to 1 (for progress). */
  fractionRead(): number;
  /** Closes the zip and removes the shared-string file. */
  close(): Promise<void>;
}

/** Errors of a damaged package or malformed XML, in words for the person who uploaded it. */
function damaged(error: unknown): Error {
  if (error instanceof FileError) return error;
  return new FileError('INVALID_FILE', `This Excel workbook could not be read (it may be damaged or cut short). Open it in Excel and save it again, or ${SAVE_AS.charAt(0).toLowerCase()}${SAVE_AS.slice(1)}`);
}

/**
 * Opens the first worksheet of an .xlsx file on disk: shared strings first (into a table that
 * spills to a file beside it), then the sheet's rows, streamed. The first non-blank row is the
 * header, as in a CSV file.
 */
export async function openXlsx(path: string): Promise<XlsxSheet> {
  const scratch = await mkdtemp(join(tmpdir(), 'muster-xlsx-'));
  const strings = new SharedStrings(join(scratch, 'shared-strings.bin'));
  let zip: Awaited<ReturnType<typeof openZip>> | undefined;
  const close = async () => {
    zip?.close();
    strings.close();
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    zip = await openZip(path);
    const parts = await findWorkbookParts(zip);
    if (parts.sharedStrings && zip.has(parts.sharedStrings)) await readSharedStrings(await zip.open(parts.sharedStrings), strings);
    else strings.finish();
    const sheetStream = await zip.open(parts.sheet);
    let read = 0;
    sheetStream.on('data', (chunk: Buffer) => (read += chunk.length));
    const total = Math.max(1, zip.size(parts.sheet));
    const batches = sheetRows(sheetStream, { ...parts, sharedString: (i) => strings.get(i) });

    async function* rows(): AsyncGenerator<SheetRow> {
      try {
        for await (const batch of batches) yield* batch;
      } catch (error) {
        throw damaged(error);
      }
    }
    const all = rows();
    const first = await all.next();
    if (first.done) throw new FileError('INVALID_FILE', 'The first worksheet is empty. Put the header row in row 1 and one person per row below it.');
    return {
      header: first.value.cells,
      rows: all,
      estimatedRows: total / SHEET_BYTES_PER_ROW,
      fractionRead: () => Math.min(1, read / total),
      close,
    };
  } catch (error) {
    await close();
    throw damaged(error);
  }
}
