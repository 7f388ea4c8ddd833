import { expect } from 'chai';
import { parsePhone } from '../../../shared/src/rules/phone-rule.js';
import { mapHeader } from '../../../worker/src/imports/header-map.js';
import { checkRow, type AccountContext } from '../../../shared/src/rules/row-rules.js';
import { problemSentence } from '../../../shared/src/rules/problem-sentence.js';
import { FileError } from '../../../worker/src/imports/file-error.js';

const account: AccountContext = { modules: [], defaultCountry: 'GB', teams: new Map() };
const header = mapHeader(['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role'], []);
const problemsOf = (cells: string[]) => checkRow(cells, header, account).problems.map((p) => problemSentence(p.column, p.message));

describe('hostile cells', () => {
  it('refuses phones of letters, 1,000 digits or only +, and accepts only spaces as blank', () => {
    expect(parsePhone('abc', 'GB')).to.deep.include({ ok: false });
    expect(parsePhone('1'.repeat(1000), 'GB')).to.deep.include({ ok: false, message: 'is too long to be a phone number; enter one number only' });
    expect(parsePhone('+', 'GB')).to.deep.include({ ok: false });
    expect(problemsOf(['Ada', 'L', 'ada@example.com', '   ', 'User'])).to.deep.equal([]);
  });

  it('refuses emails with Unicode, spaces or 300 characters', () => {
    for (const email of ['zoë@example.com', 'ada lovelace@example.com', `${'a'.repeat(290)}@example.com`]) {
      expect(problemsOf(['Ada', 'L', email, '', 'User']), email).to.have.length(1);
    }
  });

  it('refuses names with control, zero-width or direction-changing characters', () => {
    for (const name of ['A\u0007da', 'A\u200Bda', 'A\u202Eda', 'A\u00ADda']) {
      expect(problemsOf([name, 'L', 'ada@example.com', '', 'User'])[0]).to.match(/^First Name contains hidden characters/);
    }
  });

  it('refuses a header with an empty name between real ones, but allows trailing empty header cells', () => {
    expect(() => mapHeader(['First Name', '', 'Last Name'], [])).to.throw(FileError, 'Column 2 of the header row has no name.');
    expect(mapHeader(['First Name', 'Last Name', 'Email', 'Role', '', ''], []).width).to.equal(4);
  });

  it('ignores columns named after internal fields, with a warning', () => {
    const h = mapHeader(['First Name', 'Last Name', 'Email', 'Role', 'accountId', '_id', 'importId', 'createdBy'], []);
    expect(h.warnings).to.deep.equal(['These columns are not used and were ignored: "accountId", "_id", "importId", "createdBy".']);
    const result = checkRow(['Ada', 'L', 'ada@example.com', 'User', 'x', 'y', 'z', 'w'], h, account);
    expect(Object.keys(result.fields!).sort()).to.deep.equal(['email', 'emailLower', 'firstName', 'lastName', 'modules', 'role']);
  });
});
