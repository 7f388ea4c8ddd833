import { Readable, pipeline } from 'node:stream';
import { parse } from 'fast-csv';
import { FileError } from './file-error.js';
import { TextDecodeStream, type DetectedEncoding } from './decode-text.js';
import { DEFAULT_RECORD_LIMITS, RecordGuard, type RecordLimits } from './record-guard.js';

export interface CsvRow {
  /** The row number a spreadsheet shows: the header is row 1, blank lines count. */
  rowNumber: number;
  cells: string[];
}

export interface CsvFile {
  header: string[];
  delimiter: string;
  encoding: DetectedEncoding;
  rows: AsyncGenerator<CsvRow>;
  /** Bytes of the file read so far (for progress before the row count is known). */
  bytesRead(): number;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most outside quotes in the header line; comma when there is no sign. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

const LINE_END = /[\r\n]/;

/**
 * The delimiter an Excel `sep=;` first line names, or undefined when the line is not one. Excel
 * writes it (and reads it) to say which delimiter the file uses; it is not the header row, and
 * Excel hides it, so the header stays row 1.
 */
export function excelSeparatorLine(line: string): string | undefined {
  // Programs that re-save such a file may pad the line with delimiters: `sep=;;;;`.
  const match = /^"?sep=([^\r\n"])"?(?:\1|\s)*$/i.exec(line);
  return match?.[1];
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Streams a CSV file: bytes -> text (encoding detected) -> records, one row at a time. Nothing
 * holds more than a record and the streams' buffers, whatever the file size.
 */
export async function openCsv(source: Readable, limits: RecordLimits = DEFAULT_RECORD_LIMITS): Promise<CsvFile> {
  let bytes = 0;
  source.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const decoder = new TextDecodeStream();
  const text = pipeline(source, decoder, () => undefined);
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<string>;

  // Read just enough to see the first line (to its line end and one character past it, so a CRLF
  // is not cut in two), then pick the delimiter.
  let head = '';
  for (;;) {
    const end = head.search(LINE_END);
    if ((end !== -1 && end + 1 < head.length) || head.length >= limits.maxRecordChars) break;
    const next = await chunks.next();
    if (next.done) break;
    head += next.value;
  }
  const firstLineEnd = head.search(LINE_END);
  const firstLine = firstLineEnd === -1 ? head : head.slice(0, firstLineEnd);
  const sep = excelSeparatorLine(firstLine);
  if (sep) head = head.slice(firstLine.length).replace(/^(\r\n|\r|\n)/, '');
  const delimiter = sep ?? detectDelimiter(firstLine);
  async function* remaining() {
    if (head) yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const parser = parse({ delimiter, headers: false, ignoreEmpty: false, quote: '"', escape: '"' });
  const records = pipeline(Readable.from(remaining()), new RecordGuard(delimiter, limits), parser, () => undefined);
  const iterator = records[Symbol.asyncIterator]() as AsyncIterator<string[]>;

  let rowNumber = 0;
  const nextRecord = async (): Promise<string[] | undefined> => {
    try {
      const next = await iterator.next();
      rowNumber++;
      return next.done ? undefined : next.value;
    } catch (error) {
      if (error instanceof FileError) throw error;
      throw new FileError('INVALID_FILE', `The file could not be read as CSV near row ${rowNumber + 1}: ${(error as Error).message}`);
    }
  };

  let header = await nextRecord();
  while (header && isBlank(header)) header = await nextRecord();
  if (!header) throw new FileError('INVALID_FILE', 'The file is empty. Download the template, add your people below the header row and upload it again.');

  async function* rows(): AsyncGenerator<CsvRow> {
    for (;;) {
      const cells = await nextRecord();
      if (!cells) return;
      if (!isBlank(cells)) yield { rowNumber, cells };
    }
  }
  return { header, delimiter, encoding: decoder.encoding ?? 'utf-8', rows: rows(), bytesRead: () => bytes };
}
