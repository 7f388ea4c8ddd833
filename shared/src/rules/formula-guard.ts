/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with = + - or @ as a formula, and
 * it skips leading blanks and reads full-width signs (＝ ＋ － ＠) the same way. So a cell is
 * judged after Unicode compatibility normalisation (NFKC: full-width signs and no-break spaces
 * become their plain forms) and after leading whitespace; a cell starting with a tab or carriage
 * return is guarded too, as OWASP advises.
 */
const LEADING_BLANKS = /^[ \t\r\n\u00A0]+/;
const FORMULA_SIGN = /^[=+\-@]/;

/** Whether a spreadsheet could take this cell for a formula. */
export function startsLikeFormula(value: string): boolean {
  if (/^[\t\r]/.test(value)) return true;
  return FORMULA_SIGN.test(value.normalize('NFKC').replace(LEADING_BLANKS, ''));
}

/** The cell as the error log writes it: a leading ' makes a spreadsheet show it as text. */
export const guardFormula = (value: string) => (startsLikeFormula(value) ? `'${value}` : value);

/**
 * The cell as the user meant it, for a file that is one of our error logs uploaded again: the '
 * our log added is taken off. Only what guardFormula would have added is removed.
 */
export const unguardFormula = (value: string) => (value.startsWith("'") && startsLikeFormula(value.slice(1)) ? value.slice(1) : value);
