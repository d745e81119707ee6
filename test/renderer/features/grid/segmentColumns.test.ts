// Segment columns: page values attach to their own rows, and the columns read them back (✓ on
// members only, metric values as given), never colliding with a table column of any name.
import { describe, expect, it } from 'vitest';
import type { ValueGetterParams } from 'ag-grid-community';
import { BooleanFilter } from '../../../../renderer/features/grid/BooleanFilter';
import { membershipColumnDefs, metricColumnDefs, withExtras } from '../../../../renderer/features/grid/segmentColumns';

const get = (col: { valueGetter?: unknown }, data: unknown) =>
  (col.valueGetter as (p: ValueGetterParams) => unknown)({ data } as ValueGetterParams);

describe('segment columns', () => {
  it('attach each row its flags and metrics and show ✓ exactly on members', () => {
    const rows = withExtras({
      offset: 0,
      total: 3,
      rows: [
        { id: 'a', member: 'x' },
        { id: 'b', member: 'y' },
        { id: 'c', member: 'z' },
      ],
      membership: [
        [true, false],
        [false, false],
        [true, true],
      ],
      metrics: [{ inactive_days: 1 }, { inactive_days: null }, { inactive_days: 30 }],
    });
    const [s1, s2] = membershipColumnDefs(
      [
        { table: 't', file: 'segments/one.segment.json', label: 'One' },
        { table: 't', file: 'segments/two.segment.json', label: 'Two' },
      ],
      ['#111111', '#222222'],
    );
    // Each column in its segment's colour, under its header too.
    expect(s2!.cellStyle).toMatchObject({ color: '#222222' });
    expect(s2!.headerStyle).toEqual({ boxShadow: 'inset 0 -3px 0 #222222' });
    expect(rows.map((r) => get(s1!, r))).toEqual(['✓', '', '✓']);
    expect(rows.map((r) => get(s2!, r))).toEqual(['', '', '✓']);
    const [m] = metricColumnDefs(['inactive_days']);
    expect(rows.map((r) => get(m!, r))).toEqual([1, null, 30]);
    // The table's own columns are untouched (even one named like the segment).
    expect(rows.map((r) => r.member)).toEqual(['x', 'y', 'z']);
    expect(s1!.colId).toBe('segment:segments/one.segment.json');
    // ✓ columns sort and filter by membership (issue 11 item 5): members / not members, no "empty".
    expect(s1!.sortable).toBe(true);
    expect(s1!.filter).toBe(BooleanFilter);
    expect(s1!.filterParams).toEqual({ labels: { true: '✓ members', false: 'not members', blank: null } });
  });

  it("names the draft's column (draft) unless the builder shows the saved rule", () => {
    const draft = { table: 't', file: '(draft)', label: 'Activated', draft: { entity: { table: 't', key: 'id' } } };
    const saved = { table: 't', file: 'segments/one.segment.json', label: 'One' };
    const headers = (suffix?: string) =>
      membershipColumnDefs([draft as never, saved], ['#111111', '#222222'], suffix).map((c) => c.headerName);
    expect(headers()).toEqual(['✓ Activated (draft)', '✓ One']);
    expect(headers('')).toEqual(['✓ Activated', '✓ One']);
  });

  it('leaves pages without segment parts as they are', () => {
    const page = { offset: 0, total: 1, rows: [{ id: 1 }] };
    expect(withExtras(page)).toBe(page.rows);
  });
});
