import { expect } from 'chai';
import { guessSingleByteEncoding } from '../../../worker/src/imports/single-byte-encoding.js';
import { encodeText } from '../../fixtures/spreadsheet-exports.js';

/** Names as they appear in user lists, each with characters both encodings have. */
const NAMES = [
  'José,García', 'Zoë,Brontë', 'François,Müller', 'Siobhán,Ó Briain', 'Núñez,Ibáñez', 'Jürgen,Groß',
  'Ångström,Åsa', 'Émile,Zola', 'Björk,Guðmundsdóttir'.replace('ð', 'd'), 'Renée,Lefèvre', 'Çelik,Ayşe'.replace('ş', 's'),
  'Anaïs,Nin', 'Mª José,Pérez', 'Søren,Kierkegaard', 'André,Gonçalves', 'Frédéric,Chopin', 'Chloé,Dubois',
  'Raúl,Martín', 'Inês,Conceição', 'Ólafur,Arnalds', 'MÜLLER,JÖRG', 'Zoë,O’Brien',
];

describe('guessSingleByteEncoding', () => {
  for (const name of NAMES) {
    it(`tells Mac Roman from Windows-1252 for "${name}" alone`, () => {
      const line = `${name},user@example.com,User\n`;
      expect(guessSingleByteEncoding(encodeText(line, 'macintosh')), 'Mac Roman').to.equal('macintosh');
      expect(guessSingleByteEncoding(encodeText(line, 'windows-1252')), 'Windows-1252').to.equal('windows-1252');
    });
  }

  it('keeps Windows-1252 for curly quotes, dashes and the euro sign', () => {
    const text = 'Ada,O’Brien,“Senior” – Team €\n';
    expect(guessSingleByteEncoding(encodeText(text, 'windows-1252'))).to.equal('windows-1252');
  });
});
