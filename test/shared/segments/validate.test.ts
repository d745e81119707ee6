import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../shared/segments/validate';
import { demoSchemas } from './segmentsTestUtils';

const entity = { table: 'accounts', key: 'account_id' };
const check = (where: unknown, extra: Record<string, unknown> = {}) =>
  validateDefinition({ entity, asOf: { kind: 'snapshot' }, where, ...extra }, demoSchemas);
const errors = (where: unknown, extra: Record<string, unknown> = {}) =>
  check(where, extra)
    .filter((d) => d.severity === 'error')
    .map((d) => d.message);

describe('validateDefinition', () => {
  it('accepts a well-formed definition with metrics', () => {
    const d = check(
      {
        all: [
          { field: 'mrr', op: 'gte', value: 2.5 },
          { field: 'plan', op: 'in', values: [] },
          { field: 'signup_date', op: 'inLast', n: 7, unit: 'day' },
          { field: 'tickets_30d', op: 'topPercent', value: 12.5 },
          { field: 'inactive', op: 'lte', value: 3 },
          { not: { field: 'name', op: 'contains', value: '50%_off' } },
          { field: 'account_id', op: 'inTable', table: 'vip', column: 'id' },
          { any: [] },
          { field: 'last_active_at', op: 'between', min: '2026-01-01', max: '2026-02-01T00:00:00+02:00' },
        ],
      },
      {
        metrics: [
          { name: 'inactive', kind: 'daysSince', of: 'last_active_at' },
          {
            name: 'tickets_30d',
            kind: 'aggregate',
            from: 'tickets',
            on: { entity: 'account_id', related: 'account_id' },
            fn: 'count',
            where: { field: 'billable', op: 'isTrue' },
            window: { column: 'created_at', n: 30, unit: 'day' },
          },
        ],
      },
    );
    expect(d).toEqual([]);
  });
  it('names the op, the families it needs, the field and its type', () => {
    expect(
      errors({
        all: [
          { field: 'mrr', op: 'gt', value: 1 },
          { field: 'plan', op: 'inLast', n: 3, unit: 'day' },
        ],
      }),
    ).toEqual([
      "Condition 2 (plan in the last 3 days): 'in the last' (inLast) needs a date or timestamp field; plan is text (VARCHAR). Choose another operator or field",
    ]);
    expect(errors({ field: 'tags', op: 'eq', value: 'x' })).toEqual([
      "The condition (tags = x): 'is' (eq) needs a scalar field; tags is a list or structure (VARCHAR[]). Choose another operator or field",
    ]);
  });
  it('matches field names exactly and hints at a different case', () => {
    expect(errors({ field: 'Plan', op: 'eq', value: 'pro' })).toEqual([
      "The condition (Plan = pro): there is no column or metric 'Plan' in accounts; did you mean 'plan'? (names are case-sensitive)",
    ]);
    expect(errors({ field: 'MRR', op: 'eq', value: 1 })).toEqual([]);
  });
  it('checks operands', () => {
    expect(errors({ field: 'signup_date', op: 'inLast', n: 0, unit: 'days' })).toEqual([
      'The condition (signup_date in the last 0 dayss): the number of units ("n") must be a whole number from 1 to 1000000; 0 is not',
      "The condition (signup_date in the last 0 dayss): 'days' is not a unit. Use day, week, month, quarter, year",
    ]);
    expect(errors({ field: 'signup_date', op: 'inLast', n: 1.5, unit: 'day' })).toHaveLength(1);
    expect(errors({ field: 'mrr', op: 'topPercent', value: 12.345 })).toHaveLength(1);
    expect(errors({ field: 'mrr', op: 'topPercent', value: 0 })).toHaveLength(1);
    expect(errors({ field: 'mrr', op: 'topPercent', value: 100 })).toEqual([]);
    expect(errors({ field: 'mrr', op: 'topPercent', value: 0.01 })).toEqual([]);
    expect(errors({ field: 'mrr', op: 'eq', value: 2 ** 53 + 2 })).toEqual([
      'The condition (mrr = 9007199254740994): integer 9007199254740994 is beyond ±2^53; numbers are exact only within ±2^53 (write an identifier as text)',
    ]);
    expect(errors({ field: 'signup_date', op: 'eq', value: '2026-02-30' })).toEqual([
      "The condition (signup_date = 2026-02-30): signup_date is a date; '2026-02-30' is not. Write it as YYYY-MM-DD, e.g. 2026-11-01",
    ]);
    expect(errors({ field: 'last_active_at', op: 'gt', value: '2026-02-01T25:00:00Z' })).toHaveLength(1);
    expect(errors({ field: 'plan', op: 'in', values: ['a', 1] })).toEqual([
      'The condition (plan in [a, 1]), value 2: plan is text; 1 is not. Write the value as a JSON string, in quotes',
    ]);
    expect(errors({ field: 'plan', op: 'eq' })).toEqual(["The condition (plan = …): 'is' needs a value; fill it in"]);
    expect(errors({ field: 'mrr', op: 'between', min: 1 })).toEqual([
      'The condition (mrr between 1 and …): \'between\' needs an upper bound ("max"); fill it in',
    ]);
    expect(errors({ field: 'name', op: 'matches', value: '(?=a)' })).toHaveLength(1);
    expect(errors({ field: 'renewal_date', op: 'inPeriod', period: 'thisWeek' })).toHaveLength(1);
    expect(errors({ field: 'cancellation_requested', op: 'eq', value: 'true' })).toEqual([
      "The condition (cancellation_requested = true): cancellation_requested is true or false; 'true' is not. Choose true or false",
    ]);
  });
  it('checks rule structure and unknown ops', () => {
    expect(errors({ field: 'plan', op: 'equals', value: 'x' })).toEqual([
      "The condition (plan equals): 'equals' is not an operator for plan (VARCHAR). Use one of: eq, neq, lt, lte, gt, gte, in, notIn, " +
        'contains, notContains, startsWith, endsWith, matches, isEmpty, isNotEmpty, inTable, notInTable',
    ]);
    expect(errors({ all: [{ any: 'x' }, 3, { all: [], field: 'plan' }, {}] })).toEqual([
      'Rule 1: "any" must be a list of rules',
      'Rule 2: a rule must be an object ({"all": […]}, {"field": …, "op": …} …)',
      'Condition 3 (plan ?): a rule has exactly one of "all", "any", "not", "sql", "field"; found "all", "field"',
      'Rule 4: not a rule: expected one of "all", "any", "not", "sql" or "field"',
    ]);
    expect(check({ field: 'plan', op: 'eq', value: 'x', values: ['y'] }).map((d) => d.severity)).toEqual(['warning']);
  });
  it('checks inTable tables, columns and families', () => {
    expect(errors({ field: 'account_id', op: 'inTable', table: 'nope', column: 'id' })).toEqual([
      "The condition (account_id in table nope.id): there is no table 'nope' in this workspace. Import it, or choose another table",
    ]);
    expect(errors({ field: 'account_id', op: 'notInTable', table: 'vip', column: 'num' })).toHaveLength(1);
  });
  it('checks metrics: of required/forbidden per fn, key families, lookup tables', () => {
    const on = { entity: 'account_id', related: 'account_id' };
    const m = (metric: Record<string, unknown>) => errors({ all: [] }, { metrics: [metric] });
    expect(m({ name: 'x', kind: 'aggregate', from: 'tickets', on, fn: 'count', of: 'minutes' })).toHaveLength(1);
    expect(m({ name: 'x', kind: 'aggregate', from: 'tickets', on, fn: 'sum' })).toEqual([
      'Metric \'x\': sum needs "of"',
    ]);
    expect(m({ name: 'x', kind: 'aggregate', from: 'tickets', on, fn: 'sum', of: 'priority' })).toHaveLength(1);
    expect(
      m({ name: 'x', kind: 'aggregate', from: 'tickets', on: { entity: 'seats', related: 'account_id' }, fn: 'count' }),
    ).toEqual([
      "Metric 'x': join keys differ in type family: 'accounts'.'seats' is INTEGER, 'tickets'.'account_id' is VARCHAR",
    ]);
    expect(m({ name: 'x', kind: 'lookup', from: 'hubspot', on, column: 'industry' })).toEqual([
      "Metric 'x': table 'hubspot' not found",
    ]);
    expect(m({ name: 'mrr', kind: 'daysSince', of: 'plan' })).toHaveLength(2);
    expect(
      m({
        name: 'x',
        kind: 'aggregate',
        from: 'tickets',
        on,
        fn: 'count',
        window: { column: 'priority', n: 3, unit: 'day' },
      }),
    ).toHaveLength(1);
  });
  it('validates scheme tiers', () => {
    const d = validateDefinition(
      {
        entity,
        tiers: [
          { name: 'A', where: { all: [] } },
          { name: 'A', where: { field: 'x', op: 'isEmpty' } },
        ],
        otherwise: '',
      },
      demoSchemas,
    );
    expect(d.map((x) => x.message)).toEqual([
      "Tier 2 name: another tier is already named 'A'; give each tier its own name",
      "Tier 'A' › the condition (x is empty): there is no column or metric 'x' in accounts. Choose one of its columns or metrics",
      'The "otherwise" tier: "otherwise" must name the tier for unmatched rows',
    ]);
  });
  it('never throws on garbage', () => {
    for (const g of [
      null,
      1,
      'x',
      [],
      { entity: 1 },
      { entity: { table: 'accounts', key: 'k' }, where: null, metrics: 'x' },
    ]) {
      expect(() => validateDefinition(g, demoSchemas)).not.toThrow();
      expect(validateDefinition(g, demoSchemas).length).toBeGreaterThan(0);
    }
  });
});

