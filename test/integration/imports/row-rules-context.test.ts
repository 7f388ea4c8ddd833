import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { useImportStack } from './setup.js';

describe('imports: the account context for re-checking rows in the browser', () => {
  const stack = useImportStack();

  it("gives an Account Owner the account's modules, phone country and teams, and no one else", async () => {
    const { owner, manager } = await createAccount(stack.api, ['audits'], ['Night Shift', 'Day Shift']);
    const context = await owner.json<{ modules: string[]; defaultCountry: string; teams: { id: string; name: string }[] }>('GET', '/api/v1/imports/row-rules-context');
    expect(context.modules).to.deep.equal(['audits']);
    expect(context.defaultCountry).to.equal('GB');
    expect(context.teams.map((t) => t.name)).to.deep.equal(['Day Shift', 'Night Shift']);
    expect(context.teams.every((t) => /^[0-9a-f]{24}$/.test(t.id))).to.equal(true);
    // A team created since is in the next answer: the page re-checks against the account as it is now.
    await owner.json('POST', '/api/v1/teams', { name: 'Audit Team' }, 201);
    const again = await owner.json<{ teams: { name: string }[] }>('GET', '/api/v1/imports/row-rules-context');
    expect(again.teams.map((t) => t.name)).to.include('Audit Team');
    expect((await manager.request('GET', '/api/v1/imports/row-rules-context')).status).to.equal(403);
  });
});
