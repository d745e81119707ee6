/**
 * The tables a definition reads, as a PostgreSQL server has them: which schema each name resolves
 * to, its columns named as DuckDB types (types.ts), and the server's version and database. It also
 * opens the run's one REPEATABLE READ READ ONLY transaction, so a count and the rows exported after
 * it see the same data.
 *
 * Two ways, one answer. The fast way is one simple-protocol round trip: BEGIN, `SELECT * … LIMIT 0`
 * per table (the result's field descriptions are the columns: names, type OIDs with domains already
 * reduced to their base type, type modifiers), and the version; without a given schema, a second
 * one of function calls tells which schema of the path each name resolved to. On a fresh session that costs about
 * 1 ms where planning a query over the catalog costs 2–3 ms (cold catalog caches), and it warms the
 * very caches the count then uses. Anything unusual (a missing table, a column the user may not
 * SELECT, an object that is not a table) makes the server refuse it, and the catalog way runs
 * instead: it finds tables as PostgreSQL resolves a bare name (the given schema, else the
 * search_path in order) and leaves out columns the user may not read, so they are missing, as they
 * would be to a query.
 */
import type pg from 'pg';
import type { TableSchemas } from '../../../shared/segments/model';
import { quoteIdent } from '../db/sql';
import { duckTypeOfColumn, udtOfOid } from './types';

export interface ServerTables {
  schemas: TableSchemas;
  /** Table → the schema it was found in. */
  found: Record<string, string>;
  server: { version: string; database: string } | null;
}

export const BEGIN_READ_ONLY = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** Rows of `text` with parameters, as arrays of the server's text. */
export async function rows(client: pg.Client, text: string, values: unknown[] = []): Promise<(string | null)[][]> {
  const r = await client.query<(string | null)[]>({ text, values, rowMode: 'array' });
  return r.rows;
}

/** A refusal by the server about the statement (SQLSTATE class 42: names, privileges, object kinds; 3F: schema). */
function refusedStatement(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('42') || code.startsWith('3F'));
}

/** Begin the run's transaction and read the tables' columns (see the module comment). */
export async function serverTables(
  client: pg.Client,
  tables: string[],
  schema: string | undefined,
): Promise<ServerTables> {
  try {
    return await describedTables(client, tables, schema);
  } catch (err) {
    if (!refusedStatement(err)) throw err;
    // The failed statement aborted the transaction: start again before the catalog way.
    await client.query(`ROLLBACK; ${BEGIN_READ_ONLY}`);
    return catalogTables(client, tables, schema);
  }
}

interface Field {
  name: string;
  dataTypeID: number;
  dataTypeModifier: number;
}

/** The fast way: the tables' result descriptions. Throws the server's refusal when it is not that simple. */
export async function describedTables(
  client: pg.Client,
  tables: string[],
  schema: string | undefined,
): Promise<ServerTables> {
  const relation = (t: string) => (schema === undefined ? quoteIdent(t) : `${quoteIdent(schema)}.${quoteIdent(t)}`);
  const limit0 = tables.map((t) => `SELECT * FROM ${relation(t)} LIMIT 0`);
  // Without a schema, the path (temporary schema and pg_catalog included, as the server searches
  // it) and each name's relation, to tell which schema the name resolved to (function calls only:
  // no catalog query to plan).
  const resolve =
    schema === undefined
      ? `, array_to_json(current_schemas(true))::text${tables.map((t) => `, to_regclass(${client.escapeLiteral(quoteIdent(t))})::oid`).join('')}`
      : '';
  const text = [
    BEGIN_READ_ONLY,
    ...limit0,
    `SELECT current_setting('server_version'), current_database()${resolve}`,
  ].join('; ');
  const results = (await client.query({ text, rowMode: 'array' })) as unknown as pg.QueryResult<(string | null)[]>[];
  const info = results[results.length - 1]!.rows[0]!;
  const server = { version: String(info[0]), database: String(info[1]) };
  const found: Record<string, string> = {};
  if (schema !== undefined) for (const t of tables) found[t] = schema;
  else Object.assign(found, await schemasOf(client, tables, JSON.parse(info[2] ?? '[]') as string[], info.slice(3)));

  const fields = tables.map((_, i) => results[i + 1]!.fields as Field[]);
  const unknown = [...new Set(fields.flat().map((f) => f.dataTypeID))].filter((oid) => udtOfOid(oid) === undefined);
  const named = unknown.length ? await typeNames(client, unknown) : new Map<number, Udt>();
  const schemas: TableSchemas = {};
  tables.forEach((t, i) => {
    schemas[t] = fields[i]!.map((f) => {
      const udt = udtOfOid(f.dataTypeID) ?? named.get(f.dataTypeID) ?? { name: `oid ${f.dataTypeID}`, array: false };
      const numeric = udt.name === 'numeric' && !udt.array && f.dataTypeModifier >= 4;
      const mod = f.dataTypeModifier - 4; // PostgreSQL packs (precision << 16) | scale, offset by VARHDRSZ
      return {
        name: f.name,
        type: duckTypeOfColumn({
          data_type: udt.array ? 'ARRAY' : '',
          udt_name: udt.array ? `_${udt.name}` : udt.name,
          numeric_precision: numeric ? (mod >> 16) & 0xffff : null,
          numeric_scale: numeric ? mod & 0xffff : null,
        }),
      };
    });
  });
  return { schemas, found, server };
}

