// Creates the demo account "Demo Ltd" once (with its teams) and prints an owner token and a
// sign-in link. Run by `npm start`; safe to run again.
import { connectMongo, createModels, loadConfig, syncIndexes } from '@muster/shared';
import { signToken } from '../api/src/auth/principal.js';

const config = loadConfig(process.env);
const connection = await connectMongo(config.mongo.url, { maxPoolSize: config.mongo.maxPoolSize });
const models = createModels(connection);
await syncIndexes(models, { ferretdbPostgresUrl: config.mongo.ferretdbPostgresUrl });

const name = 'Demo Ltd';
let account = await models.Account.findOne({ name }).lean();
if (!account) {
  const created = await models.Account.create({ name, modules: ['lone_working', 'incidents', 'audits'], defaultCountry: 'GB' });
  account = created.toObject();
}
for (const team of ['bulk users', 'Bulk extra']) {
  await models.Team.updateOne(
    { accountId: account._id, nameLower: team.toLowerCase() },
    { $setOnInsert: { accountId: account._id, name: team, nameLower: team.toLowerCase() } },
    { upsert: true },
  );
}
await connection.close();

const token = await signToken(config.auth, { sub: 'demo-owner', role: 'account_owner', accountId: String(account._id) }, '24h');
const base = process.env.PUBLIC_URL ?? `http://localhost:${config.port}`;
console.log(`
Demo account "${name}" (id ${account._id}) is ready, with teams "bulk users" and "Bulk extra".
Owner token (valid 24 hours, the longest AUTH_JWT_MAX_AGE_SECONDS allows by default):
  ${token}
Sign in to the admin page:
  ${base}/#token=${token}
Try the API:
  curl -H "Authorization: Bearer ${token}" ${base}/api/v1/imports/template
`);
