// Validation messages in the user's words (issue 11 item 4): for a set of bad definitions, the
// whole message is written out by hand: the human name of the place first, then what is wrong with
// which value and what to do; the JSON path is kept in `path`. Names (item 3): one namespace.
import { describe, expect, it } from 'vitest';
import { diagnosticLine, locate } from '../../../shared/segments/location';
import { nameKey, nameProblem } from '../../../shared/segments/names';
import { validateDefinition } from '../../../shared/segments/validate';
import { demoSchemas } from './segmentsTestUtils';

const entity = { table: 'accounts', key: 'account_id' };
const problems = (def: Record<string, unknown>) =>
  validateDefinition({ entity, asOf: { kind: 'snapshot' }, ...def }, demoSchemas).map((d) => [d.path, d.message]);

describe('validation messages name the condition, the value and the fix', () => {
  it('a wrong type of value', () => {
    expect(
      problems({
        where: {
          all: [
            { field: 'plan', op: 'eq', value: 'pro' },
            { field: 'mrr', op: 'gte', value: 'abc' },
          ],
        },
      }),
    ).toEqual([
      [
        'where.all[1].value',
        "Condition 2 (mrr ≥ abc): mrr is a number; 'abc' is not. Type a number such as 1200 or 0.5 (digits only, no units or thousands separators)",
      ],
    ]);
    expect(problems({ where: { field: 'mrr', op: 'gte', value: '' } })).toEqual([
      [
        'where.value',
        'The condition (mrr ≥ ): mrr is a number; the value is empty. Type a number such as 1200 or 0.5 (digits only, no units or thousands separators)',
      ],
    ]);
  });

  it('an unknown column, with and without a near miss in case', () => {
    expect(
      problems({
        where: {
          any: [
            { field: 'plan', op: 'eq', value: 'pro' },
            {
              all: [
                { field: 'Mrr', op: 'gt', value: 1 },
                { field: 'arr', op: 'gt', value: 1 },
              ],
            },
          ],
        },
      }),
    ).toEqual([
      [
        'where.any[1].all[0]',
        "Condition 2.1 (Mrr > 1): there is no column or metric 'Mrr' in accounts; did you mean 'mrr'? (names are case-sensitive)",
      ],
      [
        'where.any[1].all[1]',
        "Condition 2.2 (arr > 1): there is no column or metric 'arr' in accounts. Choose one of its columns or metrics",
      ],
    ]);
  });

  it('an unknown op lists the ops that fit the field', () => {
    expect(problems({ where: { all: [{ field: 'signup_date', op: 'after', value: '2026-01-01' }] } })).toEqual([
      [
        'where.all[0].op',
        "Condition 1 (signup_date after): 'after' is not an operator for signup_date (DATE). " +
          'Use one of: eq, neq, lt, lte, gt, gte, between, isEmpty, isNotEmpty, inLast, olderThan, inNext, inPeriod',
      ],
    ]);
  });

  it('an empty SQL rule, and a negated one', () => {
    expect(problems({ where: { all: [{ field: 'plan', op: 'isNotEmpty' }, { not: { sql: ' ' } }] } })).toEqual([
      [
        'where.all[1].not.sql',
        'SQL rule 2 (empty): the SQL rule is empty. Write a true/false expression over the columns, e.g. mrr > 100, or remove the rule',
      ],
    ]);
  });

  it("a duplicate tier name, a tier's condition, a metric filter's condition, a list value", () => {
    const scheme = {
      metrics: [
        {
          name: 'tickets_30d',
          kind: 'aggregate',
          from: 'tickets',
          on: { entity: 'account_id', related: 'account_id' },
          fn: 'count',
          where: {
            all: [
              { field: 'billable', op: 'isTrue' },
              { field: 'priority', op: 'in', values: ['high', 3] },
            ],
          },
        },
      ],
      tiers: [
        { name: 'High', where: { field: 'mrr', op: 'between', min: 100, max: 'lots' } },
        { name: 'High', where: { all: [] } },
      ],
      otherwise: 'Rest',
    };
    expect(problems(scheme)).toEqual([
      [
        'metrics[0].where.all[1].values[1]',
        "Metric 'tickets_30d' filter › condition 2 (priority in [high, 3]), value 2: priority is text; 3 is not. Write the value as a JSON string, in quotes",
      ],
      [
        'tiers[0].where.max',
        "Tier 'High' › the condition (mrr between 100 and lots): mrr is a number; 'lots' is not. Type a number such as 1200 or 0.5 (digits only, no units or thousands separators)",
      ],
      ['tiers[1].name', "Tier 2 name: another tier is already named 'High'; give each tier its own name"],
    ]);
  });

  it('a long list is described by its first values; labels are clipped', () => {
    const values = Array.from({ length: 50_000 }, (_, i) => `A${i}`);
    expect(locate({ where: { field: 'account_id', op: 'in', values } }, 'where.values[49999]')).toBe(
      'The condition (account_id in [A0, A1, A2, …]), value 50000',
    );
    const long = 'x'.repeat(100); // clipped at 48 characters: "plan = '" (8) and 39 x, then …
    expect(locate({ where: { all: [{ sql: `plan = '${long}'` }] } }, 'where.all[0].sql')).toBe(
      `SQL rule 1 (plan = '${'x'.repeat(39)}…)`,
    );
  });

  it('text output puts the path after a labelled message, and leaves a path-led one alone', () => {
    expect(diagnosticLine({ path: 'versions[0].definition.where', message: 'The rule: x', severity: 'error' })).toBe(
      'The rule: x (at versions[0].definition.where)',
    );
    expect(
      diagnosticLine({
        path: 'versions[0].hash',
        message: 'versions[0].hash: version 1: hash does not match',
        severity: 'error',
      }),
    ).toBe('versions[0].hash: version 1: hash does not match');
  });
});

describe('definition names: one namespace for segments and schemes', () => {
  const others = [
    { file: 'segments/at-risk.segment.json', kind: 'segment' as const, name: 'At risk' },
    { file: 'schemes/value-tiers.scheme.json', kind: 'scheme' as const, name: 'Value tiers' },
  ];
  it('compares trimmed, with runs of spaces collapsed, in any case', () => {
    expect(nameKey('  At   RISK ')).toBe('at risk');
    expect(nameProblem(' at  risk', others, null)).toBe(
      "'At risk' is already the name of the segment in segments/at-risk.segment.json; " +
        'segments and schemes in a workspace need different names (case and spaces do not count). Pick another name, or rename that one first',
    );
    expect(nameProblem('VALUE TIERS', others, 'segments/new.segment.json')).toMatch(
      /^'Value tiers' is already the name of the scheme in schemes\/value-tiers\.scheme\.json;/,
    );
  });
  it('a definition keeps its own name; other names and empty ones', () => {
    expect(nameProblem('at risk', others, 'segments/at-risk.segment.json')).toBeNull();
    expect(nameProblem('At risk (EU)', others, null)).toBeNull();
    expect(nameProblem(' \t', others, null)).toBe('The name is empty. Type a name for it');
  });
});

describe('labels after a ›', () => {
  it('lowercase the condition, keep SQL in capitals', () => {
    const def = {
      tiers: [{ name: 'Hot', where: { all: [{ sql: 'seats > 1' }, { field: 'mrr', op: 'gt', value: 1 }] } }],
    };
    expect(locate(def, 'tiers[0].where.all[0].sql')).toBe("Tier 'Hot' › SQL rule 1 (seats > 1)");
    expect(locate(def, 'tiers[0].where.all[1]')).toBe("Tier 'Hot' › condition 2 (mrr > 1)");
  });
});
