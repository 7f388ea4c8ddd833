import { expect } from 'chai';
import { RepeatedValues } from '../../../worker/src/imports/repeated-values.js';

describe('repeated bad values, counted in bounded memory', () => {
  it('lists the most repeated (cell, value) pairs, at least 2 rows each, most first', () => {
    const counter = new RepeatedValues();
    for (let i = 0; i < 5; i++) counter.add(4, 'Role', 'Admin');
    for (let i = 0; i < 3; i++) counter.add(5, 'Teams', 'Nights');
    counter.add(4, 'Role', 'Boss');
    counter.add(4, 'Role', '');
    counter.add(4, 'Role', '');
    expect(counter.top()).to.deep.equal([
      { cell: 4, column: 'Role', value: 'Admin', rows: 5 },
      { cell: 5, column: 'Teams', value: 'Nights', rows: 3 },
    ]);
  });

  it('keeps at most 10,000 pairs among 1,000,000 different values, and still finds the repeated one exactly', () => {
    const counter = new RepeatedValues();
    for (let i = 0; i < 1_000_000; i++) {
      counter.add(2, 'Email Address', `person${i}@@example`);
      if (i % 2000 === 0) counter.add(4, 'Role', 'Admin');
    }
    expect((counter as unknown as { counts: Map<string, unknown> }).counts.size).to.be.at.most(10_000);
    expect(counter.top()).to.deep.equal([{ cell: 4, column: 'Role', value: 'Admin', rows: 500 }]);
  });
});
