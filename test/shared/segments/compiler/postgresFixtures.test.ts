// The postgres dialect on a real PostgreSQL server (SEGWB_PG_URL, started by .ci/run on loopback):
// the same hand-computed fixture cases as the DuckDB run must give the same member sets.
// SQL texts are parsed by the engine's real parser and rendered to PostgreSQL by shared/segments/sqlExpr.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScheme, compileSegment, getDialect, type CompileContext } from '../../../../shared/segments/compiler';
import type { Metric, Rule, SegmentDefinition, TableSchemas } from '../../../../shared/segments/model';
import { ALL, cases, metricCases, metrics, sqlCases, sqlMetric, sqlTexts } from './fixtureCases';
import { parseAll } from './parseForTests';
import type { ParsedSqlExprs } from '../../../../shared/segments/sqlExpr/types';

const url = process.env.SEGWB_PG_URL;
const schemaName = `seglang_${process.pid}`;

// Column types as DuckDB's DESCRIBE gives them for the fixture (the compiler takes DuckDB types).
const schemas: TableSchemas = {
  accounts: [
    ['id', 'VARCHAR'],
    ['name', 'VARCHAR'],
    ['plan', 'VARCHAR'],
    ['mrr', 'DOUBLE'],
    ['seats', 'INTEGER'],
    ['big', 'BIGINT'],
    ['flag', 'BOOLEAN'],
    ['signup', 'DATE'],
    ['seen', 'TIMESTAMP'],
    ['score', 'INTEGER'],
    ['seen_tz', 'TIMESTAMP WITH TIME ZONE'],
    ['price', 'DECIMAL(10,2)'],
  ].map(([name, type]) => ({ name: name!, type: type! })),
  tickets: [
    ['ticket_id', 'VARCHAR'],
    ['account_id', 'VARCHAR'],
    ['created_at', 'TIMESTAMP'],
    ['billable', 'BOOLEAN'],
    ['minutes', 'INTEGER'],
  ].map(([name, type]) => ({ name: name!, type: type! })),
  vip: [{ name: 'id', type: 'VARCHAR' }],
  crm: [
    { name: 'id', type: 'VARCHAR' },
    { name: 'industry', type: 'VARCHAR' },
  ],
  crm2: [
    { name: 'id', type: 'VARCHAR' },
    { name: 'industry', type: 'VARCHAR' },
  ],
};

describe.skipIf(!url)('compiled PostgreSQL on a real server agrees with the hand-computed sets', () => {
  let client: pg.Client;
  let sqlExprs: ParsedSqlExprs = {};
  beforeAll(async () => {
    sqlExprs = await parseAll(sqlTexts, [...schemas.accounts!.map((c) => c.name), ...metrics.map((m) => m.name)]);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET TimeZone = 'UTC'`);
    await client.query(
      `DROP SCHEMA IF EXISTS ${schemaName} CASCADE; CREATE SCHEMA ${schemaName}; SET search_path = ${schemaName}`,
    );
    const fixture = readFileSync(resolve(__dirname, '../../../fixtures/segments/fixtureTables.sql'), 'utf8')
      .replace(/^--.*$/gm, '')
      .replace(/\bDOUBLE\b/g, 'DOUBLE PRECISION');
    await client.query(fixture);
  });
  afterAll(async () => {
    await client?.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
    await client?.end();
  });

  const ctx = (): CompileContext => ({
    dialect: 'postgres',
    schemas,
    asOf: { kind: 'instant', at: '2026-03-31T10:00:00Z' },
    sqlExprs,
  });
  const members = async (where: Rule, ms: Metric[] = []) => {
    const def: SegmentDefinition = { entity: { table: 'accounts', key: 'id' }, metrics: ms, where };
    const compiled = compileSegment(def, ctx());
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const res = await client.query({ text: compiled.sql, values: compiled.params });
    const got = res.rows.map((r: Record<string, unknown>) => String(r.id)).sort();
    // Values written in as literals: the SQL runs as it is, without parameters, with the same rows.
    const inline = compileSegment(def, { ...ctx(), inline: true });
    expect(inline.params).toEqual([]);
    expect((await client.query(inline.sql)).rows.map((r: Record<string, unknown>) => String(r.id)).sort()).toEqual(got);
    return got;
  };
  for (const [title, where, expected] of cases) {
    it(title, async () => {
      expect(await members(where)).toEqual(expected);
      expect(await members({ not: where })).toEqual(ALL.filter((id) => !expected.includes(id)));
    });
  }
  for (const [title, where, expected] of sqlCases) {
    it(`sql: ${title}`, async () => {
      expect(await members(where, [...metrics, sqlMetric])).toEqual(expected);
      expect(await members({ not: where }, [...metrics, sqlMetric])).toEqual(
        ALL.filter((id) => !expected.includes(id)),
      );
    });
  }
  for (const [title, where, expected] of metricCases) {
    it(`metric: ${title}`, async () => {
      expect(await members(where, metrics)).toEqual(expected);
      expect(await members({ not: where }, metrics)).toEqual(ALL.filter((id) => !expected.includes(id)));
    });
  }
  it('inline string literals read back exactly', async () => {
    const tricky = ["it's", 'back\\slash', 'a\nb\r\tc', "''", "\\'", 'é ü %_', ''];
    for (const v of tricky) {
      const res = await client.query({
        text: `SELECT ${getDialect('postgres').stringLiteral(v)} = $1 AS same`,
        values: [v],
      });
      expect([v, res.rows[0].same]).toEqual([v, true]);
    }
  });
  it('scheme tiers', async () => {
    const compiled = compileScheme(
      {
        entity: { table: 'accounts', key: 'id' },
        tiers: [{ name: 'High', where: { field: 'mrr', op: 'gte', value: 100 } }],
        otherwise: 'Low',
      },
      ctx(),
    );
    const res = await client.query({ text: compiled.sql, values: compiled.params });
    expect(
      res.rows
        .filter((r: Record<string, unknown>) => r.tier === 'High')
        .map((r: Record<string, unknown>) => r.id)
        .sort(),
    ).toEqual(['a01', 'a06']);
  });
});
