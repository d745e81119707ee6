/**
 * SQL helpers for the queries of a comparison over its mask source (`FROM <from> AS e`, see
 * maskTable.ts): quoting, membership bits, rendering with numbered parameters, and what kind of
 * field a column or merged metric is (measures must be numbers).
 */
import { ApiError } from '../../../shared/api/protocol';
import { Frag, getDialect, render } from '../../../shared/segments/compiler';
import { buildScope, type ScopeEntry } from '../../../shared/segments/scope';
import { typeInfo } from '../../../shared/segments/types';
import { quoteIdent } from '../db/sql';
import type { Workspace } from '../workspace/workspace';
import type { CompareRun } from './compareRun';
import type { MaskSource } from './maskTable';

export type Part = Frag['parts'][number];

export const BLANK = `' ' || chr(9) || chr(13) || chr(10)`;
export const col = (name: string): string => `e.${quoteIdent(name)}`;
export const bit = (mask: string, i: number): string => `(e.${mask} & ${2 ** i}) <> 0`;

export function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A query over the mask source: `head`, FROM it AS e, then `tail`; placeholders from `firstIndex`. */
export function over(
  src: MaskSource,
  head: readonly Part[],
  tail: readonly Part[] = [],
  firstIndex = 1,
): { sql: string; params: (string | number | boolean | null)[] } {
  const out = render(
    new Frag([...head, ' FROM ', ...src.from.parts, ' AS e', ...tail]),
    getDialect('duckdb'),
    firstIndex,
  );
  return { sql: out.sql, params: out.params };
}

export type FieldFamily = 'text' | 'number' | 'date' | 'timestamp' | 'boolean' | 'other';

/** What a column or merged metric is, for measures and dimensions. */
export async function fieldFamily(ws: Workspace, run: CompareRun, src: MaskSource, name: string): Promise<FieldFamily> {
  const scope = buildScope(run.merged.schemas, run.entity.table, [...run.metrics.values()]);
  const entry: ScopeEntry | undefined = scope.get(name);
  if (!entry)
    throw new ApiError(
      'invalid_input',
      `No column or metric '${name}' in ${run.entity.table} or the compared definitions.`,
    );
  let type = entry.type;
  if (type === null) {
    // An expression metric's type is DuckDB's to say: ask for an empty result.
    const q = over(src, [`SELECT ${col(name)}`], [' LIMIT 0']);
    type = (await ws.queryResult(q.sql, q.params)).columns[0]?.type ?? 'VARCHAR';
  }
  const family = typeInfo(type).family;
  return family === 'string' ? 'text' : family;
}

/** Measures must be numbers: a clear refusal otherwise. */
export async function checkMeasures(
  ws: Workspace,
  run: CompareRun,
  src: MaskSource,
  measures: readonly string[],
): Promise<void> {
  for (const m of measures) {
    const family = await fieldFamily(ws, run, src, m);
    if (family !== 'number')
      throw new ApiError(
        'invalid_input',
        `Cannot measure '${m}': it is ${family === 'text' ? 'text' : `a ${family}`} column, not a number. Choose a numeric column or metric.`,
      );
  }
}
