/**
 * How a row's problems are written for people: one sentence each, the column's name first and a
 * full stop last ("Phone Number is too long for a UK number; check for extra digits."). The rules
 * keep the column and what is wrong apart; this is the one place that joins them, for the error
 * log, the page's tables and the error summary alike. Imports nothing, so the page can use it.
 */

/** The column a problem of the whole row names (see `RowProblem.column`). */
export const WHOLE_ROW = 'Row';

/** What a problem's sentence starts with: the column's name, or "This row". */
export const sentenceSubject = (column: string) => (column === WHOLE_ROW ? 'This row' : column);

/** "Email Address" + "is not a valid email address" -> "Email Address is not a valid email address." */
export function problemSentence(column: string, message: string): string {
  return `${sentenceSubject(column)} ${message}${/[.?!]$/.test(message) ? '' : '.'}`;
}

/** A row's `error` cell in the error log: every problem as a sentence, in order. */
export const problemsText = (problems: readonly { column: string; message: string }[]) =>
  problems.map((p) => problemSentence(p.column, p.message)).join(' ');

/**
 * Which of `header`'s columns an error text names, by index: those a sentence starts with. (The
 * page marks those cells; the text is the error log's, so it is all the page has.)
 */
export function columnsNamed(text: string, header: readonly string[]): Set<number> {
  const lower = text.toLowerCase();
  const sentenceStarts = [0, ...[...lower.matchAll(/[.?!] /g)].map((m) => m.index + 2)];
  const named = (label: string) => label !== '' && sentenceStarts.some((at) => lower.startsWith(`${label} `, at));
  return new Set(header.map((c, i) => (named(c.trim().toLowerCase()) ? i : -1)).filter((i) => i >= 0));
}
