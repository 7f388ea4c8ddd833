import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { openCsv } from '../../../worker/src/imports/read-csv.js';
import { EXPORT_HEADER, EXPORT_PEOPLE, EXPORT_SHAPES, exportFile } from '../../fixtures/spreadsheet-exports.js';

/** Reads a whole file through the worker's reader, `chunk` bytes at a time (0: in one piece). */
async function read(bytes: Buffer, chunk: number) {
  const parts: Buffer[] = [];
  if (chunk === 0) parts.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const file = await openCsv(Readable.from(parts));
  const rows: string[][] = [];
  for await (const row of file.rows) rows.push(row.cells);
  return { header: file.header, rows, encoding: file.encoding };
}

const spectrum = join(dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json')), 'csvs');

/**
 * The corpus's expected values. One case has two errata in the corpus itself (csv-spectrum 2.0.0):
 * location_coordinates.json is one object rather than a list, and its phone number is not the one
 * in the CSV. That case is also the bare-quote one (37°36'37.8"N in an unquoted cell).
 */
function expectedValues(name: string): Record<string, string>[] {
  const json = JSON.parse(readFileSync(join(spectrum, '..', 'json', name.replace(/\.csv$/, '.json')), 'utf8')) as Record<string, string> | Record<string, string>[];
  const list = Array.isArray(json) ? json : [json];
  if (name === 'location_coordinates.csv') list[0]!['Contact Phone Number'] = '2095257564';
  return list;
}

describe('the csv-spectrum corpus through the worker reader', () => {
  const names = readdirSync(spectrum).filter((f) => f.endsWith('.csv'));
  it('has every case of the corpus', () => expect(names).to.have.length.greaterThanOrEqual(12));
  for (const name of names) {
    for (const chunk of [0, 1]) {
      it(`reads ${name} ${chunk ? 'in 1-byte chunks' : 'whole'} with the expected values`, async () => {
        const expected = expectedValues(name);
        const { header, rows } = await read(readFileSync(join(spectrum, name)), chunk);
        const objects = rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
        expect(objects).to.deep.equal(expected);
      });
    }
  }
});

describe('files as spreadsheet programs export them, through the worker reader', () => {
  for (const shape of Object.keys(EXPORT_SHAPES)) {
    for (const chunk of [0, 1]) {
      it(`reads ${shape} ${chunk ? 'in 1-byte chunks' : 'whole'}`, async () => {
        const { header, rows } = await read(exportFile(shape), chunk);
        expect(header.map((h) => h.trim()).filter(Boolean)).to.deep.equal(EXPORT_HEADER);
        // Trailing empty cells are the header's business (mapHeader ignores them); here the values.
        expect(rows.map((cells) => cells.slice(0, EXPORT_HEADER.length))).to.deep.equal(EXPORT_PEOPLE);
        for (const cells of rows) expect(cells.slice(EXPORT_HEADER.length).join('')).to.equal('');
      });
    }
  }

  it('detects each encoding as the program wrote it', async () => {
    const encodings = await Promise.all(Object.keys(EXPORT_SHAPES).map(async (shape) => [shape, (await read(exportFile(shape), 0)).encoding]));
    expect(Object.fromEntries(encodings)).to.deep.include({
      'Excel (Windows): CSV (Comma delimited), Windows-1252': 'windows-1252',
      'Excel (Windows): Unicode Text, UTF-16LE with tabs': 'utf-16le',
      'Excel (Mac): CSV (Macintosh), Mac Roman with CR line ends': 'macintosh',
      'Google Sheets: Download > Comma-separated values': 'utf-8',
    });
  });
});
