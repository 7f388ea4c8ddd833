/**
 * The row each email first appeared on, for finding people listed twice in one file, in about 12
 * bytes per email instead of the ~100 a Map<string, number> entry costs (and with no objects for
 * the garbage collector to trace): a 1,000,000-row file needs ~25 MB here, ~100 MB in a Map.
 *
 * Emails are kept as 64-bit fingerprints (two independent 32-bit hashes), not as text. Two
 * different emails share a fingerprint with odds of about 1 in 37 million for a whole
 * 1,000,000-row file (n^2 / 2^65); the cost would be one row reported as a duplicate of the row it
 * names, which the person can see in the error log.
 */
export class EmailIndex {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** The row number, or 0 for an empty slot (row numbers start at 2: row 1 is the header). */
  private rows: Int32Array;
  private count = 0;

  /**
   * @param expectedEmails sized for this many up front when known: growing holds the old and the
   * new table at once, which at a million rows is the pass's largest single allocation.
   */
  constructor(expectedEmails = 10_000) {
    let slots = 1 << 10;
    while (slots * 0.7 < expectedEmails) slots *= 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.rows = new Int32Array(slots);
  }

  get size(): number {
    return this.count;
  }

  /** Records the email's row if it is new; returns the earlier row if the email was seen before. */
  firstRowOr(email: string, rowNumber: number): number | undefined {
    if (rowNumber < 1) throw new RangeError('row numbers start at 1');
    fingerprint(email);
    const h = fpHi;
    const l = fpLo;
    const mask = this.rows.length - 1;
    for (let slot = (h ^ l) & mask; ; slot = (slot + 1) & mask) {
      const row = this.rows[slot]!;
      if (row === 0) {
        this.hi[slot] = h;
        this.lo[slot] = l;
        this.rows[slot] = rowNumber;
        if (++this.count * 10 > this.rows.length * 7) this.grow();
        return undefined;
      }
      if (this.hi[slot] === h && this.lo[slot] === l) return row;
    }
  }

  private grow() {
    const { hi, lo, rows } = this;
    const size = rows.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.rows = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let slot = (hi[i]! ^ lo[i]!) & mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & mask;
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}

// The fingerprint of the last email hashed (two numbers, without allocating a pair per row).
let fpHi = 0;
let fpLo = 0;

/** Final mix (MurmurHash3's fmix32): every input bit affects every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a and a Murmur-style multiply-rotate hash of the UTF-16 code units: independent 32 bits each. */
function fingerprint(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  fpHi = mix(a ^ text.length);
  fpLo = mix(b ^ text.length);
}
