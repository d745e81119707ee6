// Reading a server's tables (serverTables.ts): the fast way (result descriptions) and the catalog
// way must give the same columns and types, each checked here against types written out by hand;
// the built-in OID table must be what the server itself calls those OIDs; and names resolve as
// PostgreSQL resolves them (the given schema; else the search_path in order, the first one wins),
// with columns the user may not read left out and missing tables absent.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { udtOfOid } from '../../../../electron/engine/postgres/types';
import {
  BEGIN_READ_ONLY,
  catalogTables,
  describedTables,
  serverTables,
} from '../../../../electron/engine/postgres/serverTables';
import { pgAvailable, pgUrl } from './pgTestUtils';
import { dropSchema, freshSchema, pgClient } from './pgRunTestUtils';

describe('the tables a definition reads, as the server has them', () => {
  if (!pgAvailable()) return;
  let admin: pg.Client;
  let a: string;
  let b: string;
  const role = `segwb_reader_${process.pid}`;
  const sessions: pg.Client[] = [];

  /** A session with this search_path (and role), as a run would have. */
  const session = async (searchPath: string[], user?: string): Promise<pg.Client> => {
    const path = searchPath.map((s) => `"${s}"`).join(',');
    const u = new URL(pgUrl!);
    if (user) u.username = user;
    const c = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${path}` });
    await c.connect();
    sessions.push(c);
    return c;
  };

  beforeAll(async () => {
    admin = await pgClient();
    a = await freshSchema(admin, 'tables_a');
    b = await freshSchema(admin, 'tables_b');
    await admin.query(`
      CREATE TYPE "${a}".mood AS ENUM ('low', 'high');
      CREATE DOMAIN "${a}".money2 AS NUMERIC(10, 2);
      CREATE TABLE "${a}"."wide ""t""" (
        i2 SMALLINT, i4 INTEGER, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION, n NUMERIC, n122 NUMERIC(12, 2),
        t TEXT, v VARCHAR(10), c CHAR(3), bo BOOLEAN, d DATE, ts TIMESTAMP, tz TIMESTAMPTZ, u UUID,
        j JSON, jb JSONB, iv INTERVAL, by BYTEA, ai INTEGER[], at TEXT[], an NUMERIC(5,1)[],
        m "${a}".mood, ms "${a}".mood[], dm "${a}".money2, "odd ""name""" TEXT
      );
      CREATE VIEW "${a}".wide_view AS SELECT i8, n122, dm FROM "${a}"."wide ""t""";
      CREATE TABLE "${a}".accounts (account_id TEXT, in_a INTEGER);
      CREATE TABLE "${b}".accounts (account_id TEXT, in_b INTEGER);
      CREATE TABLE "${b}".tickets (ticket_id TEXT, secret TEXT);
      CREATE INDEX only_an_index ON "${b}".tickets (ticket_id);
      DROP ROLE IF EXISTS ${role};
      CREATE ROLE ${role} LOGIN;
      GRANT USAGE ON SCHEMA "${a}", "${b}" TO ${role};
      GRANT SELECT ON "${a}".accounts, "${b}".accounts TO ${role};
      GRANT SELECT (ticket_id) ON "${b}".tickets TO ${role};
    `);
  }, 60_000);

  afterAll(async () => {
    for (const c of sessions) await c.end().catch(() => undefined);
    if (admin) {
      await dropSchema(admin, a);
      await dropSchema(admin, b);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  const WIDE: [string, string][] = [
    ['i2', 'SMALLINT'],
    ['i4', 'INTEGER'],
    ['i8', 'BIGINT'],
    ['f4', 'FLOAT'],
    ['f8', 'DOUBLE'],
    ['n', 'DOUBLE'],
    ['n122', 'DECIMAL(12,2)'],
    ['t', 'VARCHAR'],
    ['v', 'VARCHAR'],
    ['c', 'VARCHAR'],
    ['bo', 'BOOLEAN'],
    ['d', 'DATE'],
    ['ts', 'TIMESTAMP'],
    ['tz', 'TIMESTAMP WITH TIME ZONE'],
    ['u', 'UUID'],
    ['j', 'JSON'],
    ['jb', 'JSON'],
    ['iv', 'INTERVAL'],
    ['by', 'BLOB'],
    ['ai', 'INTEGER[]'],
    ['at', 'VARCHAR[]'],
    ['an', 'DOUBLE[]'],
    ['m', 'MOOD'],
    ['ms', 'MOOD[]'],
    ['dm', 'DECIMAL(10,2)'],
    ['odd "name"', 'VARCHAR'],
  ];
  const asPairs = (cols: { name: string; type: string }[] | undefined) => (cols ?? []).map((c) => [c.name, c.type]);

  it('both ways give each column its DuckDB type, in column order (tables and views, domains, enums, arrays)', async () => {
    const c = await session([a]);
    const tables = ['wide "t"', 'wide_view'];
    const fast = await describedTables(c, tables, a);
    await c.query('ROLLBACK');
    await c.query(BEGIN_READ_ONLY);
    const catalog = await catalogTables(c, tables, a);
    await c.query('ROLLBACK');
    expect(asPairs(fast.schemas['wide "t"'])).toEqual(WIDE);
    expect(asPairs(catalog.schemas['wide "t"'])).toEqual(WIDE);
    const view = [
      ['i8', 'BIGINT'],
      ['n122', 'DECIMAL(12,2)'],
      ['dm', 'DECIMAL(10,2)'],
    ];
    expect(asPairs(fast.schemas.wide_view)).toEqual(view);
    expect(asPairs(catalog.schemas.wide_view)).toEqual(view);
    expect(fast.found).toEqual({ 'wide "t"': a, wide_view: a });
    const [row] = (await admin.query(`SELECT current_setting('server_version') AS v, current_database() AS d`)).rows;
    expect(fast.server).toEqual({ version: row.v, database: row.d });
    expect(catalog.server).toEqual(fast.server);
  });

  it('the built-in OID table says what the server calls each OID', async () => {
    const oids: number[] = [];
    for (let oid = 1; oid < 4000; oid++) if (udtOfOid(oid)) oids.push(oid);
    expect(oids.length).toBeGreaterThan(40);
    const r = await admin.query<{ oid: number; typname: string; elem: string | null }>(
      `SELECT t.oid::int AS oid, t.typname, el.typname AS elem FROM pg_type t LEFT JOIN pg_type el ON el.oid = t.typelem AND t.typcategory = 'A' WHERE t.oid = ANY($1::oid[])`,
      [oids],
    );
    expect(r.rows).toHaveLength(oids.length);
    for (const t of r.rows) {
      const udt = udtOfOid(t.oid)!;
      expect(udt.array ? t.elem : t.typname, `OID ${t.oid}`).toBe(udt.name);
    }
  });

  it('a bare name is the first table of that name on the search_path; the session then runs in a read-only transaction', async () => {
    const c = await session([b, a]);
    const r = await serverTables(c, ['accounts', 'tickets'], undefined);
    expect(r.found).toEqual({ accounts: b, tickets: b });
    expect(asPairs(r.schemas.accounts)).toEqual([
      ['account_id', 'VARCHAR'],
      ['in_b', 'INTEGER'],
    ]);
    await expect(c.query(`CREATE TABLE "${b}".nope (x int)`)).rejects.toMatchObject({ code: '25006' });
    await c.query('ROLLBACK');

    const other = await session([a, b]);
    const r2 = await serverTables(other, ['accounts', 'tickets'], undefined);
    expect(r2.found).toEqual({ accounts: a, tickets: b });
    expect(asPairs(r2.schemas.accounts)).toEqual([
      ['account_id', 'VARCHAR'],
      ['in_a', 'INTEGER'],
    ]);
    await other.query('ROLLBACK');
  });

  it('a missing table, a name that is not a table, and a column the user may not read (the catalog way answers)', async () => {
    const c = await session([b, a], role);
    const r = await serverTables(c, ['accounts', 'tickets', 'missing', 'only_an_index'], undefined);
    expect(Object.keys(r.schemas).sort()).toEqual(['accounts', 'tickets']);
    expect(asPairs(r.schemas.tickets)).toEqual([['ticket_id', 'VARCHAR']]); // `secret` is not readable
    expect(r.found).toEqual({ accounts: b, tickets: b });
    // Still one read-only transaction after the fallback.
    await expect(c.query(`SELECT 1 FROM "${b}".accounts FOR UPDATE`)).rejects.toMatchObject({ code: '25006' });
    await c.query('ROLLBACK');

    const given = await session([a], role);
    const r2 = await serverTables(given, ['accounts', 'tickets'], b);
    expect(r2.found).toEqual({ accounts: b, tickets: b });
    expect(asPairs(r2.schemas.tickets)).toEqual([['ticket_id', 'VARCHAR']]);
    await given.query('ROLLBACK');
  });
});
