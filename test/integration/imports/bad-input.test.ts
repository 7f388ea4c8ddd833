import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { useImportStack } from './setup.js';

type Problem = { status: number; code: string; message: string };

describe('bad input gets a 400 that names the field', () => {
  const stack = useImportStack();

  /** Sends a raw JSON text, as a client with a bug (or an attacker) would. */
  async function post(token: string, path: string, raw: string): Promise<Problem> {
    const res = await fetch(`${stack.api.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: raw });
    const body = (await res.json()) as { error: { code: string; message: string } };
    return { status: res.status, ...body.error };
  }

  const teamBodies: [string, string, RegExp][] = [
    ['an object for name', '{"name": {}}', /name/],
    ['an array for name', '{"name": ["a"]}', /name/],
    ['a number for name', '{"name": 42}', /name/],
    ['null for name', '{"name": null}', /name/],
    ['an array body', '["a"]', /body/],
    ['a number body', '42', /body/],
    ['a null body', 'null', /body/],
    ['a __proto__ key', '{"__proto__": {"name": "x"}}', /name|__proto__/],
    ['a __proto__ key beside a good name', '{"name": "Night shift", "__proto__": {"admin": true}}', /__proto__/],
  ];
  for (const [what, raw, field] of teamBodies) {
    it(`POST /teams with ${what}: 400 naming the field`, async () => {
      const { owner } = await createAccount(stack.api);
      const answer = await post(owner.token, '/api/v1/teams', raw);
      expect(answer.status, JSON.stringify(answer)).to.equal(400);
      expect(answer.message).to.match(field);
    });
  }

  const accountBodies: [string, string, RegExp][] = [
    ['modules as an object', '{"name": "A", "defaultCountry": "GB", "modules": {"a": 1}}', /modules/],
    ['a module that is not text', '{"name": "A", "defaultCountry": "GB", "modules": [{}]}', /modules/],
    ['defaultCountry as a number', '{"name": "A", "defaultCountry": 44}', /defaultCountry/],
    ['name as a boolean', '{"name": true, "defaultCountry": "GB"}', /name/],
  ];
  for (const [what, raw, field] of accountBodies) {
    it(`POST /accounts with ${what}: 400 naming the field`, async () => {
      const { support } = await createAccount(stack.api);
      const answer = await post(support.token, '/api/v1/accounts', raw);
      expect(answer.status, JSON.stringify(answer)).to.equal(400);
      expect(answer.message).to.match(field);
    });
  }

  const queries: [string, string, RegExp][] = [
    ['q longer than 100 characters', `/api/v1/users?q=${'a'.repeat(101)}`, /q /],
    ['limit 0', '/api/v1/users?limit=0', /limit/],
    ['limit 201', '/api/v1/users?limit=201', /limit/],
    ['limit that is not a number', '/api/v1/users?limit=ten', /limit/],
    ['a malformed cursor', '/api/v1/users?cursor=nope', /cursor/],
    ['a malformed cursor on imports', '/api/v1/imports?cursor=zzzzzzzzzzzzzzzzzzzzzzzz', /cursor/],
    ['limit 500 on imports', '/api/v1/imports?limit=500', /limit/],
  ];
  for (const [what, path, field] of queries) {
    it(`GET with ${what}: 400 naming the parameter`, async () => {
      const { owner } = await createAccount(stack.api);
      const res = await owner.request('GET', path);
      const body = (await res.json()) as { error: { message: string } };
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(body.error.message).to.match(field);
    });
  }

  it('accepts the edges: q of 100 characters, limit 1 and 200, a well-formed cursor', async () => {
    const { owner } = await createAccount(stack.api);
    for (const path of [`/api/v1/users?q=${'a'.repeat(100)}`, '/api/v1/users?limit=1', '/api/v1/users?limit=200', '/api/v1/users?cursor=64b000000000000000000001']) {
      expect((await owner.request('GET', path)).status, path).to.equal(200);
    }
  });
});
