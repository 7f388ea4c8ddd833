import { expect } from 'chai';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { accountContextFrom } from '../../../shared/src/rules/account-context.js';
import { checkRow } from '../../../shared/src/rules/row-rules.js';
import type { HeaderMap } from '../../../shared/src/rules/row-header.js';
import { COLUMN_LABELS } from '../../../shared/src/imports/columns.js';
import { FileError, mapHeader } from '../../../shared/src/rules/index.js';

const rulesEntry = fileURLToPath(new URL('../../../shared/src/rules/index.ts', import.meta.url));

describe('shared row rules: one module for the worker and the admin page', () => {
  it('bundles for the browser without Node built-ins or the database models', async function () {
    this.timeout(60_000);
    // platform "browser" makes esbuild fail on any node: import; mongoose would show in the inputs.
    const result = await build({ entryPoints: [rulesEntry], bundle: true, write: false, platform: 'browser', format: 'esm', metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('libphonenumber-js'))).to.equal(true);
    expect(inputs.filter((i) => /mongoose|bson|@aws-sdk|ioredis|bullmq|pino/.test(i))).to.deep.equal([]);
  });

  it('checks a row against the context the API sends, as the worker does', () => {
    const account = accountContextFrom({ modules: ['audits'], defaultCountry: 'GB', teams: [{ id: 't1', name: 'Night Shift' }] });
    const keys = ['firstName', 'lastName', 'email', 'phone', 'role', 'teams', 'audits'] as const;
    const header: HeaderMap = {
      index: Object.fromEntries(keys.map((k, i) => [k, i])),
      labels: { ...COLUMN_LABELS },
      width: keys.length,
      keptIndexes: keys.map((_, i) => i),
      fromErrorLog: false,
      warnings: [],
    };
    const bad = checkRow(['Ada', 'Lovelace', 'ada@example.com', '', 'Admin', 'night shift', 'False'], header, account);
    expect(bad.problems.map((p) => p.column)).to.deep.equal(['Role']);
    const fixed = checkRow(['Ada', 'Lovelace', 'ada@example.com', '020 7946 0018', 'Account Owner', 'night shift', 'False'], header, account);
    expect(fixed.problems).to.deep.equal([]);
    expect(fixed.fields).to.include({ role: 'account_owner', phone: '+442079460018' });
    expect(fixed.fields!.teamIds).to.deep.equal(['t1']);
  });

  it('maps a header row with the same code as the worker, and refuses one missing a column the same way', () => {
    const header = mapHeader(['First Name', 'Last Name', 'Email', 'Role', 'error'], []);
    expect(header.index).to.include({ firstName: 0, lastName: 1, email: 2, role: 3 });
    expect(header.fromErrorLog).to.equal(true);
    expect(() => mapHeader(['First Name', 'Email'], [])).to.throw(FileError, /Last Name/);
  });
});