describe('validateDefinition with partial schemas (a definition checked against its own fields record)', () => {
  const fieldsOnly = {
    accounts: [
      { name: 'account_id', type: 'VARCHAR' },
      { name: 'plan', type: 'VARCHAR' },
    ],
  };
  it('does not report tables and columns that are not listed, but checks what is known', () => {
    const def = {
      entity,
      metrics: [
        {
          name: 't',
          kind: 'aggregate',
          from: 'tickets',
          on: { entity: 'account_id', related: 'account_id' },
          fn: 'count',
          where: { field: 'x', op: 'isTrue' },
        },
      ],
      where: {
        all: [
          { field: 'mrr', op: 'gt', value: 1 },
          { field: 'account_id', op: 'inTable', table: 'vip', column: 'id' },
          { field: 't', op: 'gte', value: 2 },
        ],
      },
    };
    expect(validateDefinition(def, fieldsOnly, { partialSchemas: true })).toEqual([]);
    expect(
      validateDefinition({ entity, where: { field: 'plan', op: 'inLast', n: 1, unit: 'day' } }, fieldsOnly, {
        partialSchemas: true,
      }).map((d) => d.message),
    ).toEqual([
      "The condition (plan in the last 1 day): 'in the last' (inLast) needs a date or timestamp field; plan is text (VARCHAR). Choose another operator or field",
    ]);
    expect(
      validateDefinition({ entity, where: { field: 'mrr', op: 'bogus' } }, {}, { partialSchemas: true }),
    ).toHaveLength(1);
    expect(validateDefinition(def, fieldsOnly).length).toBeGreaterThan(0);
  });
});
