import { expect } from 'chai';
import { columnsNamed, problemSentence, problemsText } from '../../../shared/src/rules/problem-sentence.js';
import { checkRow, type AccountContext } from '../../../shared/src/rules/row-rules.js';
import { mapHeader } from '../../../worker/src/imports/header-map.js';
import { ErrorSummary } from '../../../worker/src/imports/error-summary.js';

const HEADER = ['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role', 'Teams'];
const header = mapHeader(HEADER, []);
const account: AccountContext = { modules: [], defaultCountry: 'GB', teams: new Map([['day shift', { id: 't1', name: 'Day Shift' }]]) };

describe('row problems as sentences', () => {
  it('starts with the column name, ends with a full stop, and calls a whole-row problem "This row"', () => {
    expect(problemSentence('Phone Number', 'is too long for a UK number; check for extra digits')).to.equal('Phone Number is too long for a UK number; check for extra digits.');
    expect(problemSentence('Row', 'has 12 cells but the header has 9 columns')).to.equal('This row has 12 cells but the header has 9 columns.');
    expect(problemSentence('Teams', 'is wrong?')).to.equal('Teams is wrong?');
  });

  it('writes every problem of a checked row, in order, and finds the columns each sentence names', () => {
    const result = checkRow(['', 'Lovelace', 'ada@example', '+44 7911 1234567', 'Boss', 'Day Shift; Nights'], header, account);
    const text = problemsText(result.problems);
    expect(text).to.equal([
      "First Name is required; enter the person's first name.",
      'Email Address is not a valid email address; it should look like name@example.com, with no spaces.',
      'Phone Number is too long for a UK number; check for extra digits.',
      'Role is "Boss", which is not a role; enter User, Manager or Account Owner.',
      'Teams has "Nights", a team that does not exist in your account; create it first, or correct the name.',
    ].join(' '));
    expect([...columnsNamed(text, HEADER)]).to.deep.equal([0, 2, 3, 4, 5]);
    // A column named inside a sentence is not marked: only the subjects are.
    expect([...columnsNamed('Email Address is the same as on row 2; Role comes later.', HEADER)]).to.deep.equal([2]);
  });

  it('keeps each missing team name once in the error summary, the first spelling', () => {
    const summary = new ErrorSummary();
    for (const teams of ['Nights; Day Shift', 'nights, Weekend', 'Weekend']) summary.add(checkRow(['Ada', 'L', 'a@example.com', '', 'User', teams], header, account).problems);
    expect(summary.top()).to.deep.equal([
      { column: 'Teams', message: 'has a team that does not exist in your account; create the team first', count: 3, missingTeams: ['Nights', 'Weekend'] },
    ]);
  });
});
