// Hand-computed fixture cases shared by the DuckDB and PostgreSQL runs of the compiler: each expected
// member set was worked out by hand from test/fixtures/segments/fixtureTables.sql, as-of 2026-03-31T10:00:00Z.
import type { Metric, Rule } from '../../../../shared/segments/model';

export const ALL = ['a01', 'a02', 'a03', 'a04', 'a05', 'a06', 'a07', 'a08', 'a09', 'a10'];
export const ids = (...n: number[]) => n.map((i) => `a${String(i).padStart(2, '0')}`);

export const cases: [string, Rule, string[]][] = [
  ['eq is exact', { field: 'plan', op: 'eq', value: 'pro' }, ids(1, 7)],
  [
    'eq ignoreCase lowers both sides, keeps spaces',
    { field: 'plan', op: 'eq', value: 'PRO', ignoreCase: true },
    ids(1, 4, 7),
  ],
  ['neq is true for NULL', { field: 'plan', op: 'neq', value: 'pro' }, ids(2, 3, 4, 5, 6, 8, 9, 10)],
  ['in [] matches none', { field: 'plan', op: 'in', values: [] }, []],
  ['notIn [] matches all', { field: 'plan', op: 'notIn', values: [] }, ALL],
  ['notIn is true for NULL', { field: 'plan', op: 'notIn', values: ['free', 'starter'] }, ids(1, 4, 5, 6, 7, 8)],
  ['in ignoreCase', { field: 'plan', op: 'in', values: ['Free', 'PRO'], ignoreCase: true }, ids(1, 2, 4, 7, 10)],
  ['contains % is literal', { field: 'name', op: 'contains', value: '%' }, ids(3, 9)],
  ['contains _ is literal', { field: 'name', op: 'contains', value: '_' }, ids(3, 8)],
  ['contains \\ is literal', { field: 'name', op: 'contains', value: '\\' }, ids(7)],
  ['startsWith is case-insensitive', { field: 'name', op: 'startsWith', value: 'a' }, ids(1, 8, 9)],
  ['endsWith', { field: 'name', op: 'endsWith', value: 'F' }, ids(3)],
  ['notContains is true for NULL', { field: 'name', op: 'notContains', value: 'b' }, ids(1, 3, 4, 5, 6, 10)],
  ['isEmpty: NULL, empty, space/tab/CR/LF only', { field: 'name', op: 'isEmpty' }, ids(4, 5, 6)],
  ['isNotEmpty', { field: 'name', op: 'isNotEmpty' }, ids(1, 2, 3, 7, 8, 9, 10)],
  ['isEmpty on a number is NULL', { field: 'mrr', op: 'isEmpty' }, ids(4)],
  ['quotes in values', { field: 'name', op: 'eq', value: "O'Brien" }, ids(2)],
  ['gt on DOUBLE', { field: 'mrr', op: 'gt', value: 2.5 }, ids(1, 5, 6, 8, 10)],
  ['2.5 against INTEGER stays 2.5', { field: 'seats', op: 'gt', value: 2.5 }, ids(1, 4, 6, 9, 10)],
  ['eq 2.5 against INTEGER matches nothing', { field: 'seats', op: 'eq', value: 2.5 }, []],
  ['integers beyond 2^31', { field: 'big', op: 'gt', value: 2147483647 }, ids(1, 2, 6)],
  ['2^53 compared exactly against BIGINT', { field: 'big', op: 'gt', value: 9007199254740992 }, ids(6)],
  ['DECIMAL vs 0.1', { field: 'price', op: 'eq', value: 0.1 }, ids(1)],
  ['DECIMAL gt', { field: 'price', op: 'gt', value: 2.5 }, ids(5, 6, 8, 10)],
  ['isTrue', { field: 'flag', op: 'isTrue' }, ids(1, 4, 7, 9)],
  ['isFalse', { field: 'flag', op: 'isFalse' }, ids(2, 5, 8)],
  ['not isTrue includes NULL', { not: { field: 'flag', op: 'isTrue' } }, ids(2, 3, 5, 6, 8, 10)],
  [
    'inLast 1 month on DATE clamps 03-31 to 02-28',
    { field: 'signup', op: 'inLast', n: 1, unit: 'month' },
    ids(1, 2, 8),
  ],
  ['inLast 7 day on DATE includes the as-of date', { field: 'signup', op: 'inLast', n: 7, unit: 'day' }, ids(1)],
  ['olderThan 1 month on DATE', { field: 'signup', op: 'olderThan', n: 1, unit: 'month' }, ids(3, 5, 7, 10)],
  ['inNext 1 day on DATE', { field: 'signup', op: 'inNext', n: 1, unit: 'day' }, ids(1, 6)],
  [
    'inLast 1 month on TIMESTAMP uses the instant, bounds inclusive',
    { field: 'seen', op: 'inLast', n: 1, unit: 'month' },
    ids(1, 2, 3, 5, 8, 10),
  ],
  ['inLast 1 day on TIMESTAMP', { field: 'seen', op: 'inLast', n: 1, unit: 'day' }, ids(1, 5, 10)],
  ['inLast 1 day on TIMESTAMPTZ', { field: 'seen_tz', op: 'inLast', n: 1, unit: 'day' }, ids(1, 5, 10)],
  [
    'inLast 1 quarter on DATE reaches back to 2025-12-31 inclusive',
    { field: 'signup', op: 'inLast', n: 1, unit: 'quarter' },
    ids(1, 2, 3, 5, 7, 8),
  ],
  ['inPeriod thisMonth on DATE', { field: 'signup', op: 'inPeriod', period: 'thisMonth' }, ids(1, 8)],
  ['inPeriod lastQuarter', { field: 'signup', op: 'inPeriod', period: 'lastQuarter' }, ids(7)],
  ['inPeriod nextQuarter', { field: 'signup', op: 'inPeriod', period: 'nextQuarter' }, ids(6, 9)],
  ['inPeriod lastMonth on TIMESTAMP', { field: 'seen', op: 'inPeriod', period: 'lastMonth' }, ids(8)],
  ['inPeriod nextMonth on TIMESTAMP is half-open', { field: 'seen', op: 'inPeriod', period: 'nextMonth' }, ids(6)],
  ['inPeriod thisYear', { field: 'signup', op: 'inPeriod', period: 'thisYear' }, ids(1, 2, 3, 5, 6, 8, 9)],
  ['inPeriod lastYear', { field: 'signup', op: 'inPeriod', period: 'lastYear' }, ids(7)],
  ['topPercent 20: k = ceil(9*0.2) = 2, ties in', { field: 'score', op: 'topPercent', value: 20 }, ids(5, 6, 10)],
  ['bottomPercent 10: k = 1', { field: 'score', op: 'bottomPercent', value: 10 }, ids(9)],
  ['topPercent 33.33: k = 3', { field: 'score', op: 'topPercent', value: 33.33 }, ids(5, 6, 10)],
  ['topPercent 33.34: k = 4', { field: 'score', op: 'topPercent', value: 33.34 }, ids(2, 3, 5, 6, 10)],
  ['topPercent 100: every non-null', { field: 'score', op: 'topPercent', value: 100 }, ids(1, 2, 3, 5, 6, 7, 8, 9, 10)],
  [
    'topPercent over the whole table, not the filtered rows',
    {
      all: [
        { field: 'plan', op: 'eq', value: 'pro' },
        { field: 'score', op: 'topPercent', value: 50 },
      ],
    },
    [],
  ],
  ['lt in byte order (uppercase first)', { field: 'plan', op: 'lt', value: 'free' }, ids(4, 6, 8)],
  ['matches is a partial, case-sensitive match', { field: 'name', op: 'matches', value: 'b' }, ids(7, 8)],
  ['matches anchored', { field: 'name', op: 'matches', value: '^a' }, ids(8)],
  ['between is inclusive', { field: 'mrr', op: 'between', min: 2, max: 3 }, ids(3, 7, 10)],
  ['all [] is every row', { all: [] }, ALL],
  ['any [] is none', { any: [] }, []],
  ['not all [] is none', { not: { all: [] } }, []],
  [
    'not of an AND is the complement',
    {
      not: {
        all: [
          { field: 'plan', op: 'eq', value: 'pro' },
          { field: 'mrr', op: 'gt', value: 50 },
        ],
      },
    },
    ids(2, 3, 4, 5, 6, 7, 8, 9, 10),
  ],
  [
    'any',
    {
      any: [
        { field: 'plan', op: 'in', values: ['free'] },
        { field: 'mrr', op: 'lt', value: 0 },
      ],
    },
    ids(2, 9, 10),
  ],
  ['eq on a DATE', { field: 'signup', op: 'eq', value: '2024-02-29' }, ids(10)],
  [
    'timestamp value with offset normalised to UTC',
    { field: 'seen', op: 'gt', value: '2026-03-31T11:00:00+02:00' },
    ids(5, 6, 9),
  ],
  ['inTable', { field: 'id', op: 'inTable', table: 'vip', column: 'id' }, ids(1, 5)],
  [
    'notInTable ignores NULLs in the table',
    { field: 'id', op: 'notInTable', table: 'vip', column: 'id' },
    ids(2, 3, 4, 6, 7, 8, 9, 10),
  ],
  ['SqlRule', { sql: 'mrr > 50' }, ids(1, 5, 6, 8)],
  ['not SqlRule includes NULL', { not: { sql: 'mrr > 50' } }, ids(2, 3, 4, 7, 9, 10)],
];

