// The builder's threshold explorer against the fake API: one thresholdCurve of the draft per state
// (the explored threshold's own value left out of it, so applying a point asks nothing new), other
// edits asking again after a pause with stale answers dropped, the outcome in the request, and a
// point applied through the builder's edit: the draft changes, the live count follows, Ctrl+Z (undo)
// takes it back in one step and redo brings it again.
import { describe, expect, it } from 'vitest';
import type { ThresholdResult } from '../../../../shared/api/overTimeApi';
import type { CountResult, DefinitionDocument } from '../../../../shared/api/segmentsApi';
import { THRESHOLD_PAUSE_MS } from '../../../../renderer/store/overTimeThreshold';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import { ACTIVATED, counts, schemes, segments } from '../../compareFixtures';
import { createFakeApi, deferred, flush } from '../../fakeApi';
import { threeMonths } from '../../overTimeFixtures';

const definition = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  metrics: [{ name: 'inactive_days', kind: 'daysSince', of: 'signup_date' }],
  where: {
    all: [
      { field: 'mrr', op: 'gte', value: 100 },
      { field: 'inactive_days', op: 'lte', value: 3 },
    ],
  },
};
const doc: DefinitionDocument = {
  ...segments[0]!,
  versions: [],
  diagnostics: [],
  content: { versions: [{ version: 2, definition }] },
};
const curve = (current: number, counts: number[]): ThresholdResult => ({
  field: 'inactive_days',
  op: 'lte',
  current,
  total: 1000,
  warnings: [],
  points: counts.map((count, i) => ({ threshold: i * 2, count, share: count / 1000 })),
});
const pause = () => new Promise((r) => setTimeout(r, THRESHOLD_PAUSE_MS + 30));

async function setup(impl: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({
    readDefinition: async () => doc,
    listMeasurements: async () => [],
    countSegment: async (req) =>
      ({
        count: JSON.stringify(req.target).length,
        total: 1000,
        share: 0.1,
        measures: [],
        elapsedMs: 1,
        asOf: '2026-11-01T00:00:00Z',
      }) as unknown as CountResult,
    segmentFunnel: async () => ({ total: 1000, steps: [] }),
    thresholdCurve: async () => curve(3, [100, 200, 300, 400]),
    ...impl,
  });
  let n = 0;
  const store = createWorkbenchStore(fake.client, { newJobId: () => `job${++n}` });
  store.setState({
    workspace: { path: '/ws', name: 'ws', tables: [threeMonths] },
    tables: [threeMonths],
    selectedTable: 'accounts',
    selectedSnapshot: null,
    segments,
    schemes,
    segmentCounts: counts,
  });
  await store.getState().openSegment(ACTIVATED);
  await flush();
  return { fake, store };
}

const valueOf = (s: ReturnType<Awaited<ReturnType<typeof setup>>['store']['getState']>) =>
  ((s.builder!.definition as typeof definition).where.all[1] as { value: number }).value;

