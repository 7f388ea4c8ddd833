import type { Readable } from 'node:stream';
import { cellText, type CellType, type WorkbookFormatting } from './cell-text.js';
import { FileError } from '../file-error.js';
import { parseXmlStream } from './xml-events.js';

/** Excel's own limit is 32,767 characters a cell; a longer one is not a user list. */
export const MAX_CELL_CHARS = 100_000;
const MAX_COLUMNS = 16_384;

export interface SheetRow {
  /** The row number Excel shows (the `r` attribute), so messages match what people see. */
  rowNumber: number;
  /** Cell texts from column A on; gaps are '', trailing empty cells are left off. */
  cells: string[];
}

export interface SheetContext extends WorkbookFormatting {
  styleFormats: readonly string[];
  sharedString(index: number): string | undefined;
}

/** Column index (A = 0) of a cell reference such as "AB12". */
export function columnIndex(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
  }
  return column - 1;
}

/**
 * Streams a worksheet's rows as text cells. Only `<sheetData>` is read: hidden rows are rows like
 * any other (people hide rows to tidy the view, not to leave people out), a merged area's value is
 * in its top-left cell and the others are empty, and rows with no cells are skipped as blank.
 */
export async function* sheetRows(stream: Readable, context: SheetContext): AsyncGenerator<SheetRow[]> {
  let ready: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let column = 0;
  let type: CellType = 'n';
  let style = 0;
  let value = '';
  let capture: 'v' | 't' | undefined;
  let inInline = false;
  let inPhonetic = false;

  const endCell = () => {
    let text: string;
    if (type === 's') text = context.sharedString(Number(value)) ?? '';
    else text = cellText(type, value, context.styleFormats[style] ?? 'General', context);
    while (cells.length < column) cells.push('');
    cells[column] = text;
  };

  const events = parseXmlStream(stream, {
    open(name, a) {
      switch (name) {
        case 'row':
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          cells = [];
          break;
        case 'c':
          column = a.r ? columnIndex(a.r) : cells.length;
          // Excel's last column is XFD (16,384): more cells than that is not a worksheet Excel wrote.
          if (column >= MAX_COLUMNS) throw new FileError('INVALID_FILE', `Row ${rowNumber} has more than ${MAX_COLUMNS.toLocaleString('en-GB')} cells. Check that it is a user list in the template's layout.`);
          type = (a.t ?? 'n') as CellType;
          style = a.s ? Number(a.s) : 0;
          value = '';
          break;
        case 'v':
          capture = 'v';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inInline && !inPhonetic) capture = 't';
          break;
      }
    },
    text(text) {
      if (!capture) return;
      value += text;
      if (value.length > MAX_CELL_CHARS) {
        throw new FileError('INVALID_FILE', `Row ${rowNumber} has a cell longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters. Check that it is a user list in the template's layout.`);
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          capture = undefined;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          endCell();
          break;
        case 'row': {
          let width = cells.length;
          while (width > 0 && cells[width - 1]!.trim() === '') width--;
          cells.length = width;
          if (width > 0) ready.push({ rowNumber, cells });
          break;
        }
      }
    },
  });
  for await (const _ of events) {
    if (ready.length === 0) continue;
    yield ready;
    ready = [];
  }
}
