/**
 * The compiler's public API (§3–§5, §7 `compile`). Pure and total: never throws; problems come back
 * as diagnostics and the engine refuses to run anything with an error diagnostic.
 *
 * - `compileSegment(def, ctx)` → `SELECT <key> FROM … WHERE …` selecting the members' entity keys.
 * - `compileScheme(def, ctx)` → `SELECT <key>, CASE … END AS "tier"` (first matching tier wins).
 * - `prepareDefinition(def, ctx)` → the parts the engine composes into count, members, funnel,
 *   explain and overlap queries: the entity source (alias it `e`), `where(rule)` fragments over `e`,
 *   `render(frag)` to number placeholders, lookup ambiguity checks to run first.
 */
import {
  diag,
  isSchemeDefinition,
  type Definition,
  type Diagnostic,
  type Rule,
  type SchemeDefinition,
  type SegmentDefinition,
} from '../model';
import { buildScope, columnsOf } from '../scope';
import { validateDefinition } from '../validate';
import { CompileState, type CompileContext } from './context';
import { type Frag, join, param, raw, render, renderInline, sql, type ParamValue, type RenderedSql } from './fragment';
import { entitySource, type LookupCheck } from './metrics';
import { compileRule, type RuleSource } from './rules';

export interface CompiledSql extends RenderedSql {
  diagnostics: Diagnostic[];
  /** Queries the engine runs before `sql`: any row returned means an ambiguous lookup (report its keys). */
  lookupChecks: { metric: string; sql: string; params: ParamValue[] }[];
}

export interface PreparedDefinition {
  /** FROM-able relation of every entity row with metric columns; alias it `e` for `where` fragments. */
  source: Frag;
  /** The quoted entity key column name. */
  key: string;
  /** Boolean SQL of a rule over alias `e` (default the definition's `where`); `negate` gives its exact complement. */
  where(rule?: Rule, options?: { negate?: boolean; path?: string }): Frag;
  /**
   * The one first-match CASE of a scheme over alias `e`: `CASE WHEN <tier 0> THEN value(0) … ELSE
   * value(n) END` (n = the number of tiers: `otherwise`); a NULL condition does not match, so the
   * next tier is tried. A segment is a scheme of one tier, its members (0), otherwise the rest (1).
   */
  tierCase(value: (tier: number) => Frag): Frag;
  /** tierCase giving the tier's index (`otherwise`: the number of tiers; a segment: 0 in, 1 out). */
  tierIndex(): Frag;
  /** tierCase giving the tier's name as a VARCHAR parameter (`otherwise`: its name). */
  tierName(): Frag;
  lookupChecks: LookupCheck[];
  /** Validation and compile diagnostics so far (grows as `where` is called). */
  diagnostics: Diagnostic[];
  render(frag: Frag): RenderedSql;
}

export const ENTITY_ALIAS = 'e';

/** The value tierName gives tier `i`: its name; past the tiers, `otherwise` ('' when missing). */
function tierNameAt(def: Definition, i: number): string {
  if (!isSchemeDefinition(def)) return '';
  const tiers = Array.isArray(def.tiers) ? def.tiers : [];
  if (i < tiers.length) return String(tiers[i]!.name);
  return typeof def.otherwise === 'string' ? def.otherwise : '';
}

