// The postgres dialect executed on a real PostgreSQL server (SPEC §8): the same small tables are
// loaded into DuckDB and PostgreSQL, the same rules (covering every op, groups, SQL rules and
// metrics) are compiled for each dialect, and the member keys must be equal. The tables carry the
// traps: NULLs, quotes, %, _ and backslash in strings, mixed case, blanks, month ends, ties.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScheme, compileSegment, type CompileAsOf } from '../../../../shared/segments/compiler';
import type { SchemeDefinition, SegmentDefinition, TableSchemas } from '../../../../shared/segments/model';
import type { ParsedSqlExprs } from '../../../../shared/segments/sqlExpr/types';
import { connectionRunner, parseSqlExpr } from '../../../../electron/engine/sqlGuard/parseSqlExpr';
import { connectPg, pgAvailable } from './pgTestUtils';

type Row = [string, string | null, number | null, number | null, string | null, string | null, boolean | null];
// id, s, n, i, d (DATE), ts (TIMESTAMP, UTC), b
const accounts: Row[] = [
  ['a01', 'Alpha', 10.5, 1, '2026-03-31', '2026-03-31 11:59:59', true],
  ['a02', 'alpha', 2.5, 2, '2026-02-28', '2026-03-31 12:00:00', false],
  ['a03', "O'Brien", null, 3, '2026-01-31', '2026-02-28 12:00:00', null],
  ['a04', '100% off_sale', 7, null, '2025-12-31', '2025-12-31 23:59:59', true],
  ['a05', 'back\\slash', 7, 5, '2026-04-01', '2026-04-30 00:00:00', false],
  ['a06', '', 0, 6, null, null, true],
  ['a07', '  \t ', -3, 7, '2026-03-01', '2026-03-01 00:00:00', null],
  ['a08', null, 1000, 8, '2026-06-30', '2026-06-30 10:00:00', true],
  ['a09', 'Zeta', 7, 9, '2025-03-31', '2025-03-31 12:00:00', false],
  ['a10', 'beta', 2.5, 10, '2026-03-24', '2026-03-24 12:00:00', true],
  ['a11', 'ÄÖ unicode', 99.75, 11, '2026-07-01', '2026-07-01 00:00:00', false],
  ['a12', 'alpha_x', 7, 12, '2026-05-31', '2026-05-31 12:00:00', true],
];
const tickets: [string, string | null, string, number | null][] = [
  ['t1', 'a01', '2026-03-30 10:00:00', 3],
  ['t2', 'a01', '2026-03-01 10:00:00', null],
  ['t3', 'a02', '2026-03-31 12:00:00', -2],
  ['t4', 'a04', '2026-02-01 00:00:00', 0],
  ['t5', null, '2026-03-30 00:00:00', 5],
  ['t6', 'a10', '2026-03-29 00:00:00', 1],
  ['t7', 'a10', '2026-03-28 00:00:00', 7],
  ['t8', 'a10', '2026-03-27 00:00:00', 1],
];
const vip: [string, string][] = [
  ['a02', 'gold'],
  ['a05', 'silver'],
  ['zz', 'gold'],
];

const schemas: TableSchemas = {
  acc: [
    { name: 'id', type: 'VARCHAR' },
    { name: 's', type: 'VARCHAR' },
    { name: 'n', type: 'DOUBLE' },
    { name: 'i', type: 'INTEGER' },
    { name: 'd', type: 'DATE' },
    { name: 'ts', type: 'TIMESTAMP' },
    { name: 'b', type: 'BOOLEAN' },
  ],
  tix: [
    { name: 'tid', type: 'VARCHAR' },
    { name: 'acc_id', type: 'VARCHAR' },
    { name: 'created', type: 'TIMESTAMP' },
    { name: 'n2', type: 'INTEGER' },
  ],
  vip: [
    { name: 'vid', type: 'VARCHAR' },
    { name: 'tier', type: 'VARCHAR' },
  ],
};

const entity = { table: 'acc', key: 'id' };
const tixMetric = {
  name: 'tix_7d',
  kind: 'aggregate',
  from: 'tix',
  on: { entity: 'id', related: 'acc_id' },
  fn: 'count',
  window: { column: 'created', n: 7, unit: 'day' },
};

