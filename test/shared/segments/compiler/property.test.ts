// Property test: random tables (NULLs, quotes, %/_, backslashes, blanks, month-end dates, timestamps)
// and random rule trees; the compiled DuckDB SQL must select exactly the rows the independent
// reference evaluator (../referenceEvaluator.ts) selects, and `not R` must be exactly the rest.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compileSegment } from '../../../../shared/segments/compiler';
import { ReferenceEvaluator, type RefRow } from '../referenceEvaluator';
import { firstColumn, memoryDuckDb } from '../segmentsTestUtils';
import { asOfs, kinds, literal, row, rule, schemas } from './ruleArbitraries';

let conn: DuckDBConnection;
let close: () => void;
beforeAll(async () => {
  ({ conn, close } = await memoryDuckDb());
});
afterAll(() => close());

describe('compiled DuckDB SQL agrees with the reference evaluator', () => {
  it('on 1000 random tables and rule trees; not R is exactly the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 12 }),
        fc.array(rule, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...asOfs),
        async (rows, rules, asOf) => {
          const values = rows.map(
            (r, i) =>
              `(${[
                literal(i, 'id'),
                literal(r.s, 'string'),
                literal(r.n, 'number'),
                literal(r.x, 'number'),
                literal(r.d, 'date'),
                literal(r.t, 'timestamp'),
                literal(r.b, 'boolean'),
                literal(r.dc, 'number'),
                literal(r.tz, 'tz'),
              ].join(', ')})`,
          );
          await conn.run(
            'CREATE OR REPLACE TABLE t (id INTEGER, s VARCHAR, n INTEGER, x DOUBLE, d DATE, t TIMESTAMP, b BOOLEAN, dc DECIMAL(10,2), tz TIMESTAMPTZ)',
          );
          if (values.length) await conn.run(`INSERT INTO t VALUES ${values.join(', ')}`);
          const refRows = rows.map((r) => ({ ...r }) as RefRow);
          const ref = new ReferenceEvaluator({ rows: refRows, kinds }, asOf);
          const all = rows.map((_, i) => String(i)).sort();
          for (const where of rules) {
            const expected = refRows
              .map((r, i) => (ref.matches(where, r) ? String(i) : null))
              .filter((x): x is string => x !== null)
              .sort();
            for (const negate of [false, true]) {
              const compiled = compileSegment(
                { entity: { table: 't', key: 'id' }, where: negate ? { not: where } : where },
                { dialect: 'duckdb', schemas, asOf: { kind: 'instant', at: asOf } },
              );
              const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
              if (errors.length) throw new Error(`compile errors: ${JSON.stringify(errors)}`);
              const got = await firstColumn(conn, compiled.sql, compiled.params);
              const want = negate ? all.filter((id) => !expected.includes(id)) : expected;
              // Values written in as literals (quotes, backslashes, line breaks and all) select the same rows.
              const inline = compileSegment(
                { entity: { table: 't', key: 'id' }, where: negate ? { not: where } : where },
                { dialect: 'duckdb', schemas, asOf: { kind: 'instant', at: asOf }, inline: true },
              );
              const gotInline = await firstColumn(conn, inline.sql, []);
              if (JSON.stringify(gotInline) !== JSON.stringify(got))
                throw new Error(
                  `inline SQL differs for ${JSON.stringify(where)}\nSQL: ${inline.sql}\ngot ${gotInline}\nwant ${got}`,
                );
              if (JSON.stringify(got) !== JSON.stringify(want)) {
                throw new Error(
                  `mismatch (negate=${negate}) for ${JSON.stringify(where)}\nSQL: ${compiled.sql}\nparams: ${JSON.stringify(compiled.params)}\ngot ${got}\nwant ${want}`,
                );
              }
            }
          }
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
  }, 120_000);
});
