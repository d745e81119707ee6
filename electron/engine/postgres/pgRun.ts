/**
 * A definition prepared for a run on a PostgreSQL server (issue 13): the same steps as a workspace
 * run (runContext.ts) with the server in place of snapshots. The tables the definition reads are
 * found and described on the server (serverTables.ts), their columns named as DuckDB types, and the
 * docs/definition-files.md (SPEC §5) check runs with the workspace's own code and wording
 * (`compatProblems`). Then SQL texts are parsed by the DuckDB guard, the definition is validated,
 * the as-of resolved to a constant, the definition prepared for the postgres dialect on
 * schema-qualified relations, and lookup ambiguity checked on
 * the server. Counts and member selects compose the compiler's fragments; values are parameters.
 */
import type pg from 'pg';
import { ApiError } from '../../../shared/api/protocol';
import type { PgServerInfo } from '../../../shared/api/postgresApi';
import type { MeasureValue, TierCount } from '../../../shared/api/segmentsApi';
import {
  Frag,
  getDialect,
  prepareDefinition,
  render,
  type PreparedDefinition,
} from '../../../shared/segments/compiler';
import { tierNames, type TableSchemas } from '../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../shared/segments/sqlExpr/types';
import { typeInfo } from '../../../shared/segments/types';
import { validateDefinition } from '../../../shared/segments/validate';
import { quoteIdent } from '../db/sql';
import type { ScalarRunner } from '../sqlGuard/parseSqlExpr';
import { resolveAsOf, type ResolvedAsOf } from '../segments/runs/asOf';
import { assertNoErrors, rootDiagnostics, type LoadedDefinition } from '../segments/definitions/definitionSource';
import { compatProblems, relatedTables } from '../segments/runs/runContext';
import { membershipRule } from '../segments/runs/segmentRuns';
import { parseDefinitionSql, withoutUnchecked } from '../sqlGuard/sqlExprs';
import type { ResolvedServer } from './connection';
import { rows, serverTables } from './serverTables';

export interface PgRun {
  loaded: LoadedDefinition;
  entity: { table: string; key: string };
  server: ResolvedServer;
  info: PgServerInfo;
  schemas: TableSchemas;
  sqlExprs: ParsedSqlExprs;
  asOf: ResolvedAsOf;
  warnings: string[];
  prepared: PreparedDefinition;
}