// Every op of SPEC §3, with the tricky operands.
const rules: [string, unknown, unknown[]?][] = [
  ['eq string', { field: 's', op: 'eq', value: 'alpha' }],
  ['eq ignoreCase', { field: 's', op: 'eq', value: 'ALPHA', ignoreCase: true }],
  ['neq', { field: 's', op: 'neq', value: 'alpha' }],
  ['neq ignoreCase', { field: 's', op: 'neq', value: 'alpha', ignoreCase: true }],
  ['eq number 2.5 on integer', { field: 'i', op: 'eq', value: 2.5 }],
  ['lt number', { field: 'n', op: 'lt', value: 7 }],
  ['lte number', { field: 'n', op: 'lte', value: 7 }],
  ['gt integer fraction', { field: 'i', op: 'gt', value: 2.5 }],
  ['gte', { field: 'n', op: 'gte', value: 2.5 }],
  ['lt string byte order', { field: 's', op: 'lt', value: 'a' }],
  ['gt string byte order', { field: 's', op: 'gt', value: 'Zeta' }],
  ['lt date', { field: 'd', op: 'lt', value: '2026-03-01' }],
  ['gte timestamp', { field: 'ts', op: 'gte', value: '2026-03-31T12:00:00Z' }],
  ['between number', { field: 'n', op: 'between', min: 2.5, max: 10.5 }],
  ['between date', { field: 'd', op: 'between', min: '2026-02-28', max: '2026-03-31' }],
  ['in', { field: 's', op: 'in', values: ['alpha', 'Zeta', 'nope'] }],
  ['in ignoreCase', { field: 's', op: 'in', values: ['ALPHA', 'zeta'], ignoreCase: true }],
  ['in empty', { field: 's', op: 'in', values: [] }],
  ['notIn', { field: 's', op: 'notIn', values: ['alpha', ''] }],
  ['notIn empty', { field: 's', op: 'notIn', values: [] }],
  ['in numbers', { field: 'i', op: 'in', values: [1, 3, 99] }],
  ['contains %', { field: 's', op: 'contains', value: '0% o' }],
  ['contains _', { field: 's', op: 'contains', value: 'a_' }],
  ['contains backslash', { field: 's', op: 'contains', value: 'k\\s' }],
  ['notContains', { field: 's', op: 'notContains', value: 'ALP' }],
  ['startsWith', { field: 's', op: 'startsWith', value: 'AL' }],
  ['endsWith', { field: 's', op: 'endsWith', value: "'brien" }],
  ['matches', { field: 's', op: 'matches', value: '^[a-z]+$' }],
  ['matches partial', { field: 's', op: 'matches', value: 'ph' }],
  ['isEmpty', { field: 's', op: 'isEmpty' }],
  ['isNotEmpty', { field: 's', op: 'isNotEmpty' }],
  ['isEmpty number', { field: 'n', op: 'isEmpty' }],
  ['isTrue', { field: 'b', op: 'isTrue' }],
  ['isFalse', { field: 'b', op: 'isFalse' }],
  ['inLast day on date', { field: 'd', op: 'inLast', n: 7, unit: 'day' }],
  ['inLast month on date (clamping)', { field: 'd', op: 'inLast', n: 1, unit: 'month' }],
  ['inLast week on timestamp', { field: 'ts', op: 'inLast', n: 1, unit: 'week' }],
  ['inLast quarter on timestamp', { field: 'ts', op: 'inLast', n: 1, unit: 'quarter' }],
  ['olderThan year', { field: 'd', op: 'olderThan', n: 1, unit: 'year' }],
  ['olderThan month on timestamp', { field: 'ts', op: 'olderThan', n: 1, unit: 'month' }],
  ['inNext day', { field: 'd', op: 'inNext', n: 1, unit: 'day' }],
  ['inNext quarter on timestamp', { field: 'ts', op: 'inNext', n: 1, unit: 'quarter' }],
  ...(
    [
      'thisMonth',
      'lastMonth',
      'nextMonth',
      'thisQuarter',
      'lastQuarter',
      'nextQuarter',
      'thisYear',
      'lastYear',
    ] as const
  ).map((period): [string, unknown] => [`inPeriod ${period}`, { field: 'ts', op: 'inPeriod', period }]),
  ['inPeriod on date', { field: 'd', op: 'inPeriod', period: 'thisQuarter' }],
  ['inTable', { field: 'id', op: 'inTable', table: 'vip', column: 'vid' }],
  ['notInTable', { field: 'id', op: 'notInTable', table: 'vip', column: 'vid' }],
  ['topPercent ties', { field: 'n', op: 'topPercent', value: 25 }],
  ['bottomPercent', { field: 'n', op: 'bottomPercent', value: 33.33 }],
  ['topPercent 100', { field: 'i', op: 'topPercent', value: 100 }],
  ['not group', { not: { field: 's', op: 'contains', value: 'a' } }],
  [
    'any group',
    {
      any: [
        { field: 'n', op: 'gt', value: 50 },
        { field: 'b', op: 'isFalse' },
      ],
    },
  ],
  [
    'nested not/all/any',
    {
      not: {
        all: [
          { field: 'b', op: 'isTrue' },
          {
            any: [
              { field: 's', op: 'isEmpty' },
              { field: 'i', op: 'lt', value: 5 },
            ],
          },
        ],
      },
    },
  ],
  ['all empty', { all: [] }],
  ['any empty', { any: [] }],
  ['sql portable', { sql: "n / nullif(i, 0) > 1 and lower(s) <> 'zeta'" }],
  ['sql division by zero', { sql: 'n / (i - i) > 0' }],
  ['sql coalesce round length', { sql: 'round(coalesce(n, 0), 0) >= 7 or length(s) > 8' }],
  ['aggregate metric', { field: 'tix_7d', op: 'gte', value: 1 }, [tixMetric]],
  ['aggregate metric zero', { field: 'tix_7d', op: 'eq', value: 0 }, [tixMetric]],
  ['daysSince metric', { field: 'age', op: 'lte', value: 31 }, [{ name: 'age', kind: 'daysSince', of: 'ts' }]],
  ['expr metric', { field: 'ratio', op: 'gt', value: 1 }, [{ name: 'ratio', kind: 'expr', sql: 'n / nullif(i, 0)' }]],
  ...(['countDistinct', 'sum', 'avg', 'min', 'max'] as const).map((fn): [string, unknown, unknown[]] => [
    `aggregate ${fn} with where`,
    {
      field: 'agg',
      op: fn === 'min' || fn === 'max' ? 'isNotEmpty' : 'gt',
      ...(fn === 'min' || fn === 'max' ? {} : { value: 0 }),
    },
    [
      {
        name: 'agg',
        kind: 'aggregate',
        from: 'tix',
        on: { entity: 'id', related: 'acc_id' },
        fn,
        of: fn === 'countDistinct' || fn === 'min' || fn === 'max' ? 'created' : 'n2',
        where: { field: 'tid', op: 'neq', value: 't7' },
      },
    ],
  ]),
  [
    'lookup metric',
    { field: 'tier_of', op: 'eq', value: 'gold' },
    [{ name: 'tier_of', kind: 'lookup', from: 'vip', on: { entity: 'id', related: 'vid' }, column: 'tier' }],
  ],
];

