import { format, isDateFormat } from 'numfmt';

/** Excel's built-in number formats (ECMA-376 18.8.30) that a style may name by id alone. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00',
  12: '# ?/?', 13: '# ??/??',
  // 14 is "the short date of the computer's settings"; our accounts are UK-first.
  14: 'dd/mm/yyyy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'dd/mm/yyyy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  48: '##0.0E+0', 49: '@',
};

/** The format code of a built-in number format id; General for ids we do not know. */
export function builtInFormat(id: number): string {
  return BUILT_IN_FORMATS[id] ?? 'General';
}

/** The `t` attribute of a worksheet cell: what its `<v>` holds. */
export type CellType = 'n' | 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'd';

export interface WorkbookFormatting {
  /** The workbook counts dates from 1904 (old Mac Excel) rather than 1900. */
  date1904: boolean;
}

const MAX_EXACT_INTEGER = 1e15;
const DAYS_1900_TO_1904 = 1462;

/**
 * A number cell as text, the way the person who typed it meant it: what Excel displays for its
 * number format (dates as dates, 50% as 50%, 00000000000 keeps a phone's leading zero). In the
 * General format a whole number is written out in full, where Excel would shorten a long one to
 * 4.47912E+11 in a narrow column: a phone typed as a number must keep every digit.
 */
export function numberText(value: number, formatCode: string, workbook: WorkbookFormatting): string {
  if (!Number.isFinite(value)) return String(value);
  if (/^general$/i.test(formatCode) || formatCode === '@') {
    if (Number.isInteger(value) && Math.abs(value) < MAX_EXACT_INTEGER) return String(value);
    // Excel keeps 15 significant digits: 0.1 + 0.2 shows as 0.3.
    return String(Number(value.toPrecision(15)));
  }
  try {
    // A 1904 workbook's day 0 is 1 January 1904, 1,462 days after the 1900 system's.
    const serial = workbook.date1904 && isDateFormat(formatCode) ? value + DAYS_1900_TO_1904 : value;
    return format(formatCode, serial, { dateErrorNumber: true, locale: 'en-GB' });
  } catch {
    // A format code numfmt cannot read: the number as General rather than no value at all.
    return numberText(value, 'General', workbook);
  }
}

/**
 * The text of one cell from its type and raw value: shared strings are looked up by the caller
 * (type `s` arrives here already as text), booleans read TRUE / FALSE as Excel shows them, error
 * values (#N/A) as written, and a formula by the value Excel cached when it last calculated.
 */
export function cellText(type: CellType, raw: string, formatCode: string, workbook: WorkbookFormatting): string {
  switch (type) {
    case 'b':
      return raw === '1' || raw.toLowerCase() === 'true' ? 'TRUE' : raw === '' ? '' : 'FALSE';
    case 'n': {
      if (raw === '') return '';
      const value = Number(raw);
      return Number.isNaN(value) ? raw : numberText(value, formatCode, workbook);
    }
    default:
      return raw;
  }
}
