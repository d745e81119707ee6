// Property test for metrics: random entity and related tables, aggregate metrics (count/sum/
// countDistinct/max with random windows and `where`) and daysSince, random rules over them; the
// compiled DuckDB result must equal what the reference computes in plain TypeScript from §3–§4.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { join, prepareDefinition, raw, sql } from '../../../../shared/segments/compiler';
import type { Metric, Rule, TableSchemas, Unit } from '../../../../shared/segments/model';
import { ReferenceEvaluator, shiftMs, type RefKind, type RefRow } from '../referenceEvaluator';
import { memoryDuckDb } from '../segmentsTestUtils';

const DAY_MS = 86_400_000;
const AS_OF = '2026-03-31T10:00:00Z';
const asOfMs = Date.parse(AS_OF);
const schemas: TableSchemas = {
  t: [
    { name: 'id', type: 'INTEGER' },
    { name: 'd', type: 'DATE' },
  ],
  r: [
    { name: 'k', type: 'INTEGER' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'v', type: 'INTEGER' },
    { name: 'flag', type: 'BOOLEAN' },
  ],
};
const metricNames = ['m_cnt', 'm_sum', 'm_dist', 'm_max', 'm_days'];
const kinds: Record<string, RefKind> = Object.fromEntries(metricNames.map((m) => [m, 'number' as RefKind]));

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 4, nil: null });
const day = fc
  .integer({ min: -200, max: 60 })
  .map((k) => new Date(Date.UTC(2026, 2, 31) + k * DAY_MS).toISOString().slice(0, 10));
const at = fc.oneof(
  fc.integer({ min: -120 * 86_400, max: 5 * 86_400 }).map((s) => asOfMs + s * 1000),
  fc.constantFrom(-7 * DAY_MS, -DAY_MS, 0, 1000, -1000).map((k) => asOfMs + k),
  fc.constantFrom(Date.UTC(2026, 1, 28, 10), Date.UTC(2026, 1, 28, 9, 59, 59), Date.UTC(2025, 11, 31, 10)),
);
const entityRows = fc.array(fc.record({ d: nullable(day) }), { maxLength: 10 });
const relatedRows = fc.array(
  fc.record({
    k: nullable(fc.integer({ min: 0, max: 11 })),
    at: nullable(at),
    v: nullable(fc.integer({ min: -2, max: 3 })),
    flag: nullable(fc.boolean()),
  }),
  { maxLength: 20 },
);
const windowArb = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  unit: fc.constantFrom<Unit>('day', 'week', 'month', 'quarter'),
});

const small = fc.integer({ min: -2, max: 4 });
const metricLeaf = fc.oneof(
  fc.record({ field: fc.constantFrom(...metricNames), op: fc.constantFrom('eq', 'neq', 'gt', 'lte'), value: small }),
  fc.record({ field: fc.constantFrom(...metricNames), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
  fc.record({
    field: fc.constantFrom(...metricNames),
    op: fc.constantFrom('topPercent', 'bottomPercent'),
    value: fc.constantFrom(1, 25, 50, 100),
  }),
  fc.record({
    field: fc.constantFrom(...metricNames),
    op: fc.constantFrom('in', 'notIn'),
    values: fc.array(small, { maxLength: 2 }),
  }),
) as fc.Arbitrary<Rule>;
const { rule } = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'xsmall' },
    metricLeaf,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ) as fc.Arbitrary<Rule>,
}));

const lit = (v: unknown, kind: 'int' | 'date' | 'ts' | 'bool') =>
  v === null
    ? 'NULL'
    : kind === 'date'
      ? `DATE '${v}'`
      : kind === 'ts'
        ? `TIMESTAMP '${new Date(v as number).toISOString().replace('T', ' ').slice(0, 19)}'`
        : String(v);

let conn: DuckDBConnection;
let close: () => void;
beforeAll(async () => {
  ({ conn, close } = await memoryDuckDb());
});
afterAll(() => close());

