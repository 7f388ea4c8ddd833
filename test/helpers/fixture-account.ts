import type { ModuleId } from '@muster/shared';
import type { ApiHarness } from './api-harness.js';
import { ApiClient } from './import-client.js';

let accountsMade = 0;
/**
 * "Acme 0007 Care": reads as a name in screenshots (no raw id), and is unique within the test
 * process with no name a prefix or part of another (support tests find an account by its name).
 */
const accountName = () => `Acme ${String(++accountsMade).padStart(4, '0')} Care`;

/** An account made through the API (as support), with teams, and clients for its roles. */
export async function createAccount(api: ApiHarness, modules: ModuleId[] = ['lone_working', 'incidents', 'audits'], teams = ['bulk users', 'Bulk extra']) {
  const support = await ApiClient.as(api, { sub: 'support-1', role: 'support' });
  const account = await support.json<{ id: string }>('POST', '/api/v1/accounts', { name: accountName(), modules, defaultCountry: 'GB' }, 201);
  const owner = await ApiClient.as(api, { sub: 'owner-1', role: 'account_owner', accountId: account.id });
  const manager = await ApiClient.as(api, { sub: 'manager-1', role: 'manager', accountId: account.id });
  const user = await ApiClient.as(api, { sub: 'user-1', role: 'user', accountId: account.id });
  for (const name of teams) await owner.json('POST', '/api/v1/teams', { name }, 201);
  return { accountId: account.id, support, owner, manager, user };
}
