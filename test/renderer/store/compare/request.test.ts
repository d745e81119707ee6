// From the compare view to requests: the base (targets, snapshot, measures) plus only the shown
// section's part; keys that change exactly when the request does; the target behind each result
// column (a whole scheme's tiers, pinned versions); the saved state and back.
import { describe, expect, it } from 'vitest';
import {
  clampApart,
  choicesFromState,
  columnTargets,
  comparisonStateOf,
  partKeyFor,
  reportRequest,
  viewRequest,
} from '../../../../renderer/store/compare/request';
import { compareFields } from '../../../../renderer/store/compare/fields';
import type { CompareView } from '../../../../renderer/store/compareTypes';
import { ACTIVATED, compareResult, demoAccounts, TIERS } from '../../compareFixtures';

const fields = compareFields('accounts', demoAccounts.columns, 'account_id');

function view(p: Partial<CompareView> = {}): CompareView {
  return {
    targets: [{ file: ACTIVATED }, { file: TIERS }],
    labels: ['Activated', 'Value tiers'],
    table: 'accounts',
    fields,
    measures: ['mrr'],
    section: 'overview',
    breakdown: { column: 'channel', value: 'count', measure: null, layout: 'grouped' },
    distribution: { measure: null, bins: 20, chart: 'box' },
    apart: { column: 0, against: 'rest', showAll: false, hideOwn: false },
    concentration: { measure: null },
    base: null,
    status: 'idle',
    error: null,
    pending: null,
    parts: {},
    saved: null,
    savedJson: null,
    ...p,
  };
}

