import { expect } from 'chai';
import { CheckedShare } from '../../../worker/src/imports/progress.js';

const row = ['Ada', 'Lovelace', 'ada@example.com', '', 'User', '', 'False', 'False', 'False'];
const ROW_BYTES = row.join(',').length + 1;

describe('CheckedShare: the check step percent, in rows counted', () => {
  it('gives rows counted out of the CSV rows estimated from its size, however far the reader has buffered', () => {
    const rows = 10_000;
    const share = new CheckedShare(1, rows * ROW_BYTES);
    for (let i = 0; i < 1000; i++) share.sample(row);
    // 2,000 rows counted; the reader has already pulled 90% of the bytes (a byte share would say 90).
    expect(share.estimatedTotal(3000, 0.9)).to.equal(rows);
    expect(share.percent(2000, 3000, 0.9)).to.equal(20);
  });

  it('holds at 99 until the check ends, and never goes back', () => {
    const share = new CheckedShare(1, 100 * ROW_BYTES);
    for (let i = 0; i < 100; i++) share.sample(row);
    expect(share.percent(50, 60, 1)).to.equal(50);
    // More rows than the estimate: the total is at least the rows read, the percent at most 99.
    expect(share.percent(150, 150, 1)).to.equal(99);
    expect(share.estimatedTotal(150, 1)).to.equal(150);
    const lower = new CheckedShare(1, 100 * ROW_BYTES);
    lower.sample(row);
    expect(lower.percent(40, 40, 0.1)).to.equal(40);
    expect(lower.percent(10, 40, 0.1)).to.equal(40);
  });

  it('uses the first guess before a row is read, and rows over the sheet share read for a workbook', () => {
    expect(new CheckedShare(500).percent(0, 0, 0)).to.equal(0);
    expect(new CheckedShare(500).estimatedTotal(0, 0)).to.equal(500);
    const workbook = new CheckedShare(500);
    workbook.sample(row); // a workbook's cells are not its bytes: not measured
    expect(workbook.estimatedTotal(300, 0.25)).to.equal(1200);
    expect(workbook.percent(240, 300, 0.25)).to.equal(20);
  });
});
