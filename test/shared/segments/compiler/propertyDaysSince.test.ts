// Property test for days-since comparisons, which compile to a comparison of the column with a
// constant instant (rules.ts, daysSinceComparison): on DATE, TIMESTAMP and TIMESTAMPTZ columns
// with values at, just before and just after UTC midnights, every <, ≤, >, ≥ against whole and
// fractional numbers, each rule and its negation, must select exactly the rows plain TypeScript
// picks from the whole UTC days between the value's date and the as-of date (§4). NULL is never in.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { join, prepareDefinition, raw, sql } from '../../../../shared/segments/compiler';
import type { Rule } from '../../../../shared/segments/model';
import { memoryDuckDb } from '../segmentsTestUtils';

const DAY_MS = 86_400_000;
const AS_OF = '2026-03-31T10:00:00Z';
const asOfDay = Date.UTC(2026, 2, 31);
const ops = ['lt', 'lte', 'gt', 'gte'] as const;
type Op = (typeof ops)[number];

// Instants around midnights a few days either side of the as-of date: the edges where a cast to a
// date and a comparison with midnight could disagree.
const instant = fc
  .tuple(fc.integer({ min: -12, max: 3 }), fc.constantFrom(0, 1, -1, 1000, -1000, 36_000_000, DAY_MS / 2, DAY_MS - 1))
  .map(([d, off]) => asOfDay + d * DAY_MS + off);
const row = fc.record({ at: fc.option(instant, { freq: 5, nil: null }) });
const condition = fc.record({
  op: fc.constantFrom<Op>(...ops),
  value: fc.oneof(
    fc.integer({ min: -3, max: 14 }),
    fc.integer({ min: -6, max: 28 }).map((h) => h / 2 + 0.25),
  ),
  negate: fc.boolean(),
});

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
/** Whole UTC days from the instant's date to the as-of date. */
const daysSince = (ms: number) => Math.round((asOfDay - Math.floor(ms / DAY_MS) * DAY_MS) / DAY_MS);
const compare = (op: Op, a: number, b: number) =>
  op === 'lt' ? a < b : op === 'lte' ? a <= b : op === 'gt' ? a > b : a >= b;

let conn: DuckDBConnection;
let close: () => void;
beforeAll(async () => {
  ({ conn, close } = await memoryDuckDb());
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(() => close());

describe('days-since comparisons equal whole UTC days compared with the value', () => {
  for (const type of ['DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE'] as const) {
    it(`on a ${type} column`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(row, { maxLength: 12 }),
          fc.array(condition, { minLength: 1, maxLength: 4 }),
          async (rows, conditions) => {
            await conn.run(`CREATE OR REPLACE TABLE t (id INTEGER, seen ${type})`);
            if (rows.length) {
              const lit = (ms: number | null) =>
                ms === null
                  ? 'NULL'
                  : type === 'DATE'
                    ? `DATE '${iso(ms).slice(0, 10)}'`
                    : `CAST('${iso(ms)}${type === 'TIMESTAMP' ? '' : '+00'}' AS ${type})`;
              await conn.run(`INSERT INTO t VALUES ${rows.map((r, i) => `(${i}, ${lit(r.at)})`).join(', ')}`);
            }
            const p = prepareDefinition(
              {
                entity: { table: 't', key: 'id' },
                metrics: [{ name: 'days', kind: 'daysSince', of: 'seen' }],
                where: { all: [] },
              },
              {
                dialect: 'duckdb',
                schemas: {
                  t: [
                    { name: 'id', type: 'INTEGER' },
                    { name: 'seen', type },
                  ],
                },
                asOf: { kind: 'instant', at: AS_OF },
              },
            );
            const rules: Rule[] = conditions.map((c) => ({ field: 'days', op: c.op, value: c.value }));
            const parts = rules.map(
              (w, i) =>
                sql`SELECT ${raw(String(i))} AS q, e.id FROM ${p.source} AS e WHERE ${p.where(w, { negate: conditions[i]!.negate })}`,
            );
            const q = p.render(join(parts, ' UNION ALL '));
            expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            // The rewrite is what runs: no date arithmetic left in the WHERE.
            for (const part of q.sql.split(' UNION ALL ')) expect(part.split(' WHERE ')[1]).not.toMatch(/"days"/);
            const got = (await conn.runAndReadAll(q.sql, q.params)).getRowsJS();
            conditions.forEach((c, i) => {
              const want = rows
                .map((r, id) => {
                  // DATE rows hold the instant's UTC date.
                  const inRule = r.at === null ? null : compare(c.op, daysSince(r.at), c.value);
                  // NULL is out of a rule and in its negation (the negated leaf is null-aware).
                  return (c.negate ? inRule !== true : inRule === true) ? id : null;
                })
                .filter((id): id is number => id !== null);
              const mine = got
                .filter((r) => Number(r[0]) === i)
                .map((r) => Number(r[1]))
                .sort((a, b) => a - b);
              expect([c, mine]).toEqual([c, want]);
            });
          },
        ),
        { numRuns: 300, seed: 7 },
      );
    }, 60_000);
  }
});
