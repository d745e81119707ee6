// Compiled DuckDB SQL executed on a hand-written table (test/fixtures/segments/fixtureTables.sql);
// every expected member set below was worked out by hand from those rows, as-of 2026-03-31T10:00:00Z.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileMetrics,
  compileScheme,
  compileSegment,
  compileWhere,
  join,
  prepareDefinition,
  raw,
  sql,
  type CompileContext,
} from '../../../../shared/segments/compiler';
import type {
  Metric,
  Rule,
  SchemeDefinition,
  SegmentDefinition,
  TableSchemas,
} from '../../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../../shared/segments/sqlExpr/types';
import { firstColumn, memoryDuckDb } from '../segmentsTestUtils';
import { ALL, cases, metricCases, metrics, sqlCases, sqlMetric, sqlTexts } from './fixtureCases';
import { parseAll } from './parseForTests';
import type { DuckDBConnection } from '@duckdb/node-api';

let sqlExprs: ParsedSqlExprs = {};

let conn: DuckDBConnection;
let close: () => void;
let schemas: TableSchemas;

beforeAll(async () => {
  ({ conn, close } = await memoryDuckDb());
  const fixture = readFileSync(resolve(__dirname, '../../../fixtures/segments/fixtureTables.sql'), 'utf8');
  for (const stmt of fixture
    .replace(/^--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await conn.run(stmt);
  schemas = {};
  for (const t of ['accounts', 'tickets', 'vip', 'crm', 'crm2']) {
    const rows = (await conn.runAndReadAll(`DESCRIBE ${t}`)).getRowObjectsJS();
    schemas[t] = rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }
  sqlExprs = await parseAll(sqlTexts, [...schemas.accounts!.map((c) => c.name), ...metrics.map((m) => m.name)]);
});
afterAll(() => close());

const ctx = (): CompileContext => ({
  dialect: 'duckdb',
  schemas,
  asOf: { kind: 'instant', at: '2026-03-31T10:00:00Z' },
  sqlExprs,
});
const def = (where: Rule, metrics: Metric[] = []): SegmentDefinition => ({
  entity: { table: 'accounts', key: 'id' },
  metrics,
  where,
});

async function members(where: Rule, metrics: Metric[] = []): Promise<string[]> {
  const compiled = compileSegment(def(where, metrics), ctx());
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const got = await firstColumn(conn, compiled.sql, compiled.params);
  // The same SQL with its values written in runs as it is and selects the same rows.
  const inline = compileSegment(def(where, metrics), { ...ctx(), inline: true });
  expect(inline.params).toEqual([]);
  expect(await firstColumn(conn, inline.sql, [])).toEqual(got);
  return got;
}

describe('compiled DuckDB SQL on a hand-written table', () => {
  for (const [title, where, expected] of cases) {
    it(title, async () => {
      expect(await members(where)).toEqual(expected);
      // The negation is exactly the rest of the table.
      expect(await members({ not: where })).toEqual(ALL.filter((id) => !expected.includes(id)));
    });
  }
});

describe('metrics', () => {
  for (const [title, where, expected] of metricCases) {
    it(title, async () => {
      expect(await members(where, metrics)).toEqual(expected);
      expect(await members({ not: where }, metrics)).toEqual(ALL.filter((id) => !expected.includes(id)));
    });
  }
  it('lookup checks report ambiguous keys that match entity rows, and only those', async () => {
    const ok = compileSegment(def({ all: [] }, metrics), ctx());
    expect(ok.lookupChecks).toHaveLength(1);
    expect((await conn.runAndReadAll(ok.lookupChecks[0]!.sql, ok.lookupChecks[0]!.params)).getRowsJS()).toEqual([]);
    const amb = compileSegment(
      def({ all: [] }, [
        { name: 'ind', kind: 'lookup', from: 'crm2', on: { entity: 'id', related: 'id' }, column: 'industry' },
      ]),
      ctx(),
    );
    const rows = (await conn.runAndReadAll(amb.lookupChecks[0]!.sql, amb.lookupChecks[0]!.params)).getRowsJS();
    expect(rows.map((r) => [r[0], Number(r[1])])).toEqual([['a01', 2]]);
  });
});

describe('SQL rules and expr metrics, parsed by the engine parser', () => {
  for (const [title, where, expected] of sqlCases) {
    it(title, async () => {
      expect(await members(where, [...metrics, sqlMetric])).toEqual(expected);
      expect(await members({ not: where }, [...metrics, sqlMetric])).toEqual(
        ALL.filter((id) => !expected.includes(id)),
      );
    });
  }
});

describe('composing fragments (how the engine builds funnels and flags)', () => {
  it('renders many where() fragments in one statement with placeholders numbered in text order', async () => {
    const picked = cases.filter(([title]) => !title.includes('SqlRule')).slice(0, 25);
    const p = prepareDefinition(def({ all: [] }, metrics), ctx());
    const counts = picked.map(([, where]) => sql`count(*) FILTER (WHERE ${p.where(where)})`);
    const flags = picked.map(([, where]) => sql`coalesce(${p.where(where, { negate: true })}, FALSE)`);
    const q = p.render(sql`SELECT ${join(counts, ', ')}, ${raw('count(*)')} FROM ${p.source} AS e`);
    expect(p.diagnostics).toEqual([]);
    const row = (await conn.runAndReadAll(q.sql, q.params)).getRowsJS()[0]!;
    expect(row.map(Number)).toEqual([...picked.map(([, , expected]) => expected.length), 10]);
    const f = p.render(sql`SELECT e."id", ${join(flags, ', ')} FROM ${p.source} AS e ORDER BY e."id"`);
    const flagRows = (await conn.runAndReadAll(f.sql, f.params)).getRowsJS();
    picked.forEach(([title, , expected], i) => {
      expect(
        flagRows.filter((r) => r[i + 1] === true).map((r) => r[0]),
        title,
      ).toEqual(ALL.filter((id) => !expected.includes(id)));
    });
  });
  it('compileMetrics gives the entity rows with one column per metric', async () => {
    const m = compileMetrics(def({ all: [] }, metrics), ctx());
    const rows = (
      await conn.runAndReadAll(
        `SELECT e.id, e.t30, e.minutes30, e.inactive, e.industry FROM ${m.sql} AS e ORDER BY e.id`,
        m.params,
      )
    ).getRowsJS();
    expect(rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)))).toEqual([
      ['a01', 2, 15, 0, 'saas'],
      ['a02', 2, 3, 30, 'retail'],
      ['a03', 0, 0, 30, null],
      ['a04', 0, 0, null, null],
      ['a05', 0, 0, 0, null],
      ['a06', 0, 0, -1, null],
      ['a07', 0, 0, 90, null],
      ['a08', 0, 0, 31, null],
      ['a09', 0, 0, -91, null],
      ['a10', 0, 0, 1, null],
    ]);
  });
  it('compileWhere gives a standalone boolean over alias e', async () => {
    const w = compileWhere(def({ all: [] }), { field: 'plan', op: 'eq', value: 'pro' }, ctx());
    const rows = (
      await conn.runAndReadAll(`SELECT e.id FROM accounts AS e WHERE ${w.sql} ORDER BY 1`, w.params)
    ).getRowsJS();
    expect(rows.map((r) => r[0])).toEqual(['a01', 'a07']);
  });
});

describe('schemes', () => {
  it('assigns the first matching tier, else otherwise', async () => {
    const scheme: SchemeDefinition = {
      entity: { table: 'accounts', key: 'id' },
      tiers: [
        { name: 'High', where: { field: 'mrr', op: 'gte', value: 100 } },
        { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 50 } },
      ],
      otherwise: 'Low',
    };
    const compiled = compileScheme(scheme, ctx());
    expect(compiled.diagnostics).toEqual([]);
    const rows = (await conn.runAndReadAll(compiled.sql, compiled.params))
      .getRowsJS()
      .map((r) => `${r[0]}:${r[1]}`)
      .sort();
    expect(rows).toEqual([
      'a01:High',
      'a02:Low',
      'a03:Low',
      'a04:Low',
      'a05:Mid',
      'a06:High',
      'a07:Low',
      'a08:Mid',
      'a09:Low',
      'a10:Low',
    ]);
  });
});
