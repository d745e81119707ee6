// Flow groups and tier moves as grid views, checked against the SPEC §7 definitions: each group's
// rows are read on the snapshot its keys are in, and keysAt on the other snapshot picks them out
// (stayed/entered/new on `to`, left/gone on `from`; a move i → j is tier j at `to` with the key in
// tier i at `from`).
import { describe, expect, it } from 'vitest';
import {
  everyRow,
  flowGroupFilter,
  flowGroupView,
  tierMoveFilter,
} from '../../../../renderer/store/overTime/gridViews';
import { filterApplies, segmentParts } from '../../../../renderer/store/gridSegments';
import { NOV, OCT } from '../../overTimeFixtures';

const entity = { table: 'accounts', key: 'account_id' };
const seg = { file: 'segments/activated.segment.json', version: 2 };
const all = everyRow(entity);

describe('flow groups in the grid', () => {
  it('reads each group on its snapshot with the keys (not) at the other', () => {
    expect(flowGroupView('stayed', seg, entity, OCT, NOV)).toEqual({
      snapshot: NOV,
      keysAt: [{ snapshot: OCT, target: seg, present: true }],
    });
    expect(flowGroupView('entered', seg, entity, OCT, NOV)).toEqual({
      snapshot: NOV,
      keysAt: [
        { snapshot: OCT, target: seg, present: false },
        { snapshot: OCT, target: all, present: true },
      ],
    });
    expect(flowGroupView('new', seg, entity, OCT, NOV)).toEqual({
      snapshot: NOV,
      keysAt: [{ snapshot: OCT, target: all, present: false }],
    });
    expect(flowGroupView('left', seg, entity, OCT, NOV)).toEqual({
      snapshot: OCT,
      keysAt: [
        { snapshot: NOV, target: seg, present: false },
        { snapshot: NOV, target: all, present: true },
      ],
    });
    expect(flowGroupView('gone', seg, entity, OCT, NOV)).toEqual({
      snapshot: OCT,
      keysAt: [{ snapshot: NOV, target: all, present: false }],
    });
    expect(all).toEqual({ definition: { entity, where: { all: [] } } });
  });

  it('names the filter for the chip and pins it to its snapshot', () => {
    const f = flowGroupFilter(
      'left',
      seg,
      'Activated',
      entity,
      { id: OCT, asOf: '2026-10-01' },
      { id: NOV, asOf: '2026-11-01' },
    );
    expect(f).toMatchObject({
      table: 'accounts',
      source: 'overTime',
      label: 'Activated: left (2026-10-01 → 2026-11-01)',
      target: seg,
      snapshot: OCT,
    });
  });
});

describe('tier moves in the grid', () => {
  const scheme = { file: 'schemes/value-tiers.scheme.json', version: 3, name: 'Value tiers' };
  const tiers = { from: ['High', 'Medium', 'Low'], to: ['High', 'Medium', 'Low'] };
  const from = { id: OCT, asOf: '2026-10-01' };
  const to = { id: NOV, asOf: '2026-11-01' };
  const tier = (t: string) => ({ file: scheme.file, version: 3, tier: t });

  it('Medium → High is High at `to` whose key was in Medium at `from`', () => {
    expect(tierMoveFilter(scheme, tiers, 1, 0, entity, from, to)).toEqual({
      table: 'accounts',
      source: 'overTime',
      label: 'Value tiers: Medium → High (2026-10-01 → 2026-11-01)',
      target: tier('High'),
      snapshot: NOV,
      keysAt: [{ snapshot: OCT, target: tier('Medium'), present: true }],
    });
  });

  it('new keys are read at `to` without a key at `from`; gone ones at `from` without one at `to`', () => {
    expect(tierMoveFilter(scheme, tiers, -1, 2, entity, from, to)).toMatchObject({
      label: 'Value tiers: new → Low (2026-10-01 → 2026-11-01)',
      target: tier('Low'),
      snapshot: NOV,
      keysAt: [{ snapshot: OCT, target: all, present: false }],
    });
    expect(tierMoveFilter(scheme, tiers, 0, -1, entity, from, to)).toMatchObject({
      label: 'Value tiers: High → gone (2026-10-01 → 2026-11-01)',
      target: tier('High'),
      snapshot: OCT,
      keysAt: [{ snapshot: NOV, target: all, present: false }],
    });
    expect(tierMoveFilter(scheme, tiers, -1, -1, entity, from, to)).toBeNull();
    expect(tierMoveFilter(scheme, tiers, 5, 0, entity, from, to)).toBeNull();
  });
});

describe('a filter pinned to its snapshot', () => {
  const f = flowGroupFilter(
    'gone',
    seg,
    'Activated',
    entity,
    { id: OCT, asOf: '2026-10-01' },
    { id: NOV, asOf: '2026-11-01' },
  );
  const state = { gridSegment: f, membershipColumns: [], gridMetrics: null };

  it('narrows the grid only on that snapshot of that table', () => {
    expect(filterApplies(f, 'accounts', OCT)).toBe(true);
    expect(filterApplies(f, 'accounts', NOV)).toBe(false);
    expect(filterApplies(f, 'tickets', OCT)).toBe(false);
    expect(segmentParts('accounts', state, OCT)).toEqual({ segment: seg, keysAt: f.keysAt });
    expect(segmentParts('accounts', state, NOV)).toEqual({});
    // An unpinned filter (a saved segment's) applies on any snapshot.
    expect(filterApplies({ table: 'accounts', source: 'file', label: 'Activated', target: seg }, 'accounts', NOV)).toBe(
      true,
    );
  });
});
