// Which snapshots a flow compares and what each section shows when nothing is picked: the latest
// pair by default, a chosen pair while it exists and is in order; the view's first segment (or
// tier) for the flow, its first scheme for tier movement and paths, at the view's version.
import { describe, expect, it } from 'vitest';
import {
  apiTarget,
  flowTarget,
  resolvePair,
  schemeTarget,
  targetLabel,
} from '../../../../renderer/store/overTime/targets';
import { ACTIVATED, ADVOCATES, schemes, segments, TIERS } from '../../compareFixtures';
import { NOV, OCT, refs, SEP } from '../../overTimeFixtures';

const view = (p: Partial<Parameters<typeof flowTarget>[0] & Parameters<typeof schemeTarget>[0]> = {}) => ({
  table: 'accounts',
  targets: [],
  flow: { target: null, from: null, to: null },
  scheme: { file: null },
  ...p,
});

describe('snapshot pairs', () => {
  it('defaults to the latest pair, keeps a chosen pair in order, and needs two snapshots', () => {
    const ids = (p: ReturnType<typeof resolvePair>) => p && [p.from.id, p.to.id];
    expect(ids(resolvePair(refs, null, null))).toEqual([OCT, NOV]);
    expect(ids(resolvePair(refs, SEP, NOV))).toEqual([SEP, NOV]);
    expect(ids(resolvePair(refs, null, OCT))).toEqual([SEP, OCT]);
    // Out of order, or a snapshot that no longer exists: back to the latest pair.
    expect(ids(resolvePair(refs, NOV, SEP))).toEqual([OCT, NOV]);
    expect(ids(resolvePair(refs, 'gone', null))).toEqual([OCT, NOV]);
    expect(resolvePair(refs.slice(0, 1), null, null)).toBeNull();
  });
});

describe('section targets', () => {
  it('the flow follows the chosen segment, else the view’s first segment or tier, else the table’s first', () => {
    expect(flowTarget(view(), segments, schemes)).toEqual({ file: ACTIVATED });
    expect(
      flowTarget(view({ targets: [{ file: TIERS }, { file: TIERS, tier: 'High', version: 1 }] }), segments, schemes),
    ).toEqual({ file: TIERS, tier: 'High', version: 1 });
    // A chosen segment is measured at the version the view measures its file with.
    expect(
      flowTarget(
        view({
          targets: [{ file: ADVOCATES, version: 1 }],
          flow: { target: { file: ADVOCATES }, from: null, to: null },
        }),
        segments,
        schemes,
      ),
    ).toEqual({ file: ADVOCATES, version: 1 });
  });

  it('tier movement and paths follow the chosen scheme, else the view’s first, else the table’s', () => {
    expect(schemeTarget(view(), schemes)).toEqual({ file: TIERS });
    expect(
      schemeTarget(view({ targets: [{ file: ACTIVATED }, { file: TIERS, tier: 'Low', version: 1 }] }), schemes),
    ).toEqual({ file: TIERS, version: 1 });
    expect(schemeTarget(view({ table: 'tickets' }), schemes)).toBeNull();
  });

  it('names targets as the sidebar does and resolves the latest version', () => {
    const defs = [...segments, ...schemes];
    expect(targetLabel(defs, { file: TIERS, tier: 'High' })).toBe('Value tiers / High');
    expect(apiTarget(defs, { file: TIERS, tier: 'High' })).toEqual({ file: TIERS, version: 2, tier: 'High' });
    expect(apiTarget(defs, { file: ACTIVATED, version: 1 })).toEqual({ file: ACTIVATED, version: 1 });
  });
});
