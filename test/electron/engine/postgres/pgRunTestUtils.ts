// Helpers for the run-on-PostgreSQL tests: a workspace and the same tables on the server. A
// workspace table (its latest snapshot) is copied to PostgreSQL with the column types the app
// would expect there (VARCHAR → TEXT, DOUBLE → DOUBLE PRECISION, …), value by value through
// DuckDB's text form, so both sides hold the same data and the tests compare what each engine
// makes of it, not what a loader did.
import pg from 'pg';
import type { Workspace } from '../../../../electron/engine/workspace/workspace';
import { pgUrl } from './pgTestUtils';

/** The PostgreSQL type a DuckDB column is created as on the server. */
export function pgTypeOf(duckType: string): string {
  const t = duckType.toUpperCase();
  if (t === 'VARCHAR') return 'TEXT';
  if (t === 'DOUBLE') return 'DOUBLE PRECISION';
  if (t === 'FLOAT') return 'REAL';
  if (t === 'TIMESTAMP WITH TIME ZONE') return 'TIMESTAMPTZ';
  if (t.startsWith('DECIMAL')) return t.replace('DECIMAL', 'NUMERIC');
  if (['INTEGER', 'BIGINT', 'SMALLINT', 'BOOLEAN', 'DATE', 'TIMESTAMP'].includes(t)) return t;
  return 'TEXT';
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Copy the latest snapshot of `table` into `schema.table` on the server (replacing it). */
export async function copyTableToPg(
  ws: Workspace,
  table: string,
  client: pg.Client,
  schema: string,
  rename?: string,
): Promise<number> {
  const snap = await ws.resolveSnapshot(table);
  const cols = await ws.columns(snap.relation);
  const target = `${q(schema)}.${q(rename ?? table)}`;
  await client.query(`DROP TABLE IF EXISTS ${target}`);
  await client.query(`CREATE TABLE ${target} (${cols.map((c) => `${q(c.name)} ${pgTypeOf(c.type)}`).join(', ')})`);
  const result = await ws.queryResult(
    `SELECT ${cols.map((c) => `CAST(${q(c.name)} AS VARCHAR)`).join(', ')} FROM ${snap.relation}`,
  );
  const per = Math.max(1, Math.floor(30_000 / cols.length));
  for (let i = 0; i < result.rows.length; i += per) {
    const chunk = result.rows.slice(i, i + per);
    const values: unknown[] = [];
    const tuples = chunk.map(
      (r) =>
        `(${r
          .map((v) => {
            values.push(v);
            return `$${values.length}`;
          })
          .join(', ')})`,
    );
    await client.query(`INSERT INTO ${target} VALUES ${tuples.join(', ')}`, values);
  }
  return result.rows.length;
}

/** A client on the test server (SEGWB_PG_URL), session in UTC. */
export async function pgClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`SET TimeZone TO 'UTC'`);
  return client;
}

/** A fresh schema, unique to this process and name. */
export async function freshSchema(client: pg.Client, name: string): Promise<string> {
  const schema = `pgrun_${name}_${process.pid}`;
  await client.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
  await client.query(`CREATE SCHEMA ${q(schema)}`);
  return schema;
}

export async function dropSchema(client: pg.Client, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`);
}