export function prepareDefinition(def: Definition, ctx: CompileContext): PreparedDefinition {
  const table = def?.entity?.table ?? '';
  const st = new CompileState(ctx, table);
  const validation = validateDefinition(def, ctx.schemas, ctx.sqlExprs ? { sqlExprs: ctx.sqlExprs } : {});
  const diagnostics: Diagnostic[] = [...validation];
  const seen = new Set(validation.map((d) => d.message));
  const sync = () => {
    for (const d of st.diagnostics.splice(0))
      if (!seen.has(d.message)) {
        seen.add(d.message);
        diagnostics.push(d);
      }
  };
  if (!columnsOf(ctx.schemas, table)) {
    if (!seen.has(`entity.table: table '${table}' not found`))
      diagnostics.push(diag('entity.table', `table '${table}' not found`));
    return {
      source: raw('(SELECT 1 WHERE FALSE)'),
      key: '1',
      where: () => raw('FALSE'),
      tierCase: (value) => value(0),
      tierIndex: () => raw('0'),
      tierName: () => sql`${param(tierNameAt(def, 0), 'VARCHAR')}`,
      lookupChecks: [],
      diagnostics,
      render: (f) => (ctx.inline ? { sql: renderInline(f, st.dialect), params: [] } : render(f, st.dialect)),
    };
  }
  const source = entitySource(def, st);
  sync();
  const metrics = Array.isArray(def.metrics) ? def.metrics : [];
  const scope = buildScope(ctx.schemas, table, metrics);
  const metricNames = new Set(metrics.map((m) => m.name));
  const src: RuleSource = {
    scope,
    field: (n) => raw(`${ENTITY_ALIAS}.${st.ident(n)}`),
    alias: ENTITY_ALIAS,
    all: (n) => (metricNames.has(n) ? entitySource(def, st, new Set([n])).relation : st.relation(table)),
  };
  const defaultRule = isSchemeDefinition(def) ? { any: [] } : (def as SegmentDefinition).where;
  const where = (rule: Rule = defaultRule, options: { negate?: boolean; path?: string } = {}): Frag => {
    const frag = compileRule(rule, options.path ?? 'where', src, st, options.negate ?? false);
    sync();
    return frag;
  };
  const scheme = isSchemeDefinition(def);
  const tiers = scheme && Array.isArray(def.tiers) ? def.tiers : [];
  const tierCase = (value: (tier: number) => Frag): Frag => {
    if (!scheme) return sql`CASE WHEN ${where()} THEN ${value(0)} ELSE ${value(1)} END`;
    if (!tiers.length) return value(0);
    const whens = tiers.map((t, i) => sql`WHEN ${where(t.where, { path: `tiers[${i}].where` })} THEN ${value(i)}`);
    return sql`CASE ${join(whens, ' ')} ELSE ${value(tiers.length)} END`;
  };
  return {
    source: source.relation,
    key: st.ident(def.entity.key),
    where,
    tierCase,
    tierIndex: () => tierCase((i) => raw(String(i))),
    tierName: () => tierCase((i) => sql`${param(tierNameAt(def, i), 'VARCHAR')}`),
    lookupChecks: source.lookupChecks,
    diagnostics,
    render: (f) => (ctx.inline ? { sql: renderInline(f, st.dialect), params: [] } : render(f, st.dialect)),
  };
}

function finish(p: PreparedDefinition, query: Frag): CompiledSql {
  const rendered = p.render(query);
  return {
    ...rendered,
    diagnostics: p.diagnostics,
    lookupChecks: p.lookupChecks.map((c) => ({ metric: c.metric, ...p.render(c.query) })),
  };
}

/** SQL selecting the entity key of every member, with positional parameters for the dialect. */
export function compileSegment(def: SegmentDefinition, ctx: CompileContext): CompiledSql {
  const p = prepareDefinition(def, ctx);
  const where = p.where();
  return finish(
    p,
    sql`SELECT ${raw(`${ENTITY_ALIAS}.${p.key}`)} FROM ${p.source} AS ${raw(ENTITY_ALIAS)} WHERE ${where}`,
  );
}

/** Boolean SQL of one rule within a definition's scope (alias `e`), e.g. for a funnel step. */
export function compileWhere(def: Definition, rule: Rule, ctx: CompileContext, negate = false): CompiledSql {
  const p = prepareDefinition(def, ctx);
  return finish(p, p.where(rule, { negate }));
}

/**
 * The entity source with metrics as columns (aggregates/lookups as LEFT JOINed grouped subqueries,
 * daysSince/expr inline), rendered on its own: `SELECT … FROM (<sql>) AS e` gives every metric.
 */
export function compileMetrics(def: Definition, ctx: CompileContext): CompiledSql {
  const p = prepareDefinition(def, ctx);
  return finish(p, p.source);
}

/** SQL selecting each entity key with its tier name (`"tier"`), first matching tier wins, else `otherwise`. */
export function compileScheme(def: SchemeDefinition, ctx: CompileContext): CompiledSql {
  const p = prepareDefinition(def, ctx);
  const caseExpr = p.tierName();
  return finish(
    p,
    sql`SELECT ${raw(`${ENTITY_ALIAS}.${p.key}`)}, ${caseExpr} AS ${raw(p.key === '"tier"' ? '"__tier"' : '"tier"')} FROM ${p.source} AS ${raw(ENTITY_ALIAS)}`,
  );
}
