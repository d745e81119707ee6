import { describe, expect, it } from 'vitest';
import { gridFilter } from '../../../../shared/api/dataApi';
import { toGridFilters, toSortSpec } from '../../../../renderer/features/grid/filterModel';

describe('AG Grid filter model → GridFilter', () => {
  it('maps text, number and date conditions to the API ops', () => {
    const out = toGridFilters(
      {
        plan: { filterType: 'text', type: 'contains', filter: 'pro' },
        name: { filterType: 'text', type: 'notEqual', filter: 'Acme' },
        mrr: { filterType: 'number', type: 'greaterThanOrEqual', filter: 99.5 },
        seats: { filterType: 'number', type: 'inRange', filter: 2, filterTo: 10 },
        signup_date: { filterType: 'date', type: 'lessThan', dateFrom: '2026-03-01 00:00:00', dateTo: null },
        last_active_at: {
          filterType: 'date',
          type: 'inRange',
          dateFrom: '2026-01-01 00:00:00',
          dateTo: '2026-02-01 12:30:00',
        },
        nps: { filterType: 'number', type: 'blank' },
        country: { filterType: 'text', type: 'notBlank' },
      },
      { signup_date: 'date', last_active_at: 'timestamp' },
    );
    expect(out).toEqual([
      { field: 'plan', op: 'contains', value: 'pro' },
      { field: 'name', op: 'neq', value: 'Acme' },
      { field: 'mrr', op: 'gte', value: 99.5 },
      { field: 'seats', op: 'between', min: 2, max: 10 },
      { field: 'signup_date', op: 'lt', value: '2026-03-01' },
      { field: 'last_active_at', op: 'between', min: '2026-01-01T00:00:00Z', max: '2026-02-01T12:30:00Z' },
      { field: 'nps', op: 'isEmpty' },
      { field: 'country', op: 'isNotEmpty' },
    ]);
    // Everything produced passes the API's own edge validation.
    for (const f of out) expect(gridFilter.safeParse(f).success).toBe(true);
  });

  it('drops incomplete conditions, unknown options and OR combinations instead of guessing', () => {
    expect(
      toGridFilters({
        a: { filterType: 'text', type: 'contains', filter: '' },
        b: { filterType: 'number', type: 'inRange', filter: 1, filterTo: null },
        c: { filterType: 'date', type: 'today' },
        d: { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'equals', filter: 'x' }] },
        e: null,
      }),
    ).toEqual([]);
  });

  it('maps the boolean filter: true/false as eq with a boolean, empty as isEmpty, All as nothing', () => {
    expect(
      toGridFilters({
        a: { filterType: 'boolean', type: 'true' },
        b: { filterType: 'boolean', type: 'false' },
        c: { filterType: 'boolean', type: 'blank' },
        d: { filterType: 'boolean', type: null },
      }),
    ).toEqual([
      { field: 'a', op: 'eq', value: true },
      { field: 'b', op: 'eq', value: false },
      { field: 'c', op: 'isEmpty' },
    ]);
  });

  it('splits an AND combination into one filter per condition', () => {
    expect(
      toGridFilters({
        mrr: {
          filterType: 'number',
          operator: 'AND',
          conditions: [
            { type: 'greaterThan', filter: 1 },
            { type: 'lessThan', filter: 5 },
          ],
        },
      }),
    ).toEqual([
      { field: 'mrr', op: 'gt', value: 1 },
      { field: 'mrr', op: 'lt', value: 5 },
    ]);
  });

  it('maps the sort model in order, at most 8 keys', () => {
    expect(
      toSortSpec([
        { colId: 'mrr', sort: 'desc' },
        { colId: 'name', sort: 'asc' },
      ]),
    ).toEqual([
      { column: 'mrr', dir: 'desc' },
      { column: 'name', dir: 'asc' },
    ]);
    expect(toSortSpec(Array.from({ length: 10 }, (_, i) => ({ colId: `c${i}`, sort: 'asc' as const })))).toHaveLength(
      8,
    );
    expect(toSortSpec(null)).toEqual([]);
  });
});