describe('compare requests', () => {
  it('asks for the base only on the overview, and for the shown part only elsewhere', () => {
    expect(viewRequest(view(), null)).toEqual({
      request: { targets: [{ file: ACTIVATED }, { file: TIERS }], measures: ['mrr'] },
      baseKey: expect.any(String),
      part: null,
      partKey: null,
    });
    const b = viewRequest(view({ section: 'breakdown' }), 'snap-oct');
    expect(b.request).toEqual({
      targets: [{ file: ACTIVATED }, { file: TIERS }],
      measures: ['mrr'],
      snapshot: 'snap-oct',
      breakdown: { column: 'channel', mode: 'auto', top: 12, bins: 10, value: 'count' },
    });
    expect(b.part).toBe('breakdown');
    // Parts with a measure take the first KPI measure unless they have their own.
    expect(viewRequest(view({ section: 'distribution' }), null).request.distribution).toEqual({
      measure: 'mrr',
      bins: 20,
    });
    expect(
      viewRequest(view({ section: 'concentration', concentration: { measure: 'seats' } }), null).request.concentration,
    ).toEqual({ measure: 'seats' });
    expect(
      viewRequest(view({ section: 'apart', apart: { column: 1, against: 0, showAll: true, hideOwn: false } }), null)
        .request.apart,
    ).toEqual({ column: 1, against: 0 });
    expect(
      viewRequest(
        view({
          section: 'breakdown',
          breakdown: { column: 'channel', value: 'avg', measure: null, layout: 'grouped' },
        }),
        null,
      ).request.breakdown,
    ).toMatchObject({ value: 'avg', measure: 'mrr' });
    // Nothing to break down by: the base alone.
    expect(
      viewRequest(
        view({ section: 'breakdown', breakdown: { column: null, value: 'count', measure: null, layout: 'grouped' } }),
        null,
      ).part,
    ).toBeNull();
  });

  it('keys change with what is asked, not with how it is drawn', () => {
    const a = viewRequest(view({ section: 'breakdown' }), null);
    expect(
      viewRequest(
        view({
          section: 'breakdown',
          breakdown: { column: 'channel', value: 'count', measure: null, layout: 'percent' },
        }),
        null,
      ),
    ).toEqual(a);
    const other = viewRequest(
      view({ section: 'breakdown', breakdown: { column: 'seats', value: 'count', measure: null, layout: 'grouped' } }),
      null,
    );
    expect(other.baseKey).toBe(a.baseKey);
    expect(other.partKey).not.toBe(a.partKey);
    expect(viewRequest(view({ section: 'breakdown', measures: ['mrr', 'seats'] }), null).baseKey).not.toBe(a.baseKey);
    expect(partKeyFor(view(), 'breakdown', null)).toBe(a.partKey);
  });

  it('the report asks for every part with the view choices', () => {
    const r = reportRequest(view({ apart: { column: 1, against: 'rest', showAll: false, hideOwn: false } }), null);
    expect(Object.keys(r).sort()).toEqual([
      'apart',
      'breakdown',
      'concentration',
      'distribution',
      'measures',
      'targets',
    ]);
    expect(r.apart).toEqual({ column: 1, against: 'rest' });
  });

  it('maps each result column to its own target: a whole scheme to its tiers, saved files pinned to the version run', () => {
    const r = compareResult(
      [
        { name: 'Activated', count: 300, mrr: 1, file: ACTIVATED, version: 3 },
        {
          name: 'Value tiers / High',
          count: 100,
          mrr: 1,
          kind: 'tier',
          file: TIERS,
          scheme: 'Value tiers',
          tier: 'High',
        },
        {
          name: 'Value tiers / Medium',
          count: 500,
          mrr: 1,
          kind: 'tier',
          file: TIERS,
          scheme: 'Value tiers',
          tier: 'Medium',
        },
        {
          name: 'Value tiers / Low',
          count: 400,
          mrr: 1,
          kind: 'tier',
          file: TIERS,
          scheme: 'Value tiers',
          tier: 'Low',
        },
        {
          name: 'Value tiers / High',
          count: 100,
          mrr: 1,
          kind: 'tier',
          file: TIERS,
          scheme: 'Value tiers',
          tier: 'High',
        },
        { name: 'Draft', count: 50, mrr: 1, kind: 'draft', file: null, version: null },
      ],
      [],
    );
    const draft = { definition: { entity: { table: 'accounts', key: 'account_id' }, where: { all: [] } } };
    expect(
      columnTargets([{ file: ACTIVATED }, { file: TIERS }, { file: TIERS, tier: 'High' }, draft], r.segments),
    ).toEqual([
      { file: ACTIVATED, version: 3 },
      { file: TIERS, tier: 'High', version: 2 },
      { file: TIERS, tier: 'Medium', version: 2 },
      { file: TIERS, tier: 'Low', version: 2 },
      { file: TIERS, tier: 'High', version: 2 },
      draft,
    ]);
  });

  it('keeps the apart choice inside the columns there are', () => {
    expect(clampApart({ column: 3, against: 1, showAll: true, hideOwn: false }, 3)).toEqual({
      column: 0,
      against: 1,
      showAll: true,
      hideOwn: false,
    });
    expect(clampApart({ column: 1, against: 1, showAll: false, hideOwn: false }, 3)).toEqual({
      column: 1,
      against: 'rest',
      showAll: false,
      hideOwn: false,
    });
    expect(clampApart({ column: 1, against: 5, showAll: false, hideOwn: false }, 3).against).toBe('rest');
  });

  it('saves the choices with the chart settings in view, and restores them', () => {
    const v = view({
      section: 'distribution',
      measures: ['mrr', 'seats'],
      breakdown: { column: 'channel', value: 'sum', measure: 'seats', layout: 'stacked' },
      distribution: { measure: 'seats', bins: 30, chart: 'histogram' },
      apart: { column: 1, against: 0, showAll: true, hideOwn: true },
    });
    const state = comparisonStateOf(v);
    expect(state).toEqual({
      targets: v.targets,
      measures: ['mrr', 'seats'],
      breakdown: { column: 'channel', mode: 'auto', top: 12, bins: 10, value: 'sum', measure: 'seats' },
      distribution: { measure: 'seats', bins: 30 },
      apart: { column: 1, against: 0 },
      view: {
        section: 'distribution',
        layout: 'stacked',
        distributionChart: 'histogram',
        apartShowAll: true,
        apartHideOwn: true,
        breakdownValue: 'sum',
      },
    });
    const back = choicesFromState(JSON.parse(JSON.stringify(state)), fields);
    expect(back).toEqual({
      targets: v.targets,
      measures: v.measures,
      section: v.section,
      breakdown: v.breakdown,
      distribution: v.distribution,
      apart: v.apart,
      concentration: v.concentration,
    });
    // A bare state gets the defaults (the money-like measure).
    expect(choicesFromState({ targets: v.targets }, fields)).toMatchObject({
      measures: ['mrr'],
      section: 'overview',
      breakdown: { column: null, layout: 'grouped' },
      distribution: { chart: 'box', bins: 20 },
    });
  });
});
