// memberDiffOf reads a version-vs-version flow: hand-made flows with the figures worked out here.
import { describe, expect, it } from 'vitest';
import type { SchemeFlow, SegmentFlow } from '../../../shared/api/overTimeApi';
import { describeMove, memberDiffOf } from '../../../shared/segments/memberDiff';

const head = {
  segment: 'S',
  version: 1,
  hash: null,
  table: 't',
  from: 's1',
  to: 's1',
  fromAsOf: '2026-11-01T00:00:00Z',
  toAsOf: '2026-11-01T00:00:00Z',
};

describe('memberDiffOf', () => {
  it('a segment: entered are added, left removed, stayed kept', () => {
    const f: SegmentFlow = {
      kind: 'segment',
      ...head,
      stayed: 7,
      entered: 3,
      left: 2,
      new: 0,
      gone: 0,
      countFrom: 9,
      countTo: 10,
      retention: 7 / 9,
      jaccard: 7 / 12,
    };
    expect(memberDiffOf(f)).toEqual({ kind: 'segment', kept: 7, added: 3, removed: 2, countFrom: 9, countTo: 10 });
  });

  it('a scheme: moves by name (a reordered tier stays), entered/left through otherwise, sums per version', () => {
    // v1 tiers High, Medium, Low(otherwise); v2 Medium, High, Rest(otherwise): reordered and renamed.
    const f: SchemeFlow = {
      kind: 'scheme',
      ...head,
      tiers: ['High', 'Medium', 'Low'],
      toTiers: ['Medium', 'High', 'Rest'],
      //           Medium High Rest   (v2)
      matrix: [
        [5, 40, 0], // High
        [100, 0, 292], //     Medium
        [8, 0, 900],
      ], //      Low
      new: [0, 0, 0],
      gone: [0, 0, 0],
    };
    const d = memberDiffOf(f);
    if (d.kind !== 'scheme') throw new Error('scheme expected');
    // Stayed: High→High 40, Medium→Medium 100, Low→Rest 900 (otherwise both times).
    expect(d.stayed).toBe(1040);
    expect(d.moves.map((m) => describeMove(m))).toEqual([
      '292 moved Medium → Rest',
      '8 moved Low → Medium',
      '5 moved High → Medium',
    ]);
    expect({ entered: d.entered, left: d.left, between: d.movedBetweenTiers }).toEqual({
      entered: 8,
      left: 292,
      between: 5,
    });
    expect(d.countsFrom).toEqual([45, 392, 908]);
    expect(d.countsTo).toEqual([113, 40, 1192]);
    expect(describeMove(d.moves[0]!, (n) => n.toLocaleString('en-US'))).toBe('292 moved Medium → Rest');
  });
});