export interface RenderedPg {
  sql: string;
  params: (string | number | boolean)[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export async function serverInfo(
  client: pg.Client,
  server: ResolvedServer,
  tables: Record<string, string>,
  known?: { version: string; database: string } | null,
): Promise<PgServerInfo> {
  const [row] = known
    ? [[known.version, known.database]]
    : await rows(client, `SELECT current_setting('server_version'), current_database()`);
  return {
    engine: 'postgres',
    version: String(row?.[0] ?? ''),
    database: String(row?.[1] ?? server.database),
    host: server.host,
    port: server.port,
    user: server.user,
    tables,
  };
}

/** The UTC calendar date of an instant, YYYY-MM-DD. */
function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export async function preparePgRun(
  client: pg.Client,
  server: ResolvedServer,
  loaded: LoadedDefinition,
  parser: ScalarRunner,
  opts: { asOf?: string; now?: Date },
): Promise<PgRun> {
  assertNoErrors(loaded.file, loaded.diagnostics);
  const label = loaded.file ?? 'definition';
  const def = loaded.definition;
  const entity: unknown = def.entity; // not validated yet: a draft may lack it
  if (!isRecord(entity) || typeof entity.table !== 'string' || typeof entity.key !== 'string')
    throw new ApiError('invalid_input', `${label}: entity must name a table and a key`);
  const table = entity.table;
  const tables = [table, ...relatedTables(def).filter((t) => t !== table)];
  const { schemas, found, server: version } = await serverTables(client, tables, server.schema);
  const where = server.schema ? `schema '${server.schema}'` : 'its search_path';
  if (!schemas[table]) {
    throw new ApiError(
      'invalid_input',
      `${label}: the definition's entity table '${table}' is not on PostgreSQL at ${server.host}:${server.port}/${server.database} (looked in ${where}).`,
      { fields: [`table ${table} is missing`] },
    );
  }
  const parsed = await parseDefinitionSql(parser, def, schemas);
  // The workspace's compatibility rules and wording (docs/definition-files.md, SPEC §5), on the server's columns.
  const compat = compatProblems(def, schemas, parsed.exprs);
  if (compat.blocking.length) {
    throw new ApiError(
      'invalid_input',
      `${label}: fields missing or changed type on PostgreSQL at ${server.host}:${server.port}/${server.database}: ${compat.blocking.join('; ')}`,
      { fields: compat.blocking },
    );
  }
  const warnings = [...compat.notes];
  const diagnostics = [
    ...rootDiagnostics(parsed.diagnostics, loaded.defPath),
    ...rootDiagnostics(
      withoutUnchecked(validateDefinition(def, schemas, { sqlExprs: parsed.exprs }), parsed.diagnostics),
      loaded.defPath,
    ),
  ];
  assertNoErrors(loaded.file, diagnostics);
  warnings.push(...diagnostics.filter((x) => x.severity === 'warning').map((x) => x.message));
  const now = opts.now ?? new Date();
  // A server's tables have no snapshot: "snapshot" as-of means the data as it is today (UTC).
  const asOf = resolveAsOf(def.asOf, utcDay(now), opts.asOf, now);
  if (asOf.source === 'snapshot')
    warnings.push(
      `asOf is "snapshot": a server's tables have no snapshot, so this ran as of today's UTC date (${utcDay(now)}); pass --as-of to choose`,
    );
  const relations: Record<string, string> = {};
  for (const [t, s] of Object.entries(found)) relations[t] = `${quoteIdent(s)}.${quoteIdent(t)}`;
  const prepared = prepareDefinition(def, {
    dialect: 'postgres',
    schemas,
    relations,
    asOf: { kind: 'instant', at: asOf.iso },
    sqlExprs: parsed.exprs,
  });
  const info = await serverInfo(client, server, found, version);
  const run: PgRun = {
    loaded,
    entity: { table, key: entity.key },
    server,
    info,
    schemas,
    sqlExprs: parsed.exprs,
    asOf,
    warnings,
    prepared,
  };
  assertCompiledPg(run);
  await checkLookupsPg(client, run);
  return run;
}

function assertCompiledPg(run: PgRun): void {
  assertNoErrors(run.loaded.file, rootDiagnostics(run.prepared.diagnostics, run.loaded.defPath));
}

/** Lookup metrics match at most one related row per key (docs/rules.md, SPEC §4), checked on the server. */
async function checkLookupsPg(client: pg.Client, run: PgRun): Promise<void> {
  for (const check of run.prepared.lookupChecks) {
    const q = run.prepared.render(check.query);
    const found = await rows(client, q.sql, q.params);
    if (found.length) {
      const keys = found.map((r) => `'${String(r[0])}' (${String(r[1])} rows)`).join(', ');
      throw new ApiError(
        'invalid_input',
        `Lookup metric '${check.metric}' is ambiguous: several related rows match one key, e.g. ${keys}. Nothing is picked silently; fix the data or choose another key.`,
        { metric: check.metric },
      );
    }
  }
}

/** Entity columns and metric names a query over the source may read. */
export function pgSourceNames(run: PgRun): Set<string> {
  const names = new Set((run.schemas[run.entity.table] ?? []).map((c) => c.name));
  const metrics = run.loaded.definition.metrics;
  if (Array.isArray(metrics)) for (const m of metrics) if (isRecord(m) && typeof m.name === 'string') names.add(m.name);
  return names;
}

function checkNames(run: PgRun, names: readonly string[], what: string): void {
  const known = pgSourceNames(run);
  const missing = names.filter((n) => !known.has(n));
  if (missing.length)
    throw new ApiError(
      'invalid_input',
      `${what} ${missing.map((m) => `'${m}'`).join(', ')}: no such column or metric in ${run.entity.table} on the server`,
    );
}

function renderPg(frag: Frag): RenderedPg {
  return render(frag, getDialect('postgres'));
}

/** The entity key for ORDER BY in byte order (DuckDB's), whatever the database's collation. */
function orderKey(run: PgRun): string {
  const key = `e.${quoteIdent(run.entity.key)}`;
  const type = run.schemas[run.entity.table]?.find((c) => c.name === run.entity.key)?.type ?? '';
  return typeInfo(type).family === 'string' ? `${key} COLLATE "C"` : key;
}

function isScheme(run: PgRun): boolean {
  return run.loaded.kind === 'scheme';
}

/**
 * A segment's count, the entity's total and measures in one scan: membership is computed once per
 * row and counted with FILTER, so the total costs no second pass over the table (NULL = out, as in WHERE).
 */
export function renderSegmentCount(run: PgRun, measures: readonly string[]): RenderedPg {
  checkNames(run, measures, 'Cannot measure');
  const p = run.prepared;
  const where = p.where(membershipRule(run.loaded.definition) as never);
  assertCompiledPg(run);
  const inner = measures.map((m, i) => `, e.${quoteIdent(m)} AS m${i}`).join('');
  const outer = measures
    .map((_, i) => `, sum(x.m${i}) FILTER (WHERE x.__in) AS s${i}, avg(x.m${i}) FILTER (WHERE x.__in) AS a${i}`)
    .join('');
  return renderPg(
    new Frag([
      `SELECT count(*) FILTER (WHERE x.__in) AS n, count(*) AS total${outer} FROM (SELECT (`,
      ...where.parts,
      `) AS __in${inner} FROM `,
      ...p.source.parts,
      ' AS e) AS x',
    ]),
  );
}

/** A scheme's rows per tier (index; `otherwise` last) with measure sums and non-NULL counts: one grouped scan. */
export function renderTierCount(run: PgRun, measures: readonly string[]): RenderedPg {
  checkNames(run, measures, 'Cannot measure');
  const p = run.prepared;
  const tier = p.tierIndex();
  assertCompiledPg(run);
  const sums = measures
    .map((m, i) => `, CAST(sum(e.${quoteIdent(m)}) AS DOUBLE PRECISION) AS s${i}, count(e.${quoteIdent(m)}) AS c${i}`)
    .join('');
  return renderPg(
    new Frag(['SELECT ', ...tier.parts, ` AS t, count(*) AS n${sums} FROM `, ...p.source.parts, ' AS e GROUP BY 1']),
  );
}

const num = (v: string | null | undefined): number | null => {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export interface PgCounted {
  count: number;
  total: number;
  measures: MeasureValue[];
  tiers?: TierCount[];
}

export async function countOnServer(client: pg.Client, run: PgRun, measures: readonly string[]): Promise<PgCounted> {
  const share = (n: number, total: number) => (total === 0 ? null : n / total);
  const loaded = run.loaded;
  if (loaded.kind === 'segment') {
    const q = renderSegmentCount(run, measures);
    const [row] = await rows(client, q.sql, q.params);
    return {
      count: Number(row?.[0] ?? 0),
      total: Number(row?.[1] ?? 0),
      measures: measures.map((column, i) => ({ column, sum: num(row?.[2 + 2 * i]), avg: num(row?.[3 + 2 * i]) })),
    };
  }
  const def = loaded.definition;
  const list = def.tiers;
  const q = renderTierCount(run, measures);
  const grouped = await rows(client, q.sql, q.params);
  const at = (i: number) => grouped.find((r) => Number(r[0]) === i);
  const total = grouped.reduce((a, r) => a + Number(r[1]), 0);
  const tiers = tierNames(def).map((name, i) => {
    const count = Number(at(i)?.[1] ?? 0);
    return { name, count, share: share(count, total) };
  });
  const named = grouped.filter((r) => Number(r[0]) < list.length);
  const count = named.reduce((a, r) => a + Number(r[1]), 0);
  return {
    count,
    total,
    tiers,
    measures: measures.map((column, i) => {
      const values = named.reduce((a, r) => a + Number(r[3 + 2 * i] ?? 0), 0);
      const sum = values ? named.reduce((a, r) => a + (num(r[2 + 2 * i]) ?? 0), 0) : null;
      return { column, sum, avg: sum === null ? null : sum / values };
    }),
  };
}

/**
 * The rows an export writes, in key order (byte order, as the workspace's exports): a segment's
 * members with the chosen columns, or every row of a scheme with its tier as a last column.
 */
export function renderMembers(run: PgRun, columns: readonly string[]): RenderedPg {
  checkNames(run, columns, 'No column or metric');
  const p = run.prepared;
  const head = columns.map((c) => `e.${quoteIdent(c)}`).join(', ');
  const order = ` ORDER BY ${orderKey(run)}`;
  if (isScheme(run)) {
    const tier = p.tierName();
    assertCompiledPg(run);
    return renderPg(
      new Frag([`SELECT ${head}, `, ...tier.parts, ' AS "tier" FROM ', ...p.source.parts, ` AS e${order}`]),
    );
  }
  const where = p.where(membershipRule(run.loaded.definition) as never);
  assertCompiledPg(run);
  return renderPg(new Frag([`SELECT ${head} FROM `, ...p.source.parts, ' AS e WHERE ', ...where.parts, order]));
}
