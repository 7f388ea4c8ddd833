import { expect } from 'chai';
import { Readable } from 'node:stream';
import { detectDelimiter, openCsv } from '../../../worker/src/imports/read-csv.js';
import { FileError } from '../../../worker/src/imports/file-error.js';

async function readAll(bytes: Buffer | string, chunk = 7) {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  // Small chunks, so characters and BOMs are split across chunk boundaries.
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  const file = await openCsv(Readable.from(parts));
  const rows = [];
  for await (const row of file.rows) rows.push(row);
  return { header: file.header, rows, encoding: file.encoding, delimiter: file.delimiter };
}

describe('openCsv', () => {
  it('detects the delimiter from the header row, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c')).to.equal(',');
    expect(detectDelimiter('a;b;c')).to.equal(';');
    expect(detectDelimiter('a\tb\tc')).to.equal('\t');
    expect(detectDelimiter('"a;b;c",d')).to.equal(',');
  });

  it('numbers rows as a spreadsheet does, skipping blank lines but counting them', async () => {
    const { rows } = await readAll('h1,h2\n\nA,B\r\n,\n"C\nD",E\n');
    expect(rows).to.deep.equal([
      { rowNumber: 3, cells: ['A', 'B'] },
      { rowNumber: 5, cells: ['C\nD', 'E'] },
    ]);
  });

  it('reads Windows-1252 when the first non-ASCII bytes are not UTF-8, even late in the file', async () => {
    const text = `h\n${'x\n'.repeat(5000)}caf\xe9 \x80\n`;
    const { rows, encoding } = await readAll(Buffer.from(text, 'latin1'), 4096);
    expect(encoding).to.equal('windows-1252');
    expect(rows[rows.length - 1]!.cells).to.deep.equal(['café €']);
  });

  it('reads UTF-8 split across chunks', async () => {
    const { rows, encoding } = await readAll('h\nZoë €\n', 1);
    expect(encoding).to.equal('utf-8');
    expect(rows[0]!.cells).to.deep.equal(['Zoë €']);
  });

  const TEMPLATE = 'First Name,Last Name,Email Address,Phone Number,Role';
  const people = (n: number) => Array.from({ length: n }, (_, i) => `P${i},Q,p${i}@example.com,,User`);

  it('reads CR-only line ends (old Mac Excel) as rows, however long the file', async () => {
    const text = [TEMPLATE, ...people(1200)].join('\r') + '\r';
    for (const chunk of [1, 4096]) {
      const { header, rows } = await readAll(text, chunk);
      expect(header).to.deep.equal(TEMPLATE.split(','));
      expect(rows).to.have.length(1200);
      expect(rows[1199]).to.deep.equal({ rowNumber: 1201, cells: ['P1199', 'Q', 'p1199@example.com', '', 'User'] });
    }
  });

  it("honours Excel's sep= line: it names the delimiter, is not the header, and the header stays row 1", async () => {
    for (const [line, eol] of [['sep=;', '\r\n'], ['sep=,', '\n'], ['"sep=;"', '\r'], ['SEP=;;;;', '\r\n']] as const) {
      const d = line.includes(',') ? ',' : ';';
      const text = [line, TEMPLATE.replaceAll(',', d), `Ada${d}Lovelace${d}ada@example.com${d}${d}User`].join(eol);
      const { header, rows, delimiter } = await readAll(text, 1);
      expect(delimiter, line).to.equal(d);
      expect(header, line).to.deep.equal(TEMPLATE.split(','));
      expect(rows, line).to.deep.equal([{ rowNumber: 2, cells: ['Ada', 'Lovelace', 'ada@example.com', '', 'User'] }]);
    }
  });

  it('takes a quote inside an unquoted cell as written, in a 2-row file and in a 5,000-row one', async () => {
    const odd = 'Jim,Height 5\'11",jim@example.com,,User';
    for (const rest of [[], people(5000)]) {
      const { rows } = await readAll([TEMPLATE, odd, ...rest].join('\n'), 4096);
      expect(rows[0]!.cells).to.deep.equal(['Jim', 'Height 5\'11"', 'jim@example.com', '', 'User']);
      expect(rows).to.have.length(1 + rest.length);
    }
  });

  it('still keeps line breaks, delimiters and "" inside quoted cells, split across chunks', async () => {
    const text = `${TEMPLATE}\r\n  "A ""x""\r\nB",C,"a,b",,User\r\n"Z"  ,Y,z@example.com,,User\r\n`;
    for (const chunk of [1, 2, 3, 4096]) {
      const { rows } = await readAll(text, chunk);
      expect(rows).to.deep.equal([
        { rowNumber: 2, cells: ['A "x"\r\nB', 'C', 'a,b', '', 'User'] },
        { rowNumber: 3, cells: ['Z', 'Y', 'z@example.com', '', 'User'] },
      ]);
    }
  });

  it('reads Mac Roman ("CSV (Macintosh)") as Mac Roman, not as Windows-1252', async () => {
    // "José García" and "Zoë Müller" as Mac Excel writes them.
    const bytes = Buffer.concat([Buffer.from(`${TEMPLATE}\rJos`), Buffer.from([0x8e]), Buffer.from(',Garc'), Buffer.from([0x92]), Buffer.from('a,jose@example.com,,User\rZo'), Buffer.from([0x91]), Buffer.from(',M'), Buffer.from([0x9f]), Buffer.from('ller,zoe@example.com,,User\r')]);
    for (const chunk of [1, 4096]) {
      const { rows, encoding } = await readAll(bytes, chunk);
      expect(encoding).to.equal('macintosh');
      expect(rows.map((r) => r.cells.slice(0, 2))).to.deep.equal([['José', 'García'], ['Zoë', 'Müller']]);
    }
  });

  const refused: [string, Buffer | string, RegExp][] = [
    ['an empty file', '', /The file is empty/],
    ['only blank lines', '\n\n\r\n', /The file is empty/],
    ['binary data', Buffer.from([0x68, 0x00, 0x01, 0x02]), /binary data/],
    ['mixed encodings', Buffer.concat([Buffer.from('h\nZoë\n'), Buffer.from([0xe9, 0x0a])]), /mixes text encodings/],
    ['an unclosed quote in a long file', `h\n"open\n${'x,'.repeat(60_000)}`, /Row 2 is longer than 100,000 characters\. A quote \("\) is probably not closed/],
    ['a row with 10,000 cells', `h\n${'x,'.repeat(10_000)}\n`, /Row 2 has more than 1,000 cells/],
  ];
  for (const [what, bytes, message] of refused) {
    it(`refuses ${what} with a clear message`, async () => {
      let error: unknown;
      try {
        await readAll(bytes, 1024);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(FileError);
      expect((error as Error).message).to.match(message);
    });
  }
});