describe('threshold explorer', () => {
  it('asks for the curve of the draft at the condition’s path, 40 points on the grid’s snapshot, under its liveKey', async () => {
    const { store, fake } = await setup();
    store.getState().toggleThresholdExplorer([1], 'where.all[1]');
    await flush();
    expect(fake.callsOf('thresholdCurve')).toEqual([
      { target: { definition }, path: 'where.all[1]', points: 40, liveKey: 'threshold', jobId: expect.any(String) },
    ]);
    expect(store.getState().threshold).toMatchObject({ status: 'ready', result: { current: 3 } });
    store
      .getState()
      .setThresholdOutcome({ kind: 'segment', file: 'segments/advocates.segment.json', snapshot: 'next' });
    await flush();
    expect(fake.callsOf('thresholdCurve').at(-1)).toMatchObject({
      outcome: { kind: 'segment', target: { file: 'segments/advocates.segment.json' }, snapshot: 'next' },
    });
    store.getState().setThresholdSnapshot('snap-sep');
    await flush();
    expect(fake.callsOf('thresholdCurve').at(-1)).toMatchObject({ snapshot: 'snap-sep' });
    // Its button again closes it.
    store.getState().toggleThresholdExplorer([1], 'where.all[1]');
    expect(store.getState().threshold).toBeNull();
  });

  it('a clicked point sets the threshold through the builder’s edit: the live count follows and undo takes it back', async () => {
    const { store, fake } = await setup();
    store.getState().toggleThresholdExplorer([1], 'where.all[1]');
    await flush();
    const counted = fake.callsOf('countSegment').length;
    store.getState().applyThreshold(6);
    await flush();
    expect(valueOf(store.getState())).toBe(6);
    expect(store.getState().builder!.past).toHaveLength(1);
    const last = fake.callsOf('countSegment').at(-1) as { target: { definition: typeof definition } };
    expect(fake.callsOf('countSegment').length).toBe(counted + 1);
    expect(last.target.definition.where.all[1]).toEqual({ field: 'inactive_days', op: 'lte', value: 6 });
    expect(store.getState().builder!.live.count).toBe(JSON.stringify(last.target).length);
    // The other conditions did not change: the curve in hand still holds.
    store.getState().refreshThreshold();
    await pause();
    expect(fake.callsOf('thresholdCurve')).toHaveLength(1);
    // Two clicks are two undo steps, each its own.
    store.getState().applyThreshold(8);
    store.getState().undo();
    expect(valueOf(store.getState())).toBe(6);
    store.getState().undo();
    expect(valueOf(store.getState())).toBe(3);
    store.getState().redo();
    expect(valueOf(store.getState())).toBe(6);
    await flush();
    expect(
      (fake.callsOf('countSegment').at(-1) as { target: { definition: typeof definition } }).target.definition.where
        .all[1],
    ).toMatchObject({ value: 6 });
  });

  it('an edit of another condition asks again after a pause; a stale curve is dropped', async () => {
    const held = deferred<ThresholdResult>();
    let n = 0;
    const { store, fake } = await setup({
      thresholdCurve: () => (n++ === 1 ? held.promise : Promise.resolve(curve(3, n === 1 ? [1, 2] : [5, 6, 7]))),
    });
    store.getState().toggleThresholdExplorer([1], 'where.all[1]');
    await flush();
    store.getState().editRule({ type: 'patchCondition', path: [0], patch: { value: 150 } });
    store.getState().refreshThreshold();
    await pause();
    expect(fake.callsOf('thresholdCurve')).toHaveLength(2);
    expect(fake.callsOf('thresholdCurve')[1]).toMatchObject({
      target: { definition: { where: { all: [{ value: 150 }, { value: 3 }] } } },
    });
    store.getState().editRule({ type: 'patchCondition', path: [0], patch: { value: 200 } });
    store.getState().refreshThreshold();
    await pause();
    expect(store.getState().threshold!.result!.points.map((p) => p.count)).toEqual([5, 6, 7]);
    held.resolve(curve(3, [999]));
    await flush();
    expect(store.getState().threshold!.result!.points.map((p) => p.count)).toEqual([5, 6, 7]);
  });

  it('says why there is no curve when the condition is no longer a numeric comparison, and asks nothing', async () => {
    const { store, fake } = await setup();
    store.getState().toggleThresholdExplorer([1], 'where.all[1]');
    await flush();
    store.getState().editRule({ type: 'replace', path: [1], rule: { field: 'inactive_days', op: 'isEmpty' } });
    store.getState().refreshThreshold();
    await pause();
    expect(fake.callsOf('thresholdCurve')).toHaveLength(1);
    expect(store.getState().threshold).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('no longer compares a number') },
    });
    // Applying a point then edits nothing.
    store.getState().applyThreshold(5);
    expect((store.getState().builder!.definition as typeof definition).where).toMatchObject({
      all: [{ value: 100 }, { op: 'isEmpty' }],
    });
  });

  it('closes with its segment', async () => {
    const { store } = await setup();
    store.getState().toggleThresholdExplorer([1], 'where.all[1]');
    store.getState().closeBuilder();
    expect(store.getState().threshold).toBeNull();
  });
});