const asOf: CompileAsOf = { kind: 'instant', at: '2026-03-31T12:00:00Z' };

describe('postgres dialect on a real PostgreSQL server', () => {
  if (!pgAvailable()) return;
  let duck: DuckDBInstance;
  let conn: DuckDBConnection;
  let client: pg.Client;

  beforeAll(async () => {
    duck = await DuckDBInstance.create(':memory:');
    conn = await duck.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    client = await connectPg('segwb_dialect_test');
    const ddl = {
      duck: [
        'CREATE TABLE acc (id VARCHAR, s VARCHAR, n DOUBLE, i INTEGER, d DATE, ts TIMESTAMP, b BOOLEAN)',
        'CREATE TABLE tix (tid VARCHAR, acc_id VARCHAR, created TIMESTAMP, n2 INTEGER)',
        'CREATE TABLE vip (vid VARCHAR, tier VARCHAR)',
      ],
      pg: [
        'CREATE TABLE acc (id TEXT, s TEXT, n DOUBLE PRECISION, i INTEGER, d DATE, ts TIMESTAMP, b BOOLEAN)',
        'CREATE TABLE tix (tid TEXT, acc_id TEXT, created TIMESTAMP, n2 INTEGER)',
        'CREATE TABLE vip (vid TEXT, tier TEXT)',
      ],
    };
    for (const s of ddl.duck) await conn.run(s);
    for (const s of ddl.pg) await client.query(s);
    for (const r of accounts) {
      await conn.run('INSERT INTO acc VALUES ($1, $2, $3, $4, CAST($5 AS DATE), CAST($6 AS TIMESTAMP), $7)', r);
      await client.query('INSERT INTO acc VALUES ($1, $2, $3, $4, $5, $6, $7)', r);
    }
    for (const r of tickets) {
      await conn.run('INSERT INTO tix VALUES ($1, $2, CAST($3 AS TIMESTAMP), $4)', r);
      await client.query('INSERT INTO tix VALUES ($1, $2, $3, $4)', r);
    }
    for (const v of vip) {
      await conn.run('INSERT INTO vip VALUES ($1, $2)', v);
      await client.query('INSERT INTO vip VALUES ($1, $2)', v);
    }
  });

  afterAll(async () => {
    await client?.query('DROP SCHEMA IF EXISTS segwb_dialect_test CASCADE');
    await client?.end();
    conn?.closeSync();
    duck?.closeSync();
  });

  async function sqlExprsFor(def: unknown): Promise<ParsedSqlExprs> {
    const out: ParsedSqlExprs = {};
    const texts: string[] = [];
    JSON.stringify(def, (k, v: unknown) => {
      if (k === 'sql' && typeof v === 'string') texts.push(v);
      return v;
    });
    const known = [
      ...Object.values(schemas).flatMap((cols) => cols.map((c) => c.name)),
      'tix_7d',
      'age',
      'ratio',
      'agg',
      'tier_of',
    ];
    for (const text of texts) {
      const parsed = await parseSqlExpr(connectionRunner(conn), text, known);
      if (!parsed.ok) throw new Error(parsed.reason);
      out[text] = parsed.value;
    }
    return out;
  }

  it.each(rules)('%s', async (_name, where, metrics) => {
    const def = { entity, where, ...(metrics ? { metrics } : {}) } as unknown as SegmentDefinition;
    const sqlExprs = await sqlExprsFor(def);
    const d = compileSegment(def, { dialect: 'duckdb', schemas, asOf, sqlExprs });
    const p = compileSegment(def, { dialect: 'postgres', schemas, asOf, sqlExprs });
    expect(d.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect(p.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const duckKeys = (await conn.runAndReadAll(`SELECT * FROM (${d.sql}) ORDER BY 1`, d.params))
      .getRows()
      .map((r) => String(r[0]));
    const pgKeys = (
      await client.query({ text: `SELECT * FROM (${p.sql}) m ORDER BY 1`, values: p.params, rowMode: 'array' })
    ).rows.map((r: unknown[]) => String(r[0]));
    expect(pgKeys).toEqual(duckKeys);
  });

  it('a scheme assigns the same tier to every key on both servers', async () => {
    const def = {
      entity,
      otherwise: 'rest',
      tiers: [
        { name: 'big', where: { field: 'n', op: 'topPercent', value: 20 } },
        { name: 'recent', where: { field: 'ts', op: 'inLast', n: 1, unit: 'month' } },
        { name: 'named', where: { field: 's', op: 'isNotEmpty' } },
      ],
    } as unknown as SchemeDefinition;
    const d = compileScheme(def, { dialect: 'duckdb', schemas, asOf });
    const p = compileScheme(def, { dialect: 'postgres', schemas, asOf });
    const duckRows = (await conn.runAndReadAll(`SELECT * FROM (${d.sql}) ORDER BY 1`, d.params))
      .getRows()
      .map((r) => r.map(String));
    const pgRows = (
      await client.query({ text: `SELECT * FROM (${p.sql}) m ORDER BY 1`, values: p.params, rowMode: 'array' })
    ).rows.map((r: unknown[]) => r.map(String));
    expect(pgRows).toEqual(duckRows);
    expect(new Set(duckRows.map((r) => r[1])).size).toBe(4);
  });

  it('the comparison is not vacuous: rules select different, non-trivial sets', async () => {
    const sizes = new Set<number>();
    for (const [, where] of rules.slice(0, 20)) {
      const d = compileSegment({ entity, where } as unknown as SegmentDefinition, { dialect: 'duckdb', schemas, asOf });
      sizes.add(
        (await conn.runAndReadAll(`SELECT count(*) FROM (${d.sql})`, d.params)).getRows()[0]![0] as unknown as number,
      );
    }
    expect(sizes.size).toBeGreaterThan(5);
  });
});
