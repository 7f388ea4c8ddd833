import { expect } from 'chai';
import { BY_EMAIL_MAX_ROWS_WHEN_UNKNOWN, chooseLookupStrategy } from '../../../worker/src/imports/existing-user-lookup.js';

describe('chooseLookupStrategy (how a pass finds existing users)', () => {
  it('looks a small file up by email in a crowded account, instead of reading the whole account', () => {
    expect(chooseLookupStrategy(10, 300_000)).to.equal('by-email');
    expect(chooseLookupStrategy(20_000, 1_000_000)).to.equal('by-email');
  });

  it('reads the whole account when it is about as large as the file, or empty', () => {
    expect(chooseLookupStrategy(100_000, 100_000)).to.equal('whole-account');
    expect(chooseLookupStrategy(100_000, 150_000)).to.equal('whole-account');
    expect(chooseLookupStrategy(10, 0)).to.equal('whole-account');
  });

  it('with no idea of the account size, looks up by email only files small enough to bound the cost', () => {
    expect(chooseLookupStrategy(BY_EMAIL_MAX_ROWS_WHEN_UNKNOWN, undefined)).to.equal('by-email');
    expect(chooseLookupStrategy(BY_EMAIL_MAX_ROWS_WHEN_UNKNOWN + 1, undefined)).to.equal('whole-account');
  });
});
