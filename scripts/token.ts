// Mints a sign-in token for local use:
//   npm run token -- --role account_owner --account <accountId> [--sub someone] [--expires 12h]
import { parseArgs } from 'node:util';
import { loadConfig } from '@muster/shared';
import { PRINCIPAL_ROLES, signToken, type PrincipalRole } from '../api/src/auth/principal.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'account_owner' },
    account: { type: 'string' },
    sub: { type: 'string', default: 'local-user' },
    expires: { type: 'string', default: '12h' },
  },
});
const role = values.role as PrincipalRole;
if (!PRINCIPAL_ROLES.includes(role)) {
  console.error(`--role must be one of ${PRINCIPAL_ROLES.join(', ')}`);
  process.exit(2);
}
if (role !== 'support' && !values.account) {
  console.error('--account <accountId> is required for every role but support');
  process.exit(2);
}
const config = loadConfig(process.env);
console.log(await signToken(config.auth, { sub: values.sub!, role, accountId: values.account }, values.expires));
