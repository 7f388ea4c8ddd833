import pg from 'pg';
// The crowd of the crowded-database scenario: many accounts full of users, written straight with
// the driver's insertMany (loading through imports would take hours), each user shaped exactly
// as the worker writes one (worker/src/imports/user-writes.ts, newUserDocument).
import { LIST_PAGE_SIZE, connectMongo, listPageKey, loadConfig } from '@muster/shared';
import { Types } from 'mongoose';
import { BenchClient, createBenchAccount } from './client.js';

export interface CrowdSizes {
  /** Other accounts, each with `perAccount` users. */
  accounts: number;
  perAccount: number;
  /** Users in the one big account. */
  big: number;
}

/** An account of the crowd: its owner's client and the users' emails, which the bench looks up. */
export interface CrowdAccount {
  owner: BenchClient;
  users: number;
  /** The email of the account's `i`-th user. */
  emailOf(i: number): string;
}

export interface Crowd {
  small: CrowdAccount[];
  big: CrowdAccount;
  users: number;
  loadSeconds: number;
  rowsPerSecond: number;
}

/** Users per insertMany, and calls in flight: FerretDB on PostgreSQL deadlocks with more than ~50 concurrent writes. */
const BATCH = 2_000;
const PARALLEL = 4;

const FIRST = ['Ada', 'Bob', 'Chloé', 'Dev', 'Eilidh', 'Farah', 'George', 'Hana', 'Ivan', 'Jo'];
const LAST = ['Smith', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', "O'Neill", 'Patel', 'Khan'];
const ROLES = ['user', 'user', 'user', 'user', 'manager', 'account_owner'] as const;

/** Crowd emails live on a domain of their own: no generated file's email ever matches one. */
const crowdEmail = (label: string, i: number) => `${FIRST[i % FIRST.length]!.toLowerCase()}.${i}@${label}.crowd.example.com`;

async function accountFor(baseUrl: string, support: BenchClient, label: string, users: number): Promise<CrowdAccount & { teamIds: Types.ObjectId[] }> {
  const owner = await createBenchAccount(baseUrl, support, label);
  const teams = await owner.json<{ items: { id: string }[] }>('GET', '/api/v1/teams');
  return { owner, users, emailOf: (i) => crowdEmail(label, i), teamIds: teams.items.map((t) => new Types.ObjectId(t.id)) };
}

/** The `i`-th user of an account, as newUserDocument would make it from a valid row. */
function crowdUser(account: CrowdAccount & { teamIds: Types.ObjectId[] }, importId: Types.ObjectId, i: number, now: Date) {
  const email = account.emailOf(i);
  const hasPhone = i % 5 !== 0;
  return {
    accountId: new Types.ObjectId(account.owner.accountId!),
    firstName: FIRST[i % FIRST.length]!,
    lastName: LAST[(i * 7) % LAST.length]!,
    email,
    emailLower: email,
    phone: hasPhone ? `+4474${String(i % 100_000_000).padStart(8, '0')}` : null,
    role: ROLES[i % ROLES.length]!,
    teamIds: account.teamIds.slice(0, i % (account.teamIds.length + 1)),
    modules: { loneWorking: hasPhone && i % 2 === 0, events: false, incidents: i % 3 === 0, audits: i % 4 === 0 },
    createdByImportId: importId,
    importId,
    createdAt: now,
    updatedAt: now,
    // The place in the account's list an import gives it (shared/src/db/list-pages.ts).
    listSeq: i,
    listPage: listPageKey(account.owner.accountId!, Math.floor(i / LIST_PAGE_SIZE)),
  };
}

/**
 * Makes the accounts through the API (as every bench account is made), then writes their users
 * into the system's own database. The API and worker have started already, so the users
 * collection carries every index it has in service while it fills.
 */
export async function loadCrowd(baseUrl: string, mongoUrl: string, sizes: CrowdSizes, log: (line: string) => void): Promise<Crowd> {
  const support = await BenchClient.as(baseUrl, { sub: 'bench-support', role: 'support' });
  const small: (CrowdAccount & { teamIds: Types.ObjectId[] })[] = [];
  for (let a = 0; a < sizes.accounts; a++) small.push(await accountFor(baseUrl, support, `crowd-${a}`, sizes.perAccount));
  const big = await accountFor(baseUrl, support, 'crowd-big', sizes.big);
  // One batch at a time per account, handed out in order to a few writers.
  const batches = [...small, big].flatMap((account) => {
    // The crowd was "imported" long ago by an import that is no longer listed.
    const importId = new Types.ObjectId();
    return Array.from({ length: Math.ceil(account.users / BATCH) }, (_, b) => ({ account, importId, from: b * BATCH }));
  });
  const users = small.length * sizes.perAccount + sizes.big;
  const mongo = await connectMongo(mongoUrl);
  const started = performance.now();
  let written = 0;
  let lastLog = started;
  try {
    const collection = mongo.db!.collection('users');
    let next = 0;
    const writer = async () => {
      for (let job = batches[next++]; job; job = batches[next++]) {
        const now = new Date();
        const to = Math.min(job.from + BATCH, job.account.users);
        const docs = [];
        for (let i = job.from; i < to; i++) docs.push(crowdUser(job.account, job.importId, i, now));
        await collection.insertMany(docs, { ordered: false });
        written += docs.length;
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`  crowd: ${written.toLocaleString('en-GB')} of ${users.toLocaleString('en-GB')} users written`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, writer));
    // What the imports that put these users there would have left: the account's user-count hint
    // (Account.userCount), which the worker reads to choose how it looks existing users up.
    // and the list pages those imports claimed.
    const accounts = mongo.db!.collection('accounts');
    const claims = mongo.db!.collection<{ _id: string; accountId: Types.ObjectId; claimedAt: Date }>('user_list_pages');
    for (const account of [...small, big]) {
      const accountId = new Types.ObjectId(account.owner.accountId!);
      const pages = Math.ceil(account.users / LIST_PAGE_SIZE);
      const claimedAt = new Date();
      for (let from = 0; from < pages; from += BATCH) {
        const docs = Array.from({ length: Math.min(BATCH, pages - from) }, (_, k) => ({ _id: listPageKey(accountId, from + k), accountId, claimedAt }));
        await claims.insertMany(docs, { ordered: false });
      }
      await accounts.updateOne({ _id: accountId }, { $set: { userCount: account.users, listPages: pages } });
    }
    await analyzeLoaded(mongo.db!.databaseName, log);
  } finally {
    await mongo.close();
  }
  const loadSeconds = (performance.now() - started) / 1000;
  return { small, big, users, loadSeconds, rowsPerSecond: users / loadSeconds };
}

/**
 * Fresh statistics for the tables just filled, as autovacuum's analyze would give them within a
 * minute or so: measuring before it would time the planner's guesses about an empty table.
 */
async function analyzeLoaded(dbName: string, log: (line: string) => void): Promise<void> {
  const postgresUrl = loadConfig(process.env).mongo.ferretdbPostgresUrl;
  if (!postgresUrl) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const tables = await client.query<{ sql: string }>(`SELECT format('ANALYZE %I.%I', schemaname, tablename) AS sql FROM pg_tables WHERE schemaname = $1`, [dbName]);
    for (const { sql } of tables.rows) await client.query(sql);
    log(`  crowd: ANALYZE of ${tables.rowCount} tables done`);
  } finally {
    await client.end();
  }
}
