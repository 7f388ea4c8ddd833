import { columnsNamed } from '@muster/shared/rules/problem-sentence';
import { token } from '../session.ts';
import { h } from '../dom.ts';

/** Splits CSV text into rows (quotes, doubled quotes and line breaks in cells handled). */
export function parseCsv(text: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

const SHOWN = 5;
/** Enough of the log to find the first bad rows without downloading a 150 MB log whole. */
const READ_LINES = 500;

/** The start of the error log as text: read as a stream and stopped once there is enough. */
async function logHead(importId: string): Promise<string | null> {
  const res = await fetch(`/api/v1/imports/${importId}/error-log`, { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok || !res.body) return null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return `${text}${decoder.decode()}\n`; // the last row may have no line break
    const chunk = decoder.decode(value, { stream: true });
    text += chunk;
    lines += chunk.split('\n').length - 1;
    if (lines > READ_LINES) {
      await reader.cancel();
      return text; // parseCsv drops the unfinished last row
    }
  }
}

/** The columns an error text names ("Email Address is not…. Role …."), matched to the header. */
const badColumns = columnsNamed;

/**
 * The first rows with problems, so people see what went wrong without opening Excel: the row
 * number and the reason first (wrapped, never clipped), then the row's cells with the offending
 * ones marked. On a phone each row is a card (styles.css). Shared by the owner's Check and
 * Result steps and the support console.
 *
 * The log has no row-number column; when it holds every row of the file (nothing was imported),
 * a row's place in the log is its place in the file, so the number is shown (otherwise it is not
 * known here, and the column is left out rather than guessed).
 */
export async function badRowsTable(importId: string, fileRows: number): Promise<HTMLElement | null> {
  const text = await logHead(importId);
  if (text === null) return null;
  const [header, ...lines] = parseCsv(text.replace(/^\uFEFF/, ''), READ_LINES);
  const rows = lines.filter((r) => r.length > 1 || r[0]); // not the blank line after the last row
  if (!header || !rows.length) return null;
  const errorAt = header.length - 1;
  const cells = header.slice(0, errorAt);
  const wholeFile = fileRows > 0 && rows.length === fileRows;
  const bad = rows.map((r, i) => ({ cells: r, rowNumber: wholeFile ? i + 2 : null, error: r[errorAt] ?? '' })).filter((r) => r.error).slice(0, SHOWN);
  if (!bad.length) return null;
  const unguard = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, '');
  // Wide files scroll sideways inside this region, which keyboard users can focus to scroll.
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Rows with problems', tabindex: 0 },
    h('table', { class: 'bad-rows' },
      h('caption', {}, 'The first rows with problems'),
      h('thead', {}, h('tr', {},
        wholeFile ? h('th', { scope: 'col' }, 'Row') : null,
        h('th', { scope: 'col' }, 'What to fix'),
        ...cells.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...bad.map((r) => {
        const marked = badColumns(r.error, cells);
        return h('tr', {},
          r.rowNumber === null ? null : h('th', { scope: 'row', class: 'row-number', 'data-label': 'Row' }, String(r.rowNumber)),
          h('td', { class: 'why', 'data-label': 'What to fix' }, r.error),
          ...cells.map((c, i) => {
            const value = unguard(r.cells[i] ?? '');
            return marked.has(i)
              ? h('td', { class: 'bad-cell', 'data-label': c }, h('mark', {}, value || '(blank)'), h('span', { class: 'visually-hidden' }, ' (has a problem)'))
              : h('td', { 'data-label': c }, value);
          }));
      })),
    ),
  );
}
