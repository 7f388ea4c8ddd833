import { expect } from 'chai';
import { checkRow, cellValue, type AccountContext } from '../../../shared/src/rules/row-rules.js';
import { problemsText } from '../../../shared/src/rules/problem-sentence.js';
import { mapHeader } from '../../../worker/src/imports/header-map.js';
import { csvCell } from '../../../worker/src/imports/error-log.js';
import { guardFormula } from '../../../shared/src/rules/formula-guard.js';
import { closestTeamName } from '../../../shared/src/rules/team-match.js';

const account: AccountContext = {
  modules: ['lone_working'],
  defaultCountry: 'GB',
  teams: new Map([['night shift', { id: '64b000000000000000000001', name: 'Night Shift' }]]),
};
const header = mapHeader(['First Name', 'Last Name', 'Email', 'Mobile', 'Role', 'Teams', 'Lone Working'], account.modules);
const check = (cells: string[]) => checkRow(cells, header, account);

describe('row rules', () => {
  it('normalises a good row: trimmed names, E.164 phone, role, teams, module flags', () => {
    const result = check([' Ada ', 'Lovelace', ' Ada@Example.com ', '07911 123456', 'account owner', 'night SHIFT', 'yes']);
    expect(result.problems).to.deep.equal([]);
    expect(result.fields).to.deep.equal({
      firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', emailLower: 'ada@example.com',
      phone: '+447911123456', role: 'account_owner', teamIds: ['64b000000000000000000001'], modules: { loneWorking: true },
    });
  });

  it('names the column as the file does and says what to do', () => {
    const result = check(['Ada', 'Lovelace', 'ada@example.com', 'abc', 'User', '', 'no']);
    expect(problemsText(result.problems)).to.equal('Mobile is not a phone number; use digits, with + and the country code for numbers outside your country.');
  });

  it('marks blank required cells so an update may keep current values', () => {
    const result = check(['', 'Lovelace', 'ada@example.com', '', '', '', '']);
    expect(result.problems.filter((p) => p.blankRequired).map((p) => p.column)).to.deep.equal(['First Name', 'Role', 'Lone Working']);
  });

  it('refuses True for a module the account has not bought', () => {
    const h = mapHeader(['First Name', 'Last Name', 'Email', 'Role', 'Lone Working', 'Audits'], account.modules);
    const result = checkRow(['A', 'B', 'a@example.com', 'User', 'no', 'true'], h, account);
    expect(result.problems.map((p) => p.column)).to.deep.equal(['Audits']);
    expect(h.warnings).to.deep.equal(['Your account does not have Audits: rows must leave that column blank or False.']);
  });

  it('suggests the closest team name for a typo, and none for a stranger', () => {
    expect(closestTeamName('nite shift', ['Night Shift', 'Days'])).to.equal('Night Shift');
    expect(closestTeamName('Warehouse', ['Night Shift', 'Days'])).to.equal(undefined);
  });

  it('takes off the error log\'s formula quote when an error log is uploaded again, and adds it on the way out', () => {
    expect(cellValue(["'=1+2"], 0, true)).to.equal('=1+2');
    expect(cellValue(["'Brien"], 0, true)).to.equal("'Brien");
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}x`).replace(/^"/, '')).to.match(/^'/);
    expect(csvCell('a,"b"')).to.equal('"a,""b"""');
  });

  it('guards cells that start like a formula after leading blanks and Unicode normalisation', () => {
    for (const cell of ['=1+2', ' =1+2', '\u00A0=1+2', '\n=1+2', '\r\n@SUM(A1)', '＝1+2', '＋1', '－1', '＠x', '\u00A0\u00A0＝1', '\tx', '\rx']) {
      expect(guardFormula(cell), JSON.stringify(cell)).to.equal(`'${cell}`);
    }
    for (const cell of ['Ada', "O'Brien", 'a=b', '07911 123456', '']) expect(guardFormula(cell), JSON.stringify(cell)).to.equal(cell);
  });

  it('takes the quote off only in our own error logs: a quote someone put in an ordinary file stays', () => {
    for (const cell of ["'=1+2", "' =1+2", "'＝1+2", "'\u00A0=1"]) {
      expect(cellValue([cell], 0, true), JSON.stringify(cell)).to.equal(cell.slice(1));
      expect(cellValue([cell], 0, false), JSON.stringify(cell)).to.equal(cell);
    }
    expect(mapHeader(['First Name', 'Last Name', 'Email', 'Role', 'error'], []).fromErrorLog).to.equal(true);
    expect(mapHeader(['First Name', 'Last Name', 'Email', 'Role'], []).fromErrorLog).to.equal(false);
  });
});
