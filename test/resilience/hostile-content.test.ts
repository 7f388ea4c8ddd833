import { expect } from 'chai';
import { startApi } from '../helpers/api-harness.js';
import { createAccount } from '../helpers/fixture-account.js';
import { testConfig } from '../helpers/test-env.js';
import { HEADER, csv } from '../helpers/import-client.js';
import { useImportStack } from '../integration/imports/setup.js';

describe('resilience: hostile and awkward file contents', function () {
  this.timeout(60_000);
  const stack = useImportStack({ UPLOADS_PER_IP_PER_MINUTE: '1000' });

  it('reads Windows-1252 with é, € and curly quotes, mixed line endings, semicolons and decimal commas', async () => {
    const { owner } = await createAccount(stack.api);
    const text =
      `${[...HEADER, 'Hours'].join(';')}\r\n` +
      `Ren\xe9e;\x93Smith\x94;renee@example.com;;User;;False;False;False;7,5\n` +
      `Euro;Sign \x80;euro@example.com;;User;;False;False;False;37,25\r\n`;
    const imp = await owner.uploadOk(Buffer.from(text, 'latin1'), { autoStart: 'true' });
    const done = await owner.waitFor(imp.id, ['completed', 'failed', 'completed_with_errors']);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    expect(done.warnings).to.deep.equal(['These columns are not used and were ignored: "Hours".']);
    const { items } = await owner.json<{ items: { firstName: string; lastName: string }[] }>('GET', '/api/v1/users');
    expect(items.map((u) => `${u.firstName} ${u.lastName}`).sort()).to.deep.equal(['Euro Sign €', 'Renée \u201CSmith\u201D']);
  });

  it('makes every formula-like cell of a failed row safe in the error log', async () => {
    const { owner } = await createAccount(stack.api);
    const cells = ['=A1', '+A2', '-A3', '@A4', '\tA5', '\rA6', '=HYPERLINK("x")', '+1', '-1'];
    const imp = await owner.uploadOk(csv([HEADER, cells]), { mode: 'partial', autoStart: 'true' });
    await owner.waitFor(imp.id, ['failed', 'completed_with_errors']);
    const log = (await owner.errorLog(imp.id)).replace(/^\uFEFF/, '');
    const row = log.split('\r\n')[1]!;
    // Parse the row back (quoted cells may hold commas and CR).
    const parsed: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < row.length; i++) {
      const c = row[i]!;
      if (quoted) {
        if (c === '"' && row[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') parsed.push(cell), (cell = '');
      else cell += c;
    }
    parsed.push(cell);
    expect(parsed.slice(0, HEADER.length)).to.deep.equal(cells.map((c) => `'${c}`));
  });

  it('guards formulas hidden behind blanks, a no-break space or full-width signs', async () => {
    const { owner } = await createAccount(stack.api);
    const cells = [' =1+2', '\u00A0=1+2', '＝1+2', '\n@A1', '＋1', '－1', 'Plain', '＠x', 'False'];
    const imp = await owner.uploadOk(csv([HEADER, cells]), { mode: 'partial', autoStart: 'true' });
    await owner.waitFor(imp.id, ['failed', 'completed_with_errors']);
    const log = (await owner.errorLog(imp.id)).replace(/^\uFEFF/, '');
    expect(log).to.include(`' =1+2,'\u00A0=1+2,'＝1+2,"'\n@A1",'＋1,'－1,Plain,'＠x,False,`);
  });

  it('keeps a leading quote that someone put in an ordinary file (only our error logs lose it)', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(csv([HEADER, ["'=1+2", 'Quoted', 'quoted@example.com', '', 'User', '', 'False', 'False', 'False']]), { autoStart: 'true' });
    const done = await owner.waitFor(imp.id, ['completed', 'failed', 'completed_with_errors']);
    expect(done.status, JSON.stringify(done.error)).to.equal('completed');
    const { items } = await owner.json<{ items: { firstName: string }[] }>('GET', '/api/v1/users');
    expect(items.map((u) => u.firstName)).to.deep.equal(["'=1+2"]);
  });

  it('limits uploads per client IP too', async () => {
    const limited = await startApi(testConfig({ UPLOADS_PER_IP_PER_MINUTE: '2' }));
    try {
      const a = await createAccount(limited);
      const b = await createAccount(limited);
      const file = csv([HEADER, ['Ada', 'L', 'ada@example.com', '', 'User', '', 'False', 'False', 'False']]);
      expect((await a.owner.upload(file)).status).to.equal(202);
      expect((await b.owner.upload(file)).status).to.equal(202);
      const res = await b.owner.upload(file);
      expect(res.status).to.equal(429);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.match(/^Too many uploads from your network address: at most 2 a minute\./);
    } finally {
      await limited.close();
    }
  });
});
