// renderSqlExpr per dialect: exact golden SQL of the portable subset for PostgreSQL, BigQuery and
// Snowflake (reviewed by hand), and the exact "not portable to <dialect>: <function>" failures.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionRunner, parseSqlExpr } from '../../../../electron/engine/sqlGuard/parseSqlExpr';
import { renderSqlExpr } from '../../../../shared/segments/sqlExpr/render';
import type { ParsedSqlExpr } from '../../../../shared/segments/sqlExpr/types';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const q = (name: string) => `"${name}"`;
async function parse(text: string): Promise<ParsedSqlExpr> {
  const r = await parseSqlExpr(connectionRunner(conn), text, ['a', 'b', 's', 'd']);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('renderSqlExpr', () => {
  it('duckdb runs the canonical text', async () => {
    const p = await parse('a>1   AND b<2');
    expect(renderSqlExpr(p, 'duckdb', q)).toEqual({ ok: true, sql: '((a > 1) AND (b < 2))' });
  });

  const golden: [string, string, string, string][] = [
    // source, postgres, bigquery, snowflake
    // DuckDB's parser itself turns NOT (b <= 2.5) into b > 2.5 (equal under NULLs too).
    [
      'a > 1 and not (b <= 2.5)',
      '(("a" > 1) AND ("b" > 2.5))',
      '(("a" > 1) AND ("b" > 2.5))',
      '(("a" > 1) AND ("b" > 2.5))',
    ],
    [
      'not (a > 1 or b is null)',
      '(NOT (("a" > 1) OR ("b" IS NULL)))',
      '(NOT (("a" > 1) OR ("b" IS NULL)))',
      '(NOT (("a" > 1) OR ("b" IS NULL)))',
    ],
    [
      'a / b >= 0.5',
      '((CASE WHEN "b" = 0 THEN CAST("a" AS DOUBLE PRECISION) * CAST(\'Infinity\' AS DOUBLE PRECISION) ELSE CAST("a" AS DOUBLE PRECISION) / "b" END) >= 0.5)',
      '(IEEE_DIVIDE(CAST("a" AS FLOAT64), CAST("b" AS FLOAT64)) >= 0.5)',
      '((CASE WHEN "b" = 0 THEN CAST("a" AS DOUBLE) * CAST(\'inf\' AS DOUBLE) ELSE CAST("a" AS DOUBLE) / "b" END) >= 0.5)',
    ],
    [
      "lower(s) = 'it''s' or s < 'x\\y'",
      '((LOWER("s") = \'it\'\'s\') OR ("s" < \'x\\y\' COLLATE "C"))',
      "((LOWER(\"s\") = 'it\\'s') OR (\"s\" < 'x\\\\y'))",
      "((LOWER(\"s\") = 'it\\'s') OR (\"s\" < 'x\\\\y'))",
    ],
    [
      'coalesce(a, 0) + abs(b) - round(a, 1) * length(s) > 3',
      '(((COALESCE("a", 0) + ABS("b")) - (ROUND(CAST("a" AS NUMERIC), 1) * LENGTH("s"))) > 3)',
      '(((COALESCE("a", 0) + ABS("b")) - (ROUND("a", 1) * LENGTH("s"))) > 3)',
      '(((COALESCE("a", 0) + ABS("b")) - (ROUND("a", 1) * LENGTH("s"))) > 3)',
    ],
    [
      "a IN (1, 2) AND s IS NOT NULL AND b BETWEEN 1 AND 3 AND upper(s) <> 'X'",
      '(("a" IN (1, 2)) AND ("s" IS NOT NULL) AND ("b" BETWEEN 1 AND 3) AND (UPPER("s") <> \'X\'))',
      '(("a" IN (1, 2)) AND ("s" IS NOT NULL) AND ("b" BETWEEN 1 AND 3) AND (UPPER("s") <> \'X\'))',
      '(("a" IN (1, 2)) AND ("s" IS NOT NULL) AND ("b" BETWEEN 1 AND 3) AND (UPPER("s") <> \'X\'))',
    ],
    [
      'CASE WHEN a > 1 THEN true ELSE false END',
      'CASE WHEN ("a" > 1) THEN TRUE ELSE FALSE END',
      'CASE WHEN ("a" > 1) THEN TRUE ELSE FALSE END',
      'CASE WHEN ("a" > 1) THEN TRUE ELSE FALSE END',
    ],
    [
      "d >= DATE '2026-01-01'",
      '("d" >= CAST(\'2026-01-01\' AS DATE))',
      '("d" >= CAST(\'2026-01-01\' AS DATE))',
      '("d" >= CAST(\'2026-01-01\' AS DATE))',
    ],
  ];

  it.each(golden)('%s', async (source, postgres, bigquery, snowflake) => {
    const p = await parse(source);
    expect(renderSqlExpr(p, 'postgres', q)).toEqual({ ok: true, sql: postgres });
    expect(renderSqlExpr(p, 'bigquery', q)).toEqual({ ok: true, sql: bigquery });
    expect(renderSqlExpr(p, 'snowflake', q)).toEqual({ ok: true, sql: snowflake });
  });

  const notPortable: [string, string][] = [
    ["regexp_matches(s, '^a')", 'regexp_matches'],
    ["s LIKE 'a%'", '~~'],
    ['a % 2 = 0', '%'],
    ["date_diff('day', d, d) > 1", 'date_diff'],
    ['greatest(a, b) > 1', 'greatest'],
    ['a // 2 > 1', '//'],
    ["s || 'x' = 'y'", '||'],
    ['CAST(a AS INTERVAL) IS NULL', 'CAST AS INTERVAL'],
  ];
  it.each(notPortable)('%s is not portable', async (source, fn) => {
    const p = await parse(source);
    for (const dialect of ['postgres', 'bigquery', 'snowflake'] as const) {
      expect(renderSqlExpr(p, dialect, q)).toEqual({ ok: false, error: `not portable to ${dialect}: ${fn}` });
    }
  });
});
