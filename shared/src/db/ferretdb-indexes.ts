import pg from 'pg';
import type { Model } from 'mongoose';

/**
 * Indexes FerretDB's PostgreSQL backend can use, mirrored from the indexes the models declare.
 *
 * FerretDB v1 sends an equality filter to PostgreSQL as `_jsonb->'field' @> '<value>'`, but the
 * indexes it builds for `createIndexes` are btree indexes on `(_jsonb->'field')`, which `@>` never
 * uses: every query but the primary key read the whole table (measured: 74 ms for one user by email
 * in 200,000; `idx_scan` stayed 0). A GIN index in `jsonb_path_ops` on the same expression answers
 * `@>` (2-4 ms). So for every field that starts or belongs to a declared index, and `_id`, this
 * creates `<table>_gin_<field>` next to FerretDB's own. A model that gains an index gains its
 * mirror at the next start; production MongoDB never sees any of this.
 */
export async function mirrorIndexesForFerretDb(models: Record<string, Model<never>>, postgresUrl: string, dbName: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const tables = await ferretdbTables(client, dbName);
    let created = 0;
    for (const model of Object.values(models)) {
      const table = tables.get(model.collection.collectionName);
      if (!table) continue; // FerretDB creates the table lazily; the next start mirrors it.
      created += await mirrorCollectionIndexes(client, dbName, table, indexedFields(model));
    }
    return created;
  } finally {
    await client.end();
  }
}

/** Each field a declared index uses, plus `_id`: one GIN index each covers any combination. */
export function indexedFields(model: Pick<Model<never>, 'schema'>): string[] {
  const fields = new Set<string>(['_id']);
  for (const [keys] of model.schema.indexes()) for (const field of Object.keys(keys)) fields.add(field);
  return [...fields];
}

/** FerretDB's collection -> table map, from the metadata table it keeps in the database's schema. */
async function ferretdbTables(client: pg.Client, dbName: string): Promise<Map<string, string>> {
  const exists = await client.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [`${quote(dbName)}._ferretdb_database_metadata`]);
  if (!exists.rows[0]?.found) return new Map();
  const rows = await client.query<{ name: string; table: string }>(
    `SELECT _jsonb->>'_id' AS name, _jsonb->>'table' AS table FROM ${quote(dbName)}._ferretdb_database_metadata`,
  );
  return new Map(rows.rows.map((r) => [r.name, r.table]));
}

async function mirrorCollectionIndexes(client: pg.Client, schema: string, table: string, fields: string[]): Promise<number> {
  let created = 0;
  for (const field of fields) {
    // Nested paths (`modules.events`) are not pushed down by FerretDB v1: nothing to mirror.
    if (field.includes('.')) continue;
    const name = indexName(table, field);
    const found = await client.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, [schema, name]);
    if (found.rowCount) continue;
    try {
      await client.query(`CREATE INDEX IF NOT EXISTS ${quote(name)} ON ${quote(schema)}.${quote(table)} USING gin ((_jsonb->${literal(field)}) jsonb_path_ops)`);
      created++;
    } catch (error) {
      // The API and the worker start together: the other one created it a moment ago.
      if (!['23505', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
    }
  }
  // Fresh statistics, so the planner prefers the new index on a table that already holds rows.
  if (created) await client.query(`ANALYZE ${quote(schema)}.${quote(table)}`);
  return created;
}

/** PostgreSQL names are at most 63 bytes: long ones keep a hash so two fields never collide. */
export function indexName(table: string, field: string): string {
  const name = `${table}_gin_${field}`;
  if (Buffer.byteLength(name) <= 63) return name;
  let hash = 0;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 54)}_${hash.toString(16).padStart(8, '0')}`;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
