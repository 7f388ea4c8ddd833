import { TextDecoder } from 'node:util';

/** The two single-byte encodings Excel writes a "CSV" in: Windows' and old Mac's ("CSV (Macintosh)"). */
export type SingleByteEncoding = 'windows-1252' | 'macintosh';

const decoders = {
  'windows-1252': new TextDecoder('windows-1252'),
  macintosh: new TextDecoder('macintosh'),
} as const;

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const APOSTROPHE = /['\u2018\u2019]/;
const OPENING_QUOTE = /[\u2018\u201c\u00ab]/;
const CLOSING_QUOTE = /[\u2019\u201d\u00bb]/;
/** Letters that are no evidence either way: the ligature œ and the florin ƒ are rare in names. */
const NO_EVIDENCE = /[\u0153\u0152\u0192]/;
/** What Windows-1252 leaves unmapped (0x81, 0x8D, 0x8F, 0x90, 0x9D): never in a real file. */
const UNMAPPED = /[\u0080-\u009f]/;

const isLetter = (ch: string | undefined) => ch !== undefined && LETTER.test(ch);

/**
 * How plausible the character at `i` is in a list of names, from its neighbours: an accented
 * small letter after another letter (José); a capital at the start of a word or among capitals
 * (Émile, MÜLLER); an apostrophe as in O'Brien; quote marks on the right side of a word; a dash, a euro
 * sign or other symbol standing alone. A capital or a symbol inside a word, or a control
 * character, is a sign of the wrong encoding.
 */
function plausibility(text: string, i: number): number {
  const ch = text[i]!;
  const before = text[i - 1];
  const after = text[i + 1];
  if (UNMAPPED.test(ch)) return -2;
  if (NO_EVIDENCE.test(ch)) return 0;
  if (LOWER.test(ch)) return isLetter(before) ? 1 : 0;
  if (UPPER.test(ch)) {
    if (!isLetter(before)) return 1;
    return UPPER.test(before!) && !(after !== undefined && LOWER.test(after)) ? 1 : -1;
  }
  if (isLetter(ch)) return 1;
  if (isLetter(before) && isLetter(after)) {
    // O'Brien, D'Angelo, N'Golo: one letter before it or a capital after it.
    const oneLetterBefore = !isLetter(text[i - 2]);
    return APOSTROPHE.test(ch) && (oneLetterBefore || UPPER.test(after!)) ? 1 : APOSTROPHE.test(ch) ? 0 : -1;
  }
  // “Opening quotes before a word, closing quotes” after one.
  if (isLetter(after)) return OPENING_QUOTE.test(ch) ? 1 : 0;
  if (isLetter(before)) return CLOSING_QUOTE.test(ch) ? 1 : 0;
  return 1;
}

function score(sample: Buffer, encoding: SingleByteEncoding): number {
  // Both encodings are one character per byte, so text index i is byte i.
  // `stream: true` on purpose: Node 20's one-shot windows-1252 decode takes a Latin-1 shortcut
  // that turns 0x80-0x9F into control characters (a single-byte decoder keeps no state anyway).
  const text = decoders[encoding].decode(sample, { stream: true });
  let total = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i]! >= 0x80) total += plausibility(text, i);
  return total;
}

/**
 * Windows-1252 or Mac Roman, from a sample of a file that is not UTF-8. The two share ASCII and
 * differ in every other byte: "José García" saved by Mac Excel is bytes that Windows-1252 reads as
 * "JosŽ Garc’a" (a capital inside a word, a quote between letters), while Windows' "José" read as
 * Mac Roman is "JosÈ". The reading whose accented characters sit where names put them wins; a tie
 * stays Windows-1252, by far the more common.
 */
export function guessSingleByteEncoding(sample: Buffer): SingleByteEncoding {
  return score(sample, 'macintosh') > score(sample, 'windows-1252') ? 'macintosh' : 'windows-1252';
}
