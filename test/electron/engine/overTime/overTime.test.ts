// Flows, tier moves, paths and the threshold explorer on the hand-made fixture accounts: two
// snapshots (2026-10: A1 pro 90, A2 free 0, A3 pro 40; 2026-11: A1 pro 100, A2 free 0, A3 starter 20,
// A4 enterprise 1000, A5 pro 150, A6 pro 120). Expected figures are worked out by hand from those
// rows (see each comment); the threshold curve is also checked against counts made one by one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverTimeService } from '../../../../electron/engine/overTime/overTimeService';
import { weightedMedian } from '../../../../electron/engine/overTime/flows';
import { ViewCache } from '../../../../electron/engine/views/viewCache';
import type { OverTimeApi } from '../../../../shared/api/overTimeApi';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segments/segmentsTestUtils';

let t: TestWorkspace;
let api: OverTimeApi;
let oct = '';
let nov = '';
const pro = { entity, asOf: { kind: 'snapshot' }, where: { field: 'plan', op: 'eq', value: 'pro' } };
const value = {
  entity,
  asOf: { kind: 'snapshot' },
  tiers: [
    { name: 'High', where: { field: 'mrr', op: 'gte', value: 500 } },
    { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
  ],
  otherwise: 'Low',
};

beforeAll(async () => {
  t = await openFixtureWorkspace();
  api = createOverTimeService({ workspace: () => t.ws, emit: () => {} });
  oct = t.snaps['accounts_2026-10.csv']!;
  nov = t.snaps['accounts_2026-11.csv']!;
}, 60_000);
afterAll(() => t?.close());

describe('flows between two snapshots', () => {
  it('a segment: stayed, entered, left, new, gone; retention and Jaccard', async () => {
    const f = await api.segmentFlow({ target: { definition: pro }, from: oct, to: nov });
    // Pro at 10: A1, A3; at 11: A1, A5, A6. A1 stayed; A3 left (still there, now starter);
    // A5, A6 are new keys in Pro; no key of 10 is gone; A2 was and is free.
    expect(f).toMatchObject({
      kind: 'segment',
      from: oct,
      to: nov,
      stayed: 1,
      entered: 0,
      left: 1,
      new: 2,
      gone: 0,
      countFrom: 2,
      countTo: 3,
      retention: 0.5,
      jaccard: 0.25,
    });
    expect(f).toMatchObject({ fromAsOf: '2026-10-01T00:00:00Z', toAsOf: '2026-11-01T00:00:00Z' });
    if (f.kind !== 'segment') throw new Error('segment flow expected');
    // Flows add up: stayed + left + gone = count at from; stayed + entered + new = count at to.
    expect(f.stayed + f.left + f.gone).toBe(f.countFrom);
    expect(f.stayed + f.entered + f.new).toBe(f.countTo);
    const back = await api.segmentFlow({ target: { definition: pro }, from: nov, to: oct });
    expect(back).toMatchObject({ stayed: 1, entered: 1, left: 0, new: 0, gone: 2 });
  });

  it('a scheme: the transition matrix with new and gone; rows add up to each snapshot\u2019s tiers', async () => {
    const f = await api.segmentFlow({ target: { definition: value }, from: oct, to: nov });
    if (f.kind !== 'scheme') throw new Error('scheme flow expected');
    expect(f.tiers).toEqual(['High', 'Mid', 'Low']);
    // At 10 all three are Low (90, 0, 40); at 11 A1 is Mid, A2 and A3 Low; A4 (High), A5, A6 (Mid) are new.
    expect(f.matrix).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 1, 2],
    ]);
    expect(f.new).toEqual([1, 2, 0]);
    expect(f.gone).toEqual([0, 0, 0]);
  });

  it('the grid shows a flow group: rows of one snapshot whose keys are (not) members at another', async () => {
    const views = new ViewCache(t.ws);
    const everyRow = { definition: { entity, where: { all: [] } } };
    const ids = async (view: Parameters<ViewCache['rows']>[0]) =>
      (await views.rows(view, 0, 100)).rows.map((r) => r.account_id);
    // left = in Pro at 10, key still at 11, not in Pro there: A3 (shown on the 10 snapshot).
    expect(
      await ids({
        table: 'accounts',
        snapshot: oct,
        segment: { definition: pro },
        keysAt: [
          { snapshot: nov, target: everyRow, present: true },
          { snapshot: nov, target: { definition: pro }, present: false },
        ],
      }),
    ).toEqual(['A3']);
    // new = in Pro at 11, key not at 10: A5, A6.
    expect(
      await ids({
        table: 'accounts',
        snapshot: nov,
        segment: { definition: pro },
        keysAt: [{ snapshot: oct, target: everyRow, present: false }],
      }),
    ).toEqual(['A5', 'A6']);
    // A cell of the matrix: Low at 10 → Mid at 11: A1.
    expect(
      await ids({
        table: 'accounts',
        snapshot: nov,
        segment: { definition: value, tier: 'Mid' },
        keysAt: [{ snapshot: oct, target: { definition: value, tier: 'Low' }, present: true }],
      }),
    ).toEqual(['A1']);
  });

  it('refuses snapshots of another table and unknown ids', async () => {
    await expect(api.segmentFlow({ target: { definition: pro }, from: oct, to: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining("no snapshot 'nope'"),
    });
  });
});

