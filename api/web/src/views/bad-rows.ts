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

/** The first few rows of the error log, so people see what went wrong without opening Excel. */
export async function badRowsTable(importId: string): Promise<HTMLElement | null> {
  const res = await fetch(`/api/v1/imports/${importId}/error-log`, { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) return null;
  const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''), 6);
  if (!header || !rows.length) return null;
  const show = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r])/, '');
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'bad-rows' },
      h('caption', {}, 'The first rows with problems'),
      h('thead', {}, h('tr', {}, ...header.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => h('td', { class: i === r.length - 1 ? 'why' : '' }, show(c)))))),
    ),
  );
}