const on = { entity: 'id', related: 'account_id' };
const window = { column: 'created_at', n: 30, unit: 'day' } as const;
export const metrics: Metric[] = [
  { name: 't30', kind: 'aggregate', from: 'tickets', on, fn: 'count', window },
  {
    name: 'billable30',
    kind: 'aggregate',
    from: 'tickets',
    on,
    fn: 'count',
    window,
    where: { field: 'billable', op: 'isTrue' },
  },
  { name: 'minutes30', kind: 'aggregate', from: 'tickets', on, fn: 'sum', of: 'minutes', window },
  { name: 'avgmin30', kind: 'aggregate', from: 'tickets', on, fn: 'avg', of: 'minutes', window },
  { name: 'distinct_all', kind: 'aggregate', from: 'tickets', on, fn: 'countDistinct', of: 'minutes' },
  { name: 'inactive', kind: 'daysSince', of: 'seen' },
  { name: 'industry', kind: 'lookup', from: 'crm', on: { entity: 'id', related: 'id' }, column: 'industry' },
];

export const metricCases: [string, Rule, string[]][] = [
  ['count in a 30-day window, both ends inclusive', { field: 't30', op: 'gte', value: 2 }, ids(1, 2)],
  ['count is 0 with no rows', { field: 't30', op: 'eq', value: 0 }, ids(3, 4, 5, 6, 7, 8, 9, 10)],
  ['count with where', { field: 'billable30', op: 'eq', value: 1 }, ids(1, 2)],
  ['sum ignores NULLs and is 0 with no rows', { field: 'minutes30', op: 'eq', value: 0 }, ids(3, 4, 5, 6, 7, 8, 9, 10)],
  ['sum', { field: 'minutes30', op: 'eq', value: 15 }, ids(1)],
  ['avg is NULL with no rows', { field: 'avgmin30', op: 'isEmpty' }, ids(3, 4, 5, 6, 7, 8, 9, 10)],
  ['avg', { field: 'avgmin30', op: 'eq', value: 7.5 }, ids(1)],
  ['countDistinct without window', { field: 'distinct_all', op: 'eq', value: 2 }, ids(1)],
  ['daysSince counts UTC calendar days', { field: 'inactive', op: 'lte', value: 3 }, ids(1, 5, 6, 9, 10)],
  ['daysSince 90 across month ends', { field: 'inactive', op: 'eq', value: 90 }, ids(7)],
  ['lookup', { field: 'industry', op: 'eq', value: 'saas' }, ids(1)],
  ['topPercent over a metric', { field: 't30', op: 'topPercent', value: 10 }, ids(1, 2)],
  ['SqlRule next to metrics', { all: [{ sql: 'mrr > 50' }, { field: 't30', op: 'eq', value: 0 }] }, ids(5, 6, 8)],
];

/** SqlRule / expr texts (parsed by the engine's real parser in the tests) and their hand-computed sets. */
export const sqlMetric: Metric = { name: 'seat_ratio', kind: 'expr', sql: 'seats / 4' };
export const sqlCases: [string, Rule, string[]][] = [
  ['SqlRule', { sql: 'mrr > 50' }, ids(1, 5, 6, 8)],
  ['SqlRule with lower() and AND', { sql: "lower(plan) = 'pro' AND mrr / 2 > 1" }, ids(1)],
  ['SqlRule "/" is true division (2/4 = 0.5)', { sql: 'seats / 4 >= 0.5' }, ids(1, 3, 4, 6, 7, 9, 10)],
  ['expr metric', { field: 'seat_ratio', op: 'gte', value: 0.5 }, ids(1, 3, 4, 6, 7, 9, 10)],
  ['SqlRule reading a metric', { sql: 't30 >= 2' }, ids(1, 2)],
];
export const sqlTexts = [
  'mrr > 50',
  "lower(plan) = 'pro' AND mrr / 2 > 1",
  'seats / 4 >= 0.5',
  'seats / 4',
  't30 >= 2',
];
