// Exact SQL per dialect for a few fixtures (reviewed by hand: placeholders, quoting, typed casts,
// byte-order comparison, LIKE escapes, regex anchoring, trimming set, month arithmetic, now-mode).
import { describe, expect, it } from 'vitest';
import { compileSegment, type DialectName } from '../../../../shared/segments/compiler';
import type { Rule, SegmentDefinition, TableSchemas } from '../../../../shared/segments/model';

const schemas: TableSchemas = {
  accounts: [
    { name: 'id', type: 'VARCHAR' },
    { name: 'plan', type: 'VARCHAR' },
    { name: 'name', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
    { name: 'signup', type: 'DATE' },
    { name: 'seen', type: 'TIMESTAMP' },
    { name: 'we"ird`col', type: 'INTEGER' },
  ],
};
const def = (where: Rule): SegmentDefinition => ({ entity: { table: 'accounts', key: 'id' }, where });
const at = { kind: 'instant', at: '2026-03-31T10:00:00Z' } as const;

const mixed = def({
  all: [
    { field: 'plan', op: 'eq', value: 'pro', ignoreCase: true },
    { field: 'name', op: 'contains', value: '50%' },
    { field: 'signup', op: 'inLast', n: 1, unit: 'month' },
    { not: { field: 'mrr', op: 'gt', value: 2.5 } },
    { field: 'name', op: 'isEmpty' },
    { field: 'name', op: 'matches', value: '^a' },
    { field: 'plan', op: 'lt', value: 'b' },
  ],
});
const mixedParams = ['pro', '%50\\%%', '2026-02-28', '2026-03-31', 2.5, '^a', 'b'];

const golden: Record<DialectName, string> = {
  duckdb: `SELECT e."id" FROM "accounts" AS e WHERE (lower(e."plan") = lower(CAST($1 AS VARCHAR)) AND lower(e."name") LIKE lower(CAST($2 AS VARCHAR)) ESCAPE '\\' AND e."signup" BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE) AND coalesce(NOT (e."mrr" > CAST($5 AS DOUBLE)), TRUE) AND coalesce(trim(e."name", ' ' || chr(9) || chr(13) || chr(10)) = '', TRUE) AND regexp_matches(e."name", CAST($6 AS VARCHAR)) AND e."plan" < CAST($7 AS VARCHAR))`,
  postgres: `SELECT e."id" FROM "accounts" AS e WHERE (lower(e."plan") = lower(CAST($1 AS TEXT)) AND lower(e."name") LIKE lower(CAST($2 AS TEXT)) ESCAPE '\\' AND e."signup" BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE) AND coalesce(NOT (e."mrr" > CAST($5 AS DOUBLE PRECISION)), TRUE) AND coalesce(btrim(e."name", E' \\t\\r\\n') = '', TRUE) AND (e."name" ~ CAST($6 AS TEXT)) AND e."plan" COLLATE "C" < CAST($7 AS TEXT))`,
  bigquery: `SELECT e.\`id\` FROM \`accounts\` AS e WHERE (lower(e.\`plan\`) = lower(CAST(@p1 AS STRING)) AND lower(e.\`name\`) LIKE lower(CAST(@p2 AS STRING)) AND e.\`signup\` BETWEEN CAST(@p3 AS DATE) AND CAST(@p4 AS DATE) AND coalesce(NOT (e.\`mrr\` > CAST(@p5 AS FLOAT64)), TRUE) AND coalesce(TRIM(e.\`name\`, ' \\t\\r\\n') = '', TRUE) AND REGEXP_CONTAINS(e.\`name\`, CAST(@p6 AS STRING)) AND e.\`plan\` < CAST(@p7 AS STRING))`,
  snowflake: `SELECT e."id" FROM "accounts" AS e WHERE (lower(e."plan") = lower(CAST(? AS VARCHAR)) AND lower(e."name") LIKE lower(CAST(? AS VARCHAR)) ESCAPE '\\\\' AND e."signup" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) AND coalesce(NOT (e."mrr" > CAST(? AS DOUBLE)), TRUE) AND coalesce(TRIM(e."name", ' \\t\\r\\n') = '', TRUE) AND (REGEXP_INSTR(e."name", CAST(? AS VARCHAR)) > 0) AND COLLATE(e."plan", 'utf8') < CAST(? AS VARCHAR))`,
};

describe('golden SQL', () => {
  for (const dialect of Object.keys(golden) as DialectName[]) {
    it(`${dialect}: placeholders, casts, collation, LIKE escape, regex, trim set, clamped month`, () => {
      const r = compileSegment(mixed, { dialect, schemas, asOf: at });
      expect(r.diagnostics).toEqual([]);
      expect(r.sql).toBe(golden[dialect]);
      expect(r.params).toEqual(mixedParams);
    });
  }
  it('topPercent by exact nearest rank in integers: OFFSET k-1 where OFFSET takes a subquery, else row_number', () => {
    const rule = def({ field: 'mrr', op: 'topPercent', value: 12.5 });
    const duck = compileSegment(rule, { dialect: 'duckdb', schemas, asOf: at });
    expect(duck.sql).toBe(
      'SELECT e."id" FROM "accounts" AS e WHERE e."mrr" >= (SELECT __t."mrr" FROM "accounts" AS __t WHERE __t."mrr" IS NOT NULL ORDER BY __t."mrr" DESC LIMIT 1 OFFSET (SELECT greatest((count(__t."mrr") * CAST($1 AS BIGINT) + 9999) // 10000 - 1, 0) FROM "accounts" AS __t))',
    );
    expect(duck.params).toEqual([1250]);
    expect(compileSegment(rule, { dialect: 'postgres', schemas, asOf: at }).sql).toContain(
      'OFFSET (SELECT greatest((count(__t."mrr") * CAST($1 AS BIGINT) + 9999) / 10000 - 1, 0) FROM "accounts" AS __t)',
    );
    const sf = compileSegment(def({ field: 'mrr', op: 'bottomPercent', value: 10 }), {
      dialect: 'snowflake',
      schemas,
      asOf: at,
    });
    expect(sf.sql).toBe(
      'SELECT e."id" FROM "accounts" AS e WHERE e."mrr" <= (SELECT max(__s.__v) FROM (SELECT __t."mrr" AS __v, row_number() OVER (ORDER BY __t."mrr" ASC) AS __rn, count(*) OVER () AS __n FROM "accounts" AS __t WHERE __t."mrr" IS NOT NULL) AS __s WHERE __s.__rn * 10000 <= __s.__n * CAST(? AS BIGINT) + 9999)',
    );
    expect(sf.params).toEqual([1000]);
  });
  it('asOf now on warehouses uses their current UTC date, never a constant', () => {
    const rule = def({ field: 'signup', op: 'inLast', n: 2, unit: 'quarter' });
    const now = { kind: 'now' } as const;
    expect(compileSegment(rule, { dialect: 'postgres', schemas, asOf: now }).sql).toBe(
      `SELECT e."id" FROM "accounts" AS e WHERE e."signup" BETWEEN CAST(CAST((now() AT TIME ZONE 'UTC') AS DATE) + CAST($1 AS INTEGER) * INTERVAL '1 month' AS DATE) AND CAST((now() AT TIME ZONE 'UTC') AS DATE)`,
    );
    expect(compileSegment(rule, { dialect: 'bigquery', schemas, asOf: now }).sql).toBe(
      "SELECT e.`id` FROM `accounts` AS e WHERE e.`signup` BETWEEN DATE_ADD(CURRENT_DATE('UTC'), INTERVAL CAST(@p1 AS INT64) MONTH) AND CURRENT_DATE('UTC')",
    );
    const sf = compileSegment(rule, { dialect: 'snowflake', schemas, asOf: now });
    expect(sf.sql).toBe(
      `SELECT e."id" FROM "accounts" AS e WHERE e."signup" BETWEEN DATEADD(month, CAST(? AS INTEGER), CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()) AS DATE)) AND CAST(CONVERT_TIMEZONE('UTC', CURRENT_TIMESTAMP()) AS DATE)`,
    );
    expect(sf.params).toEqual([-6]);
    const ts = compileSegment(def({ field: 'seen', op: 'olderThan', n: 3, unit: 'day' }), {
      dialect: 'bigquery',
      schemas,
      asOf: now,
    });
    expect(ts.sql).toBe(
      "SELECT e.`id` FROM `accounts` AS e WHERE e.`seen` < DATETIME_ADD(CURRENT_DATETIME('UTC'), INTERVAL CAST(@p1 AS INT64) DAY)",
    );
  });
  it('keeps far relative bounds within years 0001–9999 (valid literals, same result)', () => {
    const r = compileSegment(
      def({
        all: [
          { field: 'signup', op: 'inLast', n: 900000, unit: 'year' },
          { field: 'seen', op: 'inNext', n: 900000, unit: 'year' },
        ],
      }),
      { dialect: 'duckdb', schemas, asOf: at },
    );
    expect(r.params).toEqual(['0001-01-01', '2026-03-31', '2026-03-31 10:00:00.000000', '9999-12-31 10:00:00.000000']);
  });
  it('timestamps bind as TIMESTAMP constants matching the column, instants normalised to UTC', () => {
    const r = compileSegment(def({ field: 'seen', op: 'gte', value: '2026-03-31T01:30:00+02:00' }), {
      dialect: 'duckdb',
      schemas,
      asOf: at,
    });
    expect(r.sql).toBe('SELECT e."id" FROM "accounts" AS e WHERE e."seen" >= CAST($1 AS TIMESTAMP)');
    expect(r.params).toEqual(['2026-03-30 23:30:00.000000']);
  });
  it('never puts values in SQL text and quotes identifiers', () => {
    const evil = "x'); DROP TABLE accounts; --";
    for (const dialect of Object.keys(golden) as DialectName[]) {
      const r = compileSegment(
        def({
          any: [
            { field: 'plan', op: 'in', values: [evil] },
            { field: 'we"ird`col', op: 'eq', value: 424242 },
          ],
        }),
        { dialect, schemas, asOf: at },
      );
      expect(r.sql).not.toContain('DROP');
      expect(r.sql).not.toContain('424242');
      expect(r.params).toEqual([evil, 424242]);
      expect(r.sql).toContain(dialect === 'bigquery' ? '`we"ird\\`col`' : '"we""ird`col"');
    }
  });
  it('reports unknown fields (exact case) and non-portable SQL as diagnostics, never throws', () => {
    const r = compileSegment(def({ field: 'Plan', op: 'eq', value: 'x' }), { dialect: 'duckdb', schemas, asOf: at });
    expect(r.diagnostics.map((d) => d.severity)).toContain('error');
    expect(r.sql).not.toContain('"Plan"');
    const sqlRule = def({ sql: "regexp_full_match(plan, 'a')" });
    const sqlExprs = {
      "regexp_full_match(plan, 'a')": {
        source: '',
        canonical: "regexp_full_match(plan, 'a')",
        ast: { class: 'FUNCTION', type: 'FUNCTION', function_name: 'regexp_full_match', children: [] },
        columns: ['plan'],
      },
    };
    const pgr = compileSegment(sqlRule, { dialect: 'postgres', schemas, asOf: at, sqlExprs });
    expect(pgr.diagnostics.map((d) => d.message).join()).toContain('not portable to postgres');
    expect(compileSegment(sqlRule, { dialect: 'duckdb', schemas, asOf: at, sqlExprs }).sql).toContain(
      "(regexp_full_match(plan, 'a'))",
    );
    expect(() =>
      compileSegment(null as unknown as SegmentDefinition, { dialect: 'duckdb', schemas, asOf: at }),
    ).not.toThrow();
  });
});
