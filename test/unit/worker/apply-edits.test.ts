import { expect } from 'chai';
import { checkReplacements, checkRowEdits, mergeRowEdits } from '../../../shared/src/rules/row-edits.js';
import { withEdits } from '../../../worker/src/imports/apply-edits.js';
import type { CsvRow } from '../../../worker/src/imports/read-csv.js';

async function* rowsOf(rows: CsvRow[]) {
  yield* rows;
}

describe('corrected imports: edits applied by row number as the rows stream', () => {
  it('changes only the edited cells of the edited rows, padding a short row', async () => {
    const rows = [
      { rowNumber: 2, cells: ['Ada', 'Admin'] },
      { rowNumber: 3, cells: ['Bob', 'User'] },
      { rowNumber: 5, cells: ['Cy'] },
    ];
    const out: CsvRow[] = [];
    for await (const row of withEdits(rowsOf(rows), { 2: { 1: 'Account Owner' }, 5: { 2: 'Night Shift' } })) out.push(row);
    expect(out).to.deep.equal([
      { rowNumber: 2, cells: ['Ada', 'Account Owner'] },
      { rowNumber: 3, cells: ['Bob', 'User'] },
      { rowNumber: 5, cells: ['Cy', '', 'Night Shift'] },
    ]);
    expect(rows[0]!.cells).to.deep.equal(['Ada', 'Admin']);
  });

  it('accepts edits by row number and cell index only', () => {
    expect(checkRowEdits({ 7: { 4: 'User' } })).to.deep.equal({ edits: { 7: { 4: 'User' } } });
    expect(checkRowEdits({ 1: { 4: 'User' } })).to.have.property('problem').that.includes('header is row 1');
    expect(checkRowEdits({ x: {} })).to.have.property('problem');
    expect(checkRowEdits({ 7: { 4: 5 } })).to.have.property('problem').that.includes('cell 4');
    expect(checkRowEdits([])).to.have.property('problem');
  });

  it('applies "apply to all" after the row edits, to exact matches only', async () => {
    const rows = [
      { rowNumber: 2, cells: ['Ada', 'Admin'] },
      { rowNumber: 3, cells: ['Bob', 'Admin'] },
      { rowNumber: 4, cells: ['Cy', 'Admin '] },
      { rowNumber: 5, cells: ['Di', 'User'] },
    ];
    const out: CsvRow[] = [];
    // Row 3 was fixed by hand to "Manager"; row 5 was edited to "Admin" and so is replaced too.
    const replacements = [{ cell: 1, from: 'Admin', to: 'Account Owner' }];
    for await (const row of withEdits(rowsOf(rows), { 3: { 1: 'Manager' }, 5: { 1: 'Admin' } }, replacements)) out.push(row);
    expect(out.map((r) => r.cells[1])).to.deep.equal(['Account Owner', 'Manager', 'Admin ', 'Account Owner']);
  });

  it('checks replacements and merges edits cell by cell, later wins', () => {
    expect(checkReplacements([{ cell: 4, from: 'Admin', to: 'User' }])).to.deep.equal({ replacements: [{ cell: 4, from: 'Admin', to: 'User' }] });
    expect(checkReplacements([{ cell: 4, from: '', to: 'User' }])).to.have.property('problem').that.includes('edit the rows');
    expect(checkReplacements([{ cell: -1, from: 'a', to: 'b' }])).to.have.property('problem');
    expect(checkReplacements({})).to.have.property('problem');
    expect(mergeRowEdits({ 2: { 1: 'a', 2: 'b' } }, { 2: { 2: 'c' }, 3: { 0: 'd' } })).to.deep.equal({ 2: { 1: 'a', 2: 'c' }, 3: { 0: 'd' } });
  });
});
