/**
 * The one seam between the engine and the pure compiler (shared/segments/compiler). A run's
 * definition is prepared once for DuckDB (each table read at the run's snapshot, the as-of as a
 * constant, parsed SQL expressions), its lookup-ambiguity checks run first, and the engine then
 * composes `source AS e WHERE <where(rule)>` into counts, members, tiers, explain and funnel.
 */
import { ApiError } from '../../../../shared/api/protocol';
import type { SegmentDiagnostic } from '../../../../shared/api/segmentsApi';
import type { DialectName } from '../../../../shared/segments/dialectNames';
import {
  Frag,
  compileScheme,
  compileSegment,
  getDialect,
  prepareDefinition,
  render,
  type CompileAsOf,
  type PreparedDefinition,
} from '../../../../shared/segments/compiler';
import { isSchemeDefinition, type Definition, type TableSchemas } from '../../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../../shared/segments/sqlExpr/types';
import type { SqlParam, Workspace } from '../../workspace/workspace';
import { assertNoErrors, rootDiagnostics } from '../definitions/definitionSource';
import type { RunContext } from './runContext';
import { quoteIdent } from '../../db/sql';

export interface RenderedQuery {
  sql: string;
  params: SqlParam[];
}

export interface CompileOptions {
  dialect: DialectName;
  schemas: TableSchemas;
  relations?: Record<string, string>;
  asOf: CompileAsOf;
  sqlExprs: ParsedSqlExprs;
  inline?: boolean;
}

export interface CompiledDefinition {
  sql: string;
  params: (string | number | boolean | null)[];
  diagnostics: SegmentDiagnostic[];
}

/** Compile a whole definition for a dialect: members' keys (segment) or keys with their tier (scheme). */
export function compileDefinitionSql(def: Definition, opts: CompileOptions): CompiledDefinition {
  const ctx = {
    dialect: opts.dialect,
    schemas: opts.schemas,
    asOf: opts.asOf,
    sqlExprs: opts.sqlExprs,
    ...(opts.relations ? { relations: opts.relations } : {}),
    ...(opts.inline ? { inline: true } : {}),
  };
  const out = isSchemeDefinition(def) ? compileScheme(def, ctx) : compileSegment(def, ctx);
  return {
    sql: out.sql,
    params: out.params,
    diagnostics: out.diagnostics.map((x) => ({ path: x.path, message: x.message, severity: x.severity })),
  };
}

const prepared = new WeakMap<RunContext, PreparedDefinition>();

/** The run's definition prepared for DuckDB at its snapshots (cached per run). */
export function preparedFor(ctx: RunContext): PreparedDefinition {
  let p = prepared.get(ctx);
  if (!p) {
    const relations: Record<string, string> = {};
    for (const [table, snap] of Object.entries(ctx.snapshots)) relations[table] = snap.relation;
    p = prepareDefinition(ctx.loaded.definition, {
      dialect: 'duckdb',
      schemas: ctx.schemas,
      relations,
      asOf: { kind: 'instant', at: ctx.asOf.iso },
      sqlExprs: ctx.sqlExprs,
    });
    prepared.set(ctx, p);
  }
  return p;
}

/** Fail with invalid_input when the compiler reported errors (after `where` calls add theirs). */
export function assertCompiled(ctx: RunContext): void {
  assertNoErrors(ctx.loaded.file, rootDiagnostics(preparedFor(ctx).diagnostics, ctx.loaded.defPath));
}

/** Lookup metrics must match at most one related row per key (docs/rules.md, SPEC §4): refuse naming example keys. */
export async function checkLookups(ws: Workspace, ctx: RunContext): Promise<void> {
  const p = preparedFor(ctx);
  for (const check of p.lookupChecks) {
    const q = p.render(check.query);
    const rows = await ws.query(q.sql, q.params);
    if (rows.length) {
      const keys = rows.map((r) => `'${String(r.key)}' (${String(r.rows)} rows)`).join(', ');
      throw new ApiError(
        'invalid_input',
        `Lookup metric '${check.metric}' is ambiguous: several related rows match one key, e.g. ${keys}. Nothing is picked silently; fix the data or choose another key.`,
        { metric: check.metric, examples: rows },
      );
    }
  }
}

/**
 * Render a query over `source AS e` with `where(rule)`; `head` is the select list. Placeholders
 * start at `firstIndex` (the query goes after parameters of its own caller).
 */
export function renderOverSource(
  ctx: RunContext,
  head: string,
  rule: unknown,
  tail = '',
  firstIndex = 1,
): RenderedQuery {
  const p = preparedFor(ctx);
  const where = p.where(rule as never);
  assertCompiled(ctx);
  const out = render(
    new Frag([`SELECT ${head} FROM `, ...p.source.parts, ' AS e WHERE ', ...where.parts, tail]),
    getDialect('duckdb'),
    firstIndex,
  );
  return { sql: out.sql, params: out.params };
}

/** SELECT of the member keys of `rule` (a part of the run's definition or the whole). */
export function compileMembers(ctx: RunContext, rule: unknown, firstIndex = 1): RenderedQuery {
  return renderOverSource(ctx, `e.${preparedFor(ctx).key}`, rule, '', firstIndex);
}

/**
 * One statement of pushed-down WHERE counts, one branch per run (`SELECT i AS k, count(*) AS n …
 * UNION ALL …`): the shape docs/architecture.md, SPEC §11.3 measured fastest for many counts. Placeholders are numbered
 * across branches by rendering the whole statement once.
 */
export function renderUnionCounts(items: { ctx: RunContext; rule: unknown }[]): RenderedQuery {
  const parts: (string | Frag['parts'][number])[] = [];
  items.forEach(({ ctx, rule }, i) => {
    const p = preparedFor(ctx);
    const where = p.where(rule as never);
    assertCompiled(ctx);
    if (i > 0) parts.push(' UNION ALL ');
    parts.push(`SELECT ${i} AS k, count(*) AS n FROM `, ...p.source.parts, ' AS e WHERE ', ...where.parts);
  });
  const out = render(new Frag(parts), getDialect('duckdb'));
  return { sql: out.sql, params: out.params };
}

/**
 * Every row of a scheme's entity with the chosen columns and its tier (`"tier"`, first matching
 * tier wins, else `otherwise`): what a scheme export writes. `tail` follows the WHERE (ORDER BY).
 */
export function renderSchemeRows(ctx: RunContext, head: string, tail: string): RenderedQuery {
  const p = preparedFor(ctx);
  const tier = p.tierName();
  assertCompiled(ctx);
  const out = p.render(
    new Frag([`SELECT ${head}, `, ...tier.parts, ' AS "tier" FROM ', ...p.source.parts, ' AS e', tail]),
  );
  return { sql: out.sql, params: out.params };
}

/** Rows (and measure sums and non-NULL values) per tier of a scheme, `otherwise` last: one grouped scan. */
export function renderTierCounts(ctx: RunContext, measures: readonly string[]): RenderedQuery {
  const p = preparedFor(ctx);
  const tier = p.tierIndex();
  assertCompiled(ctx);
  const sums = measures
    .map((m, i) => `, CAST(sum(e.${quoteIdent(m)}) AS DOUBLE) AS s${i}, count(e.${quoteIdent(m)}) AS c${i}`)
    .join('');
  const out = p.render(
    new Frag(['SELECT ', ...tier.parts, ` AS t, count(*) AS n${sums} FROM `, ...p.source.parts, ' AS e GROUP BY 1']),
  );
  return { sql: out.sql, params: out.params };
}
