/**
 * fast-check arbitraries for the property tests: random rows of table `t` (NULLs, quotes, %/_,
 * backslashes, blanks, month-end dates, timestamps), random rule trees over its columns, the as-ofs
 * they are evaluated at, and SQL literals to load the rows. Shared by the compiler's property test
 * and the compare engine's.
 */
import fc from 'fast-check';
import type { Rule, TableSchemas } from '../../../../shared/segments/model';
import type { RefKind } from '../referenceEvaluator';

const DAY_MS = 86_400_000;
export const kinds: Record<string, RefKind> = {
  s: 'string',
  n: 'number',
  x: 'number',
  d: 'date',
  t: 'timestamp',
  b: 'boolean',
  dc: 'number',
  tz: 'timestamp',
};
export const schemas: TableSchemas = {
  t: [
    { name: 'id', type: 'INTEGER' },
    { name: 's', type: 'VARCHAR' },
    { name: 'n', type: 'INTEGER' },
    { name: 'x', type: 'DOUBLE' },
    { name: 'd', type: 'DATE' },
    { name: 't', type: 'TIMESTAMP' },
    { name: 'b', type: 'BOOLEAN' },
    { name: 'dc', type: 'DECIMAL(10,2)' },
    { name: 'tz', type: 'TIMESTAMP WITH TIME ZONE' },
  ],
};
export const asOfs = [
  '2026-03-31T10:00:00Z',
  '2024-02-29T00:00:00Z',
  '2026-12-31T23:59:59Z',
  '2026-01-31T12:30:00Z',
  '2025-05-31T00:00:00Z',
];

const piece = fc.constantFrom('a', 'A', 'b', 'é', '%', '_', '\\', "'", ' ', '\t', '\n', '\r', 'ab', 'B%');
const str = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 4, nil: null });
const int = fc.integer({ min: -3, max: 3 });
const dbl = fc.constantFrom(-1.5, 0, 0.1, 1, 2.5, 3, 1e6);
// Days around the as-ofs, biased to month ends and their neighbours.
const baseDays = [
  Date.UTC(2024, 1, 29),
  Date.UTC(2026, 2, 31),
  Date.UTC(2026, 11, 31),
  Date.UTC(2026, 0, 31),
  Date.UTC(2025, 4, 31),
].map((ms) => ms / DAY_MS);
const day = fc.oneof(
  fc.tuple(fc.constantFrom(...baseDays), fc.integer({ min: -100, max: 100 })).map(([b, k]) => b + k),
  fc
    .tuple(
      fc.constantFrom(...baseDays),
      fc.constantFrom(-366, -365, -92, -91, -90, -31, -30, -29, -28, -8, -7, -1, 0, 1, 7, 28, 29, 30, 31, 91, 92),
    )
    .map(([b, k]) => b + k),
);
const dateStr = day.map((dn) => new Date(dn * DAY_MS).toISOString().slice(0, 10));
const tsMs = fc.oneof(
  fc.tuple(day, fc.integer({ min: 0, max: 86_399 })).map(([dn, s]) => dn * DAY_MS + s * 1000),
  fc
    .tuple(
      fc.constantFrom(...asOfs.map((a) => Date.parse(a))),
      fc.constantFrom(-31 * DAY_MS, -DAY_MS, -1000, 0, 1000, DAY_MS, 7 * DAY_MS),
    )
    .map(([a, k]) => a + k),
);

export const row = fc.record({
  s: nullable(str),
  n: nullable(int),
  x: nullable(dbl),
  d: nullable(dateStr),
  t: nullable(tsMs),
  b: nullable(fc.boolean()),
  dc: nullable(fc.constantFrom(-1.5, 0, 0.1, 0.25, 2.5, 3)),
  tz: nullable(tsMs),
});

const unit = fc.constantFrom('day', 'week', 'month', 'quarter', 'year');
const period = fc.constantFrom(
  'thisMonth',
  'lastMonth',
  'nextMonth',
  'thisQuarter',
  'lastQuarter',
  'nextQuarter',
  'thisYear',
  'lastYear',
);
const pct = fc.constantFrom(0.01, 1, 10, 12.5, 20, 33.33, 50, 99.99, 100);
const iso = tsMs.map((ms) => new Date(ms).toISOString());

