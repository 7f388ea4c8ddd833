import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

const row = (over: Partial<Record<string, string>>) => {
  const base: Record<string, string> = {
    'First Name': 'Ada', 'Last Name': 'Lovelace', 'Email Address': 'ada@example.com', 'Phone Number': '07911 123456',
    Role: 'User', Teams: '', 'Lone Working': 'False', Incidents: 'False', Audits: 'False',
  };
  return HEADER.map((h) => over[h] ?? base[h]!);
};

describe('imports: row rules, the error log and re-uploading it', () => {
  const stack = useImportStack();

  it('fails an all-or-nothing import with any bad row, writes nobody, and explains every problem in the error log', async () => {
    const { owner } = await createAccount(stack.api);
    const rows = [
      row({ 'Email Address': 'good@example.com' }),
      row({ 'First Name': '', 'Email Address': 'a1@example.com' }),
      row({ 'Last Name': 'x'.repeat(101), 'Email Address': 'a2@example.com' }),
      row({ 'First Name': 'Zero\u200bWidth', 'Email Address': 'a3@example.com' }),
      row({ 'Email Address': 'not an email' }),
      row({ 'Email Address': 'GOOD@example.com' }),
      row({ 'Email Address': 'a4@example.com', Role: 'Boss' }),
      row({ 'Email Address': 'a5@example.com', 'Lone Working': 'maybe' }),
      row({ 'Email Address': 'a6@example.com', Audits: '' }),
      row({ 'Email Address': 'a7@example.com', 'Phone Number': '+44 7911 1234567890' }),
      row({ 'Email Address': 'a8@example.com', 'Phone Number': 'call me' }),
      row({ 'Email Address': 'a9@example.com', 'Phone Number': '+999 1234 5678' }),
      row({ 'Email Address': 'b1@example.com', 'Phone Number': '079112' }),
      row({ 'Email Address': 'b2@example.com', Teams: 'bulk userz; Nowhere' }),
      row({ 'Email Address': 'b3@example.com', 'First Name': '=HYPERLINK("http://x")', 'Phone Number': '+44 7911 123457' }),
    ];
    const created = await owner.uploadOk(csv([HEADER, ...rows]));
    const failed = await owner.waitFor(created.id, ['failed', 'validated']);
    expect(failed.status).to.equal('failed');
    expect(failed.error!.code).to.equal('VALIDATION_FAILED');
    expect(failed.error!.message).to.equal(
      '13 of 15 rows have problems, so nothing was imported. Download the error log, fix the rows and upload the file again, or choose to import only the valid rows.',
    );
    expect(failed.counts).to.include({ rows: 15, valid: 2, invalid: 13, created: 0, failed: 13 });
    expect(failed.errorLog).to.deep.equal({ available: true, rows: 13 });
    const users = await owner.json<{ items: unknown[] }>('GET', '/api/v1/users');
    expect(users.items).to.have.length(0);

    const log = await owner.errorLog(created.id);
    expect(log.startsWith('\uFEFF')).to.equal(true);
    const lines = log.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).to.equal(`${HEADER.join(',')},error`);
    expect(lines.slice(1)).to.have.length(13);
    const expected = [
      "First Name is required; enter the person's first name.",
      'Last Name is too long (101 characters; at most 100).',
      'First Name contains hidden characters (such as tabs, line breaks or zero-width spaces); retype it.',
      'Email Address is not a valid email address; it should look like name@example.com, with no spaces.',
      'Email Address is the same as on row 2; list each person once.',
      'Role is ""Boss"", which is not a role; enter User, Manager or Account Owner.',
      'Lone Working is ""maybe"", which is not True or False; enter True or False.',
      'Audits is required; enter True or False.',
      'Phone Number is too long for a UK number; check for extra digits.',
      'Phone Number is not a phone number; use digits, with + and the country code for numbers outside your country.',
      'Phone Number starts with a country code that does not exist; check the digits after +.',
      'Phone Number is too short for a UK number; check for missing digits.',
      'Teams has ""bulk userz"" (did you mean ""bulk users""?) and ""Nowhere"", teams that do not exist in your account; create them first, or correct the names.',
    ];
    expected.forEach((message, i) => expect(lines[i + 1], `error log line ${i + 1}`).to.contain(message));
    // The original cells are kept as they were.
    expect(lines[5]).to.match(/^Ada,Lovelace,GOOD@example.com,07911 123456,User,,False,False,False,/);
    expect(failed.errorSummary).to.deep.include({ column: 'Email Address', message: 'appears more than once in the file; list each person once', count: 1 });
    expect(failed.errorSummary).to.deep.include({ column: 'Teams', message: 'has a team that does not exist in your account; create the team first', count: 1, missingTeams: ['bulk userz', 'Nowhere'] });
  });

  it('in partial mode imports the valid rows, logs the rest with formula cells made safe, and a corrected log re-uploads cleanly', async () => {
    const { owner } = await createAccount(stack.api);
    const file = csv([
      HEADER,
      row({ 'Email Address': 'ok@example.com' }),
      row({ 'Email Address': 'f1@example.com', 'First Name': '=1+2', 'Last Name': '@SUM(A1)', Role: '-x', Teams: '+bad', 'Phone Number': '+44 7911 123459' }),
      row({ 'Email Address': 'f2@example.com', 'First Name': '\tTabbed', Role: 'nope' }),
    ]);
    const created = await owner.uploadOk(file, { mode: 'partial', autoStart: 'true' });
    const done = await owner.waitFor(created.id, ['completed_with_errors', 'failed', 'completed']);
    expect(done.status).to.equal('completed_with_errors');
    expect(done.counts).to.include({ rows: 3, valid: 1, invalid: 2, created: 1, failed: 2 });
    const log = await owner.errorLog(created.id);
    const lines = log.slice(1).split('\r\n').filter(Boolean);
    expect(lines[1]).to.match(/^'=1\+2,'@SUM\(A1\),f1@example\.com,'\+44 7911 123459,'-x,'\+bad,False,False,False,"/);
    expect(lines[2]).to.match(/^'\tTabbed,Lovelace,f2@example.com/);

    // The owner fixes the error log in place (keeping our quotes) and uploads it again.
    const fixed = log
      .replace("'=1+2,'@SUM(A1)", 'Fred,Sums')
      .replace("'-x,'+bad", 'User,bulk users')
      .replace('nope', 'Manager');
    const again = await owner.uploadOk(fixed, { autoStart: 'true' });
    const ok = await owner.waitFor(again.id, ['completed', 'failed', 'completed_with_errors']);
    expect(ok.status, JSON.stringify(ok.error)).to.equal('completed');
    expect(ok.counts).to.include({ rows: 2, created: 2 });
    const { items } = await owner.json<{ items: { email: string; phone: string; firstName: string; teams: string[] }[] }>('GET', '/api/v1/users?email=f1@example.com');
    expect(items[0]).to.deep.include({ firstName: 'Fred', phone: '+447911123459', teams: ['bulk users'] });
    const tabbed = await owner.json<{ items: { firstName: string }[] }>('GET', '/api/v1/users?email=f2@example.com');
    expect(tabbed.items[0]!.firstName).to.equal('Tabbed');
  });

  it('fails a file with missing columns, naming them, and ignores unknown and error columns with a warning', async () => {
    const { owner } = await createAccount(stack.api);
    const missing = await owner.uploadOk(csv([['First Name', 'Email'], ['Ada', 'ada@example.com']]));
    const failed = await owner.waitFor(missing.id, ['failed', 'validated']);
    expect(failed.error).to.deep.equal({
      code: 'MISSING_COLUMNS',
      message: 'The file is missing these columns: Last Name, Role, Lone Working, Incidents, Audits. Download the template to see every column your account needs.',
    });

    const extra = await owner.uploadOk(csv([
      ['surname', 'E-mail', 'FIRST NAME', 'role', 'Favourite Colour', 'lone working', 'incidents', 'audits', 'error'],
      ['Lovelace', 'ada@example.com', 'Ada', 'user', 'blue', 'no', 'no', 'no', 'old message'],
    ]));
    const checked = await owner.waitFor(extra.id, ['validated', 'failed']);
    expect(checked.status).to.equal('validated');
    expect(checked.warnings).to.deep.equal(['These columns are not used and were ignored: "Favourite Colour".']);

    const dup = await owner.uploadOk(csv([[...HEADER, 'Email'], row({})]));
    const dupFailed = await owner.waitFor(dup.id, ['failed', 'validated']);
    expect(dupFailed.error!.code).to.equal('INVALID_FILE');
    expect(dupFailed.error!.message).to.contain('"Email Address" twice');
  });
});