describe('metrics agree with the reference computation', () => {
  it('on 1000 random entity/related tables, windows and rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        entityRows,
        relatedRows,
        windowArb,
        fc.boolean(),
        fc.array(rule, { minLength: 1, maxLength: 2 }),
        async (ents, rels, win, withWhere, rules) => {
          await conn.run('CREATE OR REPLACE TABLE t (id INTEGER, d DATE)');
          await conn.run('CREATE OR REPLACE TABLE r (k INTEGER, "at" TIMESTAMP, v INTEGER, flag BOOLEAN)');
          if (ents.length)
            await conn.run(`INSERT INTO t VALUES ${ents.map((e, i) => `(${i}, ${lit(e.d, 'date')})`).join(', ')}`);
          if (rels.length)
            await conn.run(
              `INSERT INTO r VALUES ${rels.map((r) => `(${lit(r.k, 'int')}, ${lit(r.at, 'ts')}, ${lit(r.v, 'int')}, ${lit(r.flag, 'bool')})`).join(', ')}`,
            );
          const on = { entity: 'id', related: 'k' };
          const window = { column: 'at', ...win };
          const where: Rule | undefined = withWhere ? { field: 'flag', op: 'isTrue' } : undefined;
          const metrics: Metric[] = [
            { name: 'm_cnt', kind: 'aggregate', from: 'r', on, fn: 'count', window, ...(where ? { where } : {}) },
            { name: 'm_sum', kind: 'aggregate', from: 'r', on, fn: 'sum', of: 'v', window },
            { name: 'm_dist', kind: 'aggregate', from: 'r', on, fn: 'countDistinct', of: 'v' },
            { name: 'm_max', kind: 'aggregate', from: 'r', on, fn: 'max', of: 'v', ...(where ? { where } : {}) },
            { name: 'm_days', kind: 'daysSince', of: 'd' },
          ];
          // Reference: §4 computed directly on the arrays.
          const lo = shiftMs(asOfMs, -win.n, win.unit);
          const asOfDay = Date.UTC(2026, 2, 31);
          const refRows: RefRow[] = ents.map((e, i) => {
            const mine = rels.filter((r) => r.k === i);
            const inWin = mine.filter((r) => r.at !== null && lo <= r.at && r.at <= asOfMs);
            const cnt = inWin.filter((r) => !withWhere || r.flag === true).length;
            const sum = inWin.reduce((acc, r) => acc + (r.v ?? 0), 0);
            const dist = new Set(mine.map((r) => r.v).filter((v) => v !== null)).size;
            const maxVals = mine
              .filter((r) => (!withWhere || r.flag === true) && r.v !== null)
              .map((r) => r.v as number);
            const days = e.d === null ? null : Math.round((asOfDay - Date.parse(`${e.d}T00:00:00Z`)) / DAY_MS);
            return {
              m_cnt: cnt,
              m_sum: sum,
              m_dist: dist,
              m_max: maxVals.length ? Math.max(...maxVals) : null,
              m_days: days,
            };
          });
          const ref = new ReferenceEvaluator({ rows: refRows, kinds }, AS_OF);
          const all = ents.map((_, i) => String(i)).sort();
          // One statement per run: each rule and its negation as `SELECT <n>, key … WHERE <rule>` (the
          // compiled WHERE shape), UNION ALL, placeholders numbered across the whole statement.
          const p = prepareDefinition(
            { entity: { table: 't', key: 'id' }, metrics, where: { all: [] } },
            { dialect: 'duckdb', schemas, asOf: { kind: 'instant', at: AS_OF } },
          );
          const parts = rules.flatMap((w, i) =>
            [false, true].map(
              (negate) =>
                sql`SELECT ${raw(String(2 * i + (negate ? 1 : 0)))} AS q, e.id FROM ${p.source} AS e WHERE ${p.where(w, { negate })}`,
            ),
          );
          const q = p.render(join(parts, ' UNION ALL '));
          const errors = p.diagnostics.filter((d) => d.severity === 'error');
          if (errors.length) throw new Error(`compile errors: ${JSON.stringify(errors)}`);
          const rows = (await conn.runAndReadAll(q.sql, q.params)).getRowsJS();
          rules.forEach((w, i) => {
            const expected = refRows
              .map((row, j) => (ref.matches(w, row) ? String(j) : null))
              .filter((x): x is string => x !== null)
              .sort();
            for (const negate of [false, true]) {
              const got = rows
                .filter((r) => Number(r[0]) === 2 * i + (negate ? 1 : 0))
                .map((r) => String(r[1]))
                .sort();
              const want = negate ? all.filter((id) => !expected.includes(id)) : expected;
              if (JSON.stringify(got) !== JSON.stringify(want)) {
                throw new Error(
                  `mismatch (negate=${negate}) for ${JSON.stringify(w)}\nrefRows ${JSON.stringify(refRows)}\ngot ${got}\nwant ${want}`,
                );
              }
            }
          });
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
  }, 120_000);
});
