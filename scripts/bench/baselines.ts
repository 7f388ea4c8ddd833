// The two baselines the pipeline is compared with, measured in the same run on the same file and
// database: what the CSV library alone costs, and what the database alone costs.
import { createReadStream } from 'node:fs';
import { parse } from 'fast-csv';
import { Types, type Connection } from 'mongoose';

/** (a) fast-csv reading the file (headers on), doing nothing with the rows. Rows per second. */
export async function parseOnlyRowsPerSecond(file: string): Promise<{ rows: number; rowsPerSecond: number }> {
  const started = performance.now();
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .pipe(parse({ headers: true }))
      .on('data', () => rows++)
      .on('error', reject)
      .on('end', () => resolve());
  });
  return { rows, rowsPerSecond: rows / ((performance.now() - started) / 1000) };
}

/**
 * The file's emails in file order (lower-cased, each made unique): the raw insert writes the same
 * keys in the same order as the import does. That matters on FerretDB/SQLite: keys arriving in
 * random order touch random pages of the unique index, and made-up sequential emails
 * (person.1, person.2, ...) insert about 25% faster than a real list of people (measured:
 * 14,200 against 11,100 rows/s for 98,000 users).
 */
async function emailsOf(file: string, count: number): Promise<string[]> {
  const seen = new Set<string>();
  const emails: string[] = [];
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .pipe(parse({ headers: false, skipLines: 1 }))
      .on('data', (cells: string[]) => {
        let email = (cells[2] ?? '').trim().toLowerCase() || `row.${emails.length}@example.com`;
        if (seen.has(email)) email = `${email}.${emails.length}`;
        seen.add(email);
        if (emails.length < count) emails.push(email);
      })
      .on('error', reject)
      .on('end', () => resolve());
  });
  for (let i = emails.length; i < count; i++) emails.push(`extra.${i}@example.com`);
  return emails;
}

/** A user document as an import writes it, made up without any checking. */
function readyMadeUser(email: string, accountId: Types.ObjectId, importId: Types.ObjectId, now: Date) {
  return {
    accountId,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email,
    emailLower: email,
    phone: '+447400123456',
    role: 'user',
    teamIds: [],
    modules: { loneWorking: true, events: false, incidents: true, audits: false },
    createdByImportId: importId,
    importId,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * (b) The MongoDB driver's insertMany (unordered, 1,000 per call) of `count` ready-made users (with
 * the file's emails) into a fresh collection with the users collection's indexes, in the same
 * database. Rows per second, counting only the time spent in insertMany.
 */
export async function rawInsertRowsPerSecond(mongo: Connection, file: string, count: number, batchSize = 1000): Promise<number> {
  const emails = await emailsOf(file, count);
  const db = mongo.db!;
  const name = `raw_insert_${Date.now().toString(36)}`;
  const collection = db.collection(name);
  const indexes = await db.collection('users').listIndexes().toArray();
  for (const { key, name: indexName, unique } of indexes) {
    if (indexName === '_id_') continue;
    await collection.createIndex(key, { name: indexName, ...(unique ? { unique } : {}) });
  }
  const accountId = new Types.ObjectId();
  const importId = new Types.ObjectId();
  let spentMs = 0;
  try {
    for (let from = 0; from < count; from += batchSize) {
      const now = new Date();
      const docs = emails.slice(from, from + batchSize).map((email) => readyMadeUser(email, accountId, importId, now));
      const started = performance.now();
      await collection.insertMany(docs, { ordered: false });
      spentMs += performance.now() - started;
    }
  } finally {
    await collection.drop().catch(() => undefined);
  }
  return count / (spentMs / 1000);
}
