import {
  COLUMN_LABELS,
  IGNORED_HEADERS,
  columnForHeader,
  normaliseHeader,
  requiredColumns,
  type ColumnKey,
} from '../imports/columns.js';
import type { ModuleId } from './user-values.js';
import type { HeaderMap } from './row-header.js';
import { FileError } from './file-error.js';


const MAX_HEADER_CELLS = 200;
const quoteList = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** Matches the header row to our columns, or fails the file with a message that says how to fix it. */
export function mapHeader(header: string[], modules: readonly ModuleId[]): HeaderMap {
  let width = header.length;
  while (width > 0 && header[width - 1]!.trim() === '') width--;
  if (width > MAX_HEADER_CELLS) {
    throw new FileError('INVALID_FILE', `The header row has ${width} columns; a user list has at most ${MAX_HEADER_CELLS}. Check that the first row is the template's header row.`);
  }
  const index: Partial<Record<ColumnKey, number>> = {};
  const labels = { ...COLUMN_LABELS };
  const unknown: string[] = [];
  const keptIndexes: number[] = [];
  let fromErrorLog = false;
  for (let i = 0; i < width; i++) {
    const text = header[i]!.trim();
    if (text === '') {
      throw new FileError('INVALID_FILE', `Column ${i + 1} of the header row has no name. Give every column a name from the template, or delete the empty column.`);
    }
    if (IGNORED_HEADERS.has(normaliseHeader(text))) {
      fromErrorLog ||= normaliseHeader(text) === 'error';
      continue;
    }
    keptIndexes.push(i);
    const key = columnForHeader(text);
    if (!key) {
      unknown.push(text);
      continue;
    }
    if (index[key] !== undefined) {
      throw new FileError('INVALID_FILE', `The header row has "${labels[key]}" twice (columns ${index[key]! + 1} and ${i + 1}). Delete one of them.`);
    }
    index[key] = i;
    labels[key] = text;
  }
  const missing = requiredColumns(modules).filter((key) => index[key] === undefined);
  if (missing.length) {
    const names = missing.map((key) => COLUMN_LABELS[key]);
    const found = keptIndexes.length === 0 || Object.keys(index).length === 0;
    throw new FileError(
      'MISSING_COLUMNS',
      `The file is missing ${names.length === 1 ? 'the column' : 'these columns'}: ${names.join(', ')}. ` +
        (found
          ? 'Check that the first row is the header row from the template.'
          : 'Download the template to see every column your account needs.'),
    );
  }
  const warnings = unknown.length
    ? [`These columns are not used and were ignored: ${quoteList(unknown)}.`]
    : [];
  const notBought = (['lone_working', 'events', 'incidents', 'audits'] as const).filter(
    (m) => index[m] !== undefined && !modules.includes(m),
  );
  if (notBought.length) {
    warnings.push(`Your account does not have ${notBought.map((m) => COLUMN_LABELS[m]).join(', ')}: rows must leave ${notBought.length === 1 ? 'that column' : 'those columns'} blank or False.`);
  }
  return { index, labels, width, keptIndexes, fromErrorLog, warnings };
}