describe('what a new version changes, on one snapshot', () => {
  it('a segment: members kept, added and removed; a scheme: rows moved between tiers; exports of those rows', async () => {
    const paying = (v: number) => ({
      entity,
      asOf: { kind: 'snapshot' },
      where: { field: 'mrr', op: 'gte', value: v },
    });
    const saved = await t.api.saveDefinition({ name: 'Paying', definition: paying(100) });
    await t.api.saveDefinition({ file: saved.file, name: 'Paying', definition: paying(120), note: 'stricter' });
    const f = await api.segmentFlow({
      target: { file: saved.file, version: 1 },
      versus: { file: saved.file, version: 2 },
      from: nov,
      to: nov,
    });
    // v1: A1 (100), A4, A5, A6; v2: A4, A5 (150), A6 (120): A1 removed, nothing added.
    expect(f).toMatchObject({ kind: 'segment', stayed: 3, entered: 0, left: 1, new: 0, gone: 0 });
    const scheme = await t.api.saveDefinition({ kind: 'scheme', name: 'Value', definition: value });
    const v2 = {
      ...value,
      tiers: [
        { name: 'High', where: { field: 'mrr', op: 'gte', value: 120 } },
        { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
      ],
    };
    await t.api.saveDefinition({
      kind: 'scheme',
      file: scheme.file,
      name: 'Value',
      definition: v2,
      note: 'lower bar for High',
    });
    const moves = await api.segmentFlow({
      target: { file: scheme.file, version: 1 },
      versus: { file: scheme.file },
      from: nov,
      to: nov,
    });
    if (moves.kind !== 'scheme') throw new Error('scheme flow expected');
    // A5 (150) and A6 (120) move Mid → High; A1 (100) stays Mid; A4 High; A2, A3 Low.
    expect(moves.toTiers).toEqual(['High', 'Mid', 'Low']);
    expect(moves.matrix).toEqual([
      [1, 0, 0],
      [2, 1, 0],
      [0, 0, 2],
    ]);
    // Export the rows that moved Mid → High: members of High (v2) whose key was in Mid (v1).
    const out = path.join(t.dir, 'moved.csv');
    const r = await t.api.exportMembers({
      target: { file: scheme.file, tier: 'High' },
      keysAt: [{ snapshot: nov, target: { file: scheme.file, version: 1, tier: 'Mid' }, present: true }],
      out,
      columns: ['account_id', 'mrr'],
    });
    expect(r.rows).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('account_id,mrr\nA5,150\nA6,120\n');
    // And the one v2 removed from Paying: v1's members not in v2.
    const removed = path.join(t.dir, 'removed.csv');
    await t.api.exportMembers({
      target: { file: saved.file, version: 1 },
      notIn: [{ file: saved.file, version: 2 }],
      out: removed,
      columns: ['account_id'],
    });
    expect(readFileSync(removed, 'utf8')).toBe('account_id\nA1\n');
  });
});

describe('paths through the tiers', () => {
  it('commonest paths with repeats collapsed, and the snapshots it took to reach a tier', async () => {
    const p = await api.tierPaths({ target: { definition: value } });
    expect(p.snapshots.map((s) => s.id)).toEqual([oct, nov]);
    expect(p.keys).toBe(6);
    // A1 Low → Mid; A2, A3 Low (twice: collapsed); A4 High; A5, A6 Mid.
    const paths = Object.fromEntries(p.paths.map((x) => [x.tiers.join(' → '), x.keys]));
    expect(paths).toEqual({ Low: 2, Mid: 2, High: 1, 'Low → Mid': 1 });
    expect(p.reach).toEqual([
      { tier: 'High', keys: 0, medianSnapshots: null },
      { tier: 'Mid', keys: 1, medianSnapshots: 1 },
      { tier: 'Low', keys: 0, medianSnapshots: null },
    ]);
  });

  it('weighted medians', () => {
    expect(
      weightedMedian([
        { snapshots: 1, keys: 3 },
        { snapshots: 4, keys: 1 },
      ]),
    ).toBe(1);
    expect(
      weightedMedian([
        { snapshots: 1, keys: 1 },
        { snapshots: 3, keys: 1 },
      ]),
    ).toBe(2);
    expect(weightedMedian([])).toBeNull();
  });
});

describe('the threshold explorer', () => {
  const countAt = async (where: unknown, snapshot: string) =>
    (await t.api.countSegment({ target: { definition: { entity, asOf: { kind: 'snapshot' }, where } }, snapshot }))
      .count;

  it('each point equals the count of the rule with that threshold, wherever the condition sits', async () => {
    const rules = [
      (v: number) => ({
        all: [
          { field: 'plan', op: 'eq', value: 'pro' },
          { field: 'mrr', op: 'gte', value: v },
        ],
      }),
      (v: number) => ({
        any: [
          { field: 'plan', op: 'eq', value: 'free' },
          { field: 'mrr', op: 'gt', value: v },
        ],
      }),
      (v: number) => ({
        not: {
          all: [
            { field: 'seats', op: 'lte', value: 50 },
            { field: 'mrr', op: 'lt', value: v },
          ],
        },
      }),
      (v: number) => ({ field: 'mrr', op: 'lte', value: v }),
      // Neither "condition true" nor "condition false" is constant: rows in either are scanned.
      (v: number) => ({
        any: [
          {
            all: [
              { field: 'plan', op: 'eq', value: 'pro' },
              { field: 'mrr', op: 'gt', value: v },
            ],
          },
          { field: 'seats', op: 'gte', value: 100 },
        ],
      }),
    ];
    const paths = ['where.all[1]', 'where.any[1]', 'where.not.all[1]', 'where', 'where.any[0].all[1]'];
    for (const [i, rule] of rules.entries()) {
      const curve = await api.thresholdCurve({
        target: { definition: { entity, asOf: { kind: 'snapshot' }, where: rule(100) } },
        path: paths[i]!,
        points: 40,
      });
      // The grid is the distinct mrr values (0, 20, 100, 120, 150, 1000) and today's 100.
      expect(curve.points.map((p) => p.threshold)).toEqual([0, 20, 100, 120, 150, 1000]);
      expect(curve.current).toBe(100);
      for (const p of curve.points)
        expect([i, p.threshold, p.count]).toEqual([i, p.threshold, await countAt(rule(p.threshold), nov)]);
    }
  });

  it('a field with empty values: every comparison, alone and under not, equals its counts', async () => {
    // nps at 11: A1 9, A2 empty, A3 3, A4 10, A5 empty, A6 7; the grid is 3, 7, 9, 10 and today's 8.
    const alone = await api.thresholdCurve({
      target: { definition: { entity, asOf: { kind: 'snapshot' }, where: { field: 'nps', op: 'gte', value: 8 } } },
      path: 'where',
    });
    expect(alone.points.map((p) => [p.threshold, p.count])).toEqual([
      [3, 4],
      [7, 3],
      [8, 2],
      [9, 2],
      [10, 1],
    ]);
    for (const op of ['gte', 'gt', 'lt', 'lte']) {
      const rule = (v: number) => ({
        any: [{ field: 'plan', op: 'eq', value: 'starter' }, { not: { field: 'nps', op, value: v } }],
      });
      const curve = await api.thresholdCurve({
        target: { definition: { entity, asOf: { kind: 'snapshot' }, where: rule(8) } },
        path: 'where.any[1].not',
      });
      expect(curve.points.map((p) => p.threshold)).toEqual([3, 7, 8, 9, 10]);
      for (const p of curve.points)
        expect([op, p.threshold, p.count]).toEqual([op, p.threshold, await countAt(rule(p.threshold), nov)]);
    }
  });

  it('an outcome: share in another segment on this snapshot or the next, or a measure\u2019s average', async () => {
    const rule = { field: 'mrr', op: 'gte', value: 40 };
    const promoters = { definition: { entity, where: { field: 'nps', op: 'gte', value: 9 } } };
    const same = await api.thresholdCurve({
      target: { definition: { entity, asOf: { kind: 'snapshot' }, where: rule } },
      path: 'where',
      outcome: { kind: 'segment', target: promoters },
    });
    // At 100: A1 100, A4 1000, A5 150, A6 120; promoters among them: A1 (9), A4 (10).
    expect(same.points.find((p) => p.threshold === 100)).toMatchObject({ count: 4, outcome: 0.5 });
    const next = await api.thresholdCurve({
      target: { definition: { entity, asOf: { kind: 'snapshot' }, where: rule } },
      path: 'where',
      snapshot: oct,
      outcome: { kind: 'segment', target: { definition: pro }, snapshot: 'next' },
    });
    // At 10 with mrr ≥ 40: A1 (90), A3 (40); in Pro at 11: A1 only.
    expect(next.outcomeSnapshot).toBe(nov);
    expect(next.points.find((p) => p.threshold === 40)).toMatchObject({ count: 2, outcome: 0.5 });
    const last = await api.thresholdCurve({
      target: { definition: { entity, where: rule } },
      path: 'where',
      outcome: { kind: 'segment', target: { definition: pro }, snapshot: 'next' },
    });
    expect(last.outcomeSnapshot).toBeNull();
    expect(last.warnings.join()).toMatch(/no next one/);
    const seats = await api.thresholdCurve({
      target: { definition: { entity, where: rule } },
      path: 'where',
      outcome: { kind: 'measure', measure: 'seats' },
    });
    // mrr ≥ 120: A4 (100 seats), A5 (20), A6 (12): average 44.
    expect(seats.points.find((p) => p.threshold === 120)).toMatchObject({ count: 3, outcome: 44 });
  });

  it('needs a numeric comparison at the path', async () => {
    await expect(api.thresholdCurve({ target: { definition: pro }, path: 'where' })).rejects.toMatchObject({
      code: 'usage',
    });
    await expect(api.thresholdCurve({ target: { definition: pro }, path: 'where.all[3]' })).rejects.toMatchObject({
      code: 'usage',
    });
  });
});
