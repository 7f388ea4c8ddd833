import { expect } from 'chai';
import { EmailIndex } from '../../../worker/src/imports/email-index.js';

describe('EmailIndex (duplicate emails in one file)', () => {
  it('returns the first row an email appeared on, and keeps that first row', () => {
    const index = new EmailIndex();
    expect(index.firstRowOr('ada@example.com', 2)).to.equal(undefined);
    expect(index.firstRowOr('bob@example.com', 3)).to.equal(undefined);
    expect(index.firstRowOr('ada@example.com', 7)).to.equal(2);
    expect(index.firstRowOr('ada@example.com', 9)).to.equal(2);
    expect(index.size).to.equal(2);
  });

  it('tells apart 300,000 different emails, including near-identical ones, across many resizes', () => {
    const index = new EmailIndex(1);
    const emails: string[] = [];
    for (let i = 0; i < 100_000; i++) emails.push(`person.${i}@example.com`, `person.${i}@example.co`, `nosrep.${i}@example.com`);
    emails.forEach((email, i) => expect(index.firstRowOr(email, i + 2), email).to.equal(undefined));
    expect(index.size).to.equal(emails.length);
    // Every one is still found, with its own row, after the table has grown.
    for (const i of [0, 1, 2, 299_997, 123_456]) expect(index.firstRowOr(emails[i]!, 1_000_000)).to.equal(i + 2);
  });

  it('treats emails that differ only in one character or in length as different', () => {
    const index = new EmailIndex();
    expect(index.firstRowOr('a@b.co', 2)).to.equal(undefined);
    expect(index.firstRowOr('a@b.com', 3)).to.equal(undefined);
    expect(index.firstRowOr('b@a.co', 4)).to.equal(undefined);
    expect(index.firstRowOr('a@b.co', 5)).to.equal(2);
  });
});