/** The schema each bare name resolved to: the first on the path where the qualified name is the same relation. */
async function schemasOf(
  client: pg.Client,
  tables: string[],
  path: string[],
  oids: (string | null)[],
): Promise<Record<string, string>> {
  const probes = tables.flatMap((t) => path.map((s) => ({ t, s })));
  const [row] = await rows(
    client,
    `SELECT ${probes.map((_, i) => `to_regclass($${i + 1})::oid`).join(', ')}`,
    probes.map(({ t, s }) => `${quoteIdent(s)}.${quoteIdent(t)}`),
  );
  const found: Record<string, string> = {};
  probes.forEach(({ t, s }, i) => {
    const oid = oids[tables.indexOf(t)];
    if (found[t] === undefined && oid !== null && row?.[i] === oid) found[t] = s;
  });
  return found;
}

interface Udt {
  name: string;
  array: boolean;
}

/** Names of types the built-in table does not know (enums, extension types, their arrays). */
async function typeNames(client: pg.Client, oids: number[]): Promise<Map<number, Udt>> {
  const list = await rows(
    client,
    `SELECT t.oid, CASE WHEN t.typcategory = 'A' THEN coalesce(el.typname, t.typname) ELSE t.typname END, t.typcategory::text
     FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_type el ON el.oid = t.typelem
     WHERE t.oid = ANY($1::oid[])`,
    [oids],
  );
  return new Map(list.map(([oid, name, category]) => [Number(oid), { name: String(name), array: category === 'A' }]));
}

/**
 * The catalog way: the facts `information_schema.columns` gives (data_type ARRAY, udt_name, numeric
 * precision and scale), read from the catalog directly (planning the information_schema view took
 * 10 ms of every run). The caller has begun the transaction.
 */
export async function catalogTables(
  client: pg.Client,
  tables: string[],
  schema: string | undefined,
): Promise<ServerTables> {
  const list = await rows(
    client,
    `
    SELECT n.nspname, c.relname, a.attname,
      CASE WHEN t.typcategory = 'A' THEN 'ARRAY' ELSE '' END,
      coalesce(bt.typname, t.typname),
      CASE WHEN coalesce(bt.oid, t.oid) = 1700 AND coalesce(nullif(a.atttypmod, -1), t.typtypmod) >= 4 THEN ((coalesce(nullif(a.atttypmod, -1), t.typtypmod) - 4) >> 16) & 65535 END,
      CASE WHEN coalesce(bt.oid, t.oid) = 1700 AND coalesce(nullif(a.atttypmod, -1), t.typtypmod) >= 4 THEN (coalesce(nullif(a.atttypmod, -1), t.typtypmod) - 4) & 65535 END,
      current_setting('server_version'), current_database()
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
    WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'v', 'm', 'f', 'p') AND a.attnum > 0 AND NOT a.attisdropped
      AND (CASE WHEN $2::text IS NULL THEN n.nspname = ANY(current_schemas(false)) ELSE n.nspname = $2::text END)
      AND has_column_privilege(c.oid, a.attnum, 'SELECT')
    ORDER BY c.relname, array_position(current_schemas(false), n.nspname), a.attnum`,
    [tables, schema ?? null],
  );
  const schemas: TableSchemas = {};
  const found: Record<string, string> = {};
  // The server's version and database ride along (one round trip less per run).
  const server = list[0] ? { version: String(list[0][7]), database: String(list[0][8]) } : null;
  for (const [tableSchema, table, column, dataType, udt, precision, scale] of list) {
    if (!table || !tableSchema || !column) continue;
    found[table] ??= tableSchema;
    if (found[table] !== tableSchema) continue; // a later schema on the path: shadowed
    (schemas[table] ??= []).push({
      name: column,
      type: duckTypeOfColumn({
        data_type: dataType ?? '',
        udt_name: udt ?? '',
        numeric_precision: precision === null || precision === undefined ? null : Number(precision),
        numeric_scale: scale === null || scale === undefined ? null : Number(scale),
      }),
    });
  }
  return { schemas, found, server };
}
