// `in` lists of 100,000 values (issue 9, item 3) overflowed the stack while compiling (a spread of
// every parameter into one call); they count now, and past the documented limit (100,000) the
// definition is invalid with a clear diagnostic, as is a list of 100,000 wrong values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entity, openFixtureWorkspace, type TestWorkspace } from './segmentsTestUtils';

let t: TestWorkspace;
beforeAll(async () => {
  t = await openFixtureWorkspace();
}, 120_000);
afterAll(() => t.close());

const ids = (n: number) => Array.from({ length: n }, (_, i) => `X${i}`);

describe('long in lists', () => {
  it('counts with 100,000 values', { timeout: 60_000 }, async () => {
    // The fixture's accounts as of 2026-11 are A1…A6; two of them are in the list.
    const values = [...ids(99_998), 'A2', 'A5'];
    const inList = await t.api.countSegment({
      target: { definition: { entity, where: { field: 'account_id', op: 'notIn', values } } },
    });
    expect(inList).toMatchObject({ count: 4, total: 6 });
  });

  it('refuses more than 100,000 values with a diagnostic naming the limit and the way out', async () => {
    const report = await t.api.validateDefinition({
      target: { definition: { entity, where: { field: 'account_id', op: 'in', values: ids(100_001) } } },
    });
    expect(report.valid).toBe(false);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        path: 'where.values',
        message:
          'The condition (account_id in [X0, X1, X2, …]): "values" holds 100,001 values; at most 100,000 are allowed: put a longer list in a table and use inTable',
        severity: 'error',
      },
    ]);
    await expect(
      t.api.countSegment({
        target: { definition: { entity, where: { field: 'account_id', op: 'in', values: ids(100_001) } } },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('at most 100,000 are allowed') });
  });

  it('reports two lists of 100,000 wrong values one by one instead of overflowing', async () => {
    const wrong = { field: 'mrr', op: 'in', values: ids(100_000) }; // strings for a number field
    const report = await t.api.validateDefinition({
      target: { definition: { entity, where: { all: [wrong, wrong] } } },
    });
    expect(report.valid).toBe(false);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(200_000);
    expect(errors[199_999]!.path).toBe('where.all[1].values[99999]');
  });
});
