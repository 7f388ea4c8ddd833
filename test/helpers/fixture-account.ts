import { Types } from 'mongoose';
import type { ModuleId } from '@muster/shared';
import type { ApiHarness } from './api-harness.js';
import { ApiClient } from './import-client.js';

/** An account made through the API (as support), with teams, and clients for its roles. */
export async function createAccount(api: ApiHarness, modules: ModuleId[] = ['lone_working', 'incidents', 'audits'], teams = ['bulk users', 'Bulk extra']) {
  const support = await ApiClient.as(api, { sub: 'support-1', role: 'support' });
  const account = await support.json<{ id: string }>('POST', '/api/v1/accounts', { name: `Acme ${new Types.ObjectId()}`, modules, defaultCountry: 'GB' }, 201);
  const owner = await ApiClient.as(api, { sub: 'owner-1', role: 'account_owner', accountId: account.id });
  const manager = await ApiClient.as(api, { sub: 'manager-1', role: 'manager', accountId: account.id });
  const user = await ApiClient.as(api, { sub: 'user-1', role: 'user', accountId: account.id });
  for (const name of teams) await owner.json('POST', '/api/v1/teams', { name }, 201);
  return { accountId: account.id, support, owner, manager, user };
}