const stringCond: fc.Arbitrary<Rule> = fc.oneof(
  fc.record({ field: fc.constant('s'), op: fc.constantFrom('eq', 'neq'), value: str, ignoreCase: fc.boolean() }),
  fc.record({ field: fc.constant('s'), op: fc.constantFrom('lt', 'lte', 'gt', 'gte'), value: str }),
  fc.record({
    field: fc.constant('s'),
    op: fc.constantFrom('in', 'notIn'),
    values: fc.array(str, { maxLength: 3 }),
    ignoreCase: fc.boolean(),
  }),
  fc.record({
    field: fc.constant('s'),
    op: fc.constantFrom('contains', 'notContains', 'startsWith', 'endsWith'),
    value: str,
  }),
  fc.record({
    field: fc.constant('s'),
    op: fc.constant('matches'),
    value: fc.constantFrom('^a', 'b', 'a.', '%', '^$', '_', '\\\\', "'", '^\\s*$'),
  }),
  fc.record({ field: fc.constant('s'), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
) as fc.Arbitrary<Rule>;
const numberCond = (field: string, value: fc.Arbitrary<number>): fc.Arbitrary<Rule> =>
  fc.oneof(
    fc.record({ field: fc.constant(field), op: fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte'), value }),
    fc.record({ field: fc.constant(field), op: fc.constant('between'), min: value, max: value }),
    fc.record({
      field: fc.constant(field),
      op: fc.constantFrom('in', 'notIn'),
      values: fc.array(value, { maxLength: 3 }),
    }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom('topPercent', 'bottomPercent'), value: pct }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
  ) as fc.Arbitrary<Rule>;
const timeCond = (field: string, value: fc.Arbitrary<string>): fc.Arbitrary<Rule> =>
  fc.oneof(
    fc.record({ field: fc.constant(field), op: fc.constantFrom('eq', 'neq', 'lt', 'gte'), value }),
    fc.record({ field: fc.constant(field), op: fc.constant('between'), min: value, max: value }),
    fc.record({
      field: fc.constant(field),
      op: fc.constantFrom('inLast', 'olderThan', 'inNext'),
      n: fc.integer({ min: 1, max: 13 }),
      unit,
    }),
    fc.record({ field: fc.constant(field), op: fc.constant('inPeriod'), period }),
    fc.record({ field: fc.constant(field), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
  ) as fc.Arbitrary<Rule>;
const boolCond = fc.oneof(
  fc.record({ field: fc.constant('b'), op: fc.constantFrom('isTrue', 'isFalse', 'isEmpty', 'isNotEmpty') }),
  fc.record({ field: fc.constant('b'), op: fc.constantFrom('eq', 'neq'), value: fc.boolean() }),
) as fc.Arbitrary<Rule>;

const leaf = fc.oneof(
  stringCond,
  numberCond('n', fc.oneof(int, dbl)),
  numberCond('x', fc.oneof(int, dbl)),
  timeCond('d', dateStr),
  timeCond('t', iso),
  boolCond,
  numberCond('dc', fc.oneof(int, dbl)),
  timeCond('tz', iso),
);
export const { rule } = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ) as fc.Arbitrary<Rule>,
}));

export function literal(v: unknown, kind: RefKind | 'id' | 'tz'): string {
  if (v === null) return 'NULL';
  if (kind === 'string') return `'${String(v).replaceAll("'", "''")}'`;
  if (kind === 'date') return `DATE '${v}'`;
  if (kind === 'timestamp') return `TIMESTAMP '${new Date(v as number).toISOString().replace('T', ' ').slice(0, 19)}'`;
  if (kind === 'tz') return `TIMESTAMPTZ '${new Date(v as number).toISOString().replace('T', ' ').slice(0, 19)}+00'`;
  return String(v);
}
