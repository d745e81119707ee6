// The compare view's store logic against the fake API: which compareSegments requests each view
// state sends (the base always, only the shown section's part, nothing when the answer in hand is
// for the same request, nothing while the Grid tab shows), stale answers dropped, errors in the
// user's words, progress of its own job, cancel; overlap cells as grid filters; the draft as a
// target; the definitions' metrics as measures.
import { describe, expect, it } from 'vitest';
import type { BreakdownResult, CompareRequest, CompareResult } from '../../../../shared/api/compareApi';
import type { DefinitionDocument } from '../../../../shared/api/segmentsApi';
import { ApiError } from '../../../../shared/api/protocol';
import { schemeKey, segmentKey } from '../../../../renderer/store/compare/selection';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import {
  ACTIVATED,
  ADVOCATES,
  AT_RISK,
  compareResult,
  counts,
  demoAccounts,
  schemes,
  segments,
  threeColumns,
  TIERS,
} from '../../compareFixtures';
import { createFakeApi, deferred, flush } from '../../fakeApi';

const doc = (file: string, metrics: unknown[] = []): DefinitionDocument => ({
  ...segments.concat(schemes).find((s) => s.file === file)!,
  versions: [],
  diagnostics: [],
  content: {
    versions: [
      { version: 1, definition: { entity: { table: 'accounts', key: 'account_id' }, where: { all: [] } } },
      { version: 2, definition: { entity: { table: 'accounts', key: 'account_id' }, metrics, where: { all: [] } } },
    ],
  },
});

const breakdown = (column: string): BreakdownResult => ({
  column,
  family: 'text',
  value: 'count',
  measure: null,
  categories: ['organic', null],
  details: [
    { label: 'organic', value: 'organic', kind: 'value' },
    { label: '(empty)', value: null, kind: 'empty' },
  ],
  counts: [
    [200, 100],
    [150, 50],
    [60, 40],
  ],
  baseline: { counts: [700, 300] },
});

/** An answer for any request: three columns, plus the parts asked for. */
function answer(req: CompareRequest): CompareResult {
  const r = threeColumns();
  return { ...r, ...(req.breakdown ? { breakdown: breakdown(req.breakdown.column) } : {}) };
}

function setup(impl: Parameters<typeof createFakeApi>[0] = {}, storage: Map<string, string> | null = null) {
  const fake = createFakeApi({
    compareSegments: async (req) => answer(req),
    readDefinition: async ({ file }) =>
      doc(file, file === ACTIVATED ? [{ name: 'inactive_days', kind: 'daysSince', of: 'signup_date' }] : []),
    ...impl,
  });
  let n = 0;
  const kv = storage && {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
  };
  const store = createWorkbenchStore(fake.client, { newJobId: () => `job${++n}`, storage: kv });
  store.setState({
    workspace: { path: '/ws/demo', name: 'demo', tables: [demoAccounts] },
    tables: [demoAccounts],
    selectedTable: 'accounts',
    selectedSnapshot: null,
    segments,
    schemes,
    segmentCounts: counts,
  });
  const compares = () => fake.callsOf('compareSegments') as CompareRequest[];
  return { fake, store, compares };
}

const threeTargets = [{ file: ACTIVATED }, { file: AT_RISK }, { file: ADVOCATES }];

describe('compare slice', () => {
  it('compares the sidebar choice in sidebar order: one request for KPIs and overlap with the money-like measure, on the Compare tab', async () => {
    const { store, compares } = setup();
    const s = store.getState();
    s.selectForCompare(segmentKey(ADVOCATES), 'toggle');
    s.selectForCompare(segmentKey(ACTIVATED), 'toggle');
    s.selectForCompare(segmentKey(AT_RISK), 'toggle');
    store.getState().compareSelected();
    expect(store.getState().mainTab).toBe('compare');
    expect(store.getState().compare).toMatchObject({
      targets: threeTargets,
      labels: ['Activated', 'At risk', 'Advocates'],
      table: 'accounts',
      measures: ['mrr'],
      section: 'overview',
      status: 'loading',
    });
    await flush();
    expect(compares()).toEqual([{ targets: threeTargets, measures: ['mrr'], liveKey: 'compare', jobId: 'job1' }]);
    const v = store.getState().compare!;
    expect(v.status).toBe('ready');
    expect(v.base?.result.segments.map((c) => c.name)).toEqual(['Activated', 'At risk', 'Advocates']);
    expect(v.pending).toBeNull();
  });

  it("asks for a section's part only when it shows, once per request; a new dimension is one new call", async () => {
    const { store, compares } = setup();
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    await flush();
    store.getState().setCompareSection('breakdown');
    await flush();
    expect(compares()).toHaveLength(2);
    expect(compares()[1]).toMatchObject({ breakdown: { column: 'channel', mode: 'auto', value: 'count' } });
    expect(compares()[1]).not.toHaveProperty('distribution');
    expect(store.getState().compare!.parts.breakdown).toMatchObject({ status: 'ready', result: { column: 'channel' } });
    // Back and forth between sections already answered: nothing new is asked.
    store.getState().setCompareSection('overview');
    store.getState().setCompareSection('breakdown');
    store.getState().setBreakdown({ layout: 'percent' });
    await flush();
    expect(compares()).toHaveLength(2);
    store.getState().setBreakdown({ column: 'seats' });
    await flush();
    expect(compares()).toHaveLength(3);
    expect(compares()[2]).toEqual({
      targets: threeTargets,
      measures: ['mrr'],
      breakdown: { column: 'seats', mode: 'auto', top: 12, bins: 10, value: 'count' },
      liveKey: 'compare',
      jobId: 'job3',
    });
    store.getState().setCompareSection('distribution');
    await flush();
    expect(compares()[3]).toMatchObject({ distribution: { measure: 'mrr', bins: 20 } });
    expect(compares()[3]).not.toHaveProperty('breakdown');
  });

  it('sends nothing while the Grid tab shows; coming back asks for what changed', async () => {
    const { store, compares } = setup();
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    await flush();
    store.getState().setMainTab('grid');
    store.getState().toggleCompareMeasure('seats');
    store.getState().setCompareSection('concentration');
    await flush();
    expect(compares()).toHaveLength(1);
    store.getState().setMainTab('compare');
    await flush();
    expect(compares()).toHaveLength(2);
    expect(compares()[1]).toMatchObject({ measures: ['mrr', 'seats'], concentration: { measure: 'mrr' } });
  });

  it('drops the answer to a stale request, whether it arrives late or is interrupted by the newer call', async () => {
    const stale = [deferred<CompareResult>(), deferred<CompareResult>()];
    let n = 0;
    const { store, compares } = setup({
      compareSegments: (req) => (n < 2 ? stale[n++]!.promise : Promise.resolve({ ...answer(req), elapsedMs: 7 })),
    });
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    store.getState().toggleCompareMeasure('seats');
    store.getState().setCompareSection('breakdown');
    await flush();
    expect(compares().map((r) => r.liveKey)).toEqual(['compare', 'compare', 'compare']);
    expect(store.getState().compare!.parts.breakdown?.status).toBe('ready');
    stale[0]!.resolve({ ...threeColumns(), elapsedMs: 999 });
    stale[1]!.reject(new ApiError('interrupted', 'interrupted by a newer request'));
    await flush();
    const v = store.getState().compare!;
    expect(v).toMatchObject({ status: 'ready', error: null, pending: null });
    expect(v.base!.result.elapsedMs).toBe(7);
  });

  it('asks again when the answer in hand went stale: another snapshot in the grid, a new version of a compared segment', async () => {
    const { store, compares } = setup({
      listDefinitions: async () => [
        ...segments.map((s) => (s.file === ADVOCATES ? { ...s, latestVersion: 3, hash: 'sha256:new' } : s)),
        ...schemes,
      ],
      countSegment: async () => Promise.reject(new Error('not counted')),
    });
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    await flush();
    store.getState().refreshCompare();
    await flush();
    expect(compares()).toHaveLength(1);
    store.getState().selectTable('accounts', 'snap-oct');
    await flush();
    expect(compares()).toHaveLength(2);
    expect(compares()[1]).toMatchObject({ snapshot: 'snap-oct' });
    await store.getState().loadSegments();
    await flush();
    expect(compares()).toHaveLength(3);
  });

  it('says what went wrong and what to do; Retry asks again; Cancel cancels its own job', async () => {
    let fail = true;
    const running = deferred<CompareResult>();
    let calls = 0;
    const { store, fake } = setup({
      compareSegments: (req) => {
        calls++;
        if (fail) return Promise.reject(new ApiError('invalid_input', "measure 'mrr' is not a number column"));
        return calls === 3 ? running.promise : Promise.resolve(answer(req));
      },
    });
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    await flush();
    expect(store.getState().compare).toMatchObject({
      status: 'error',
      error: {
        code: 'invalid_input',
        message: "measure 'mrr' is not a number column",
        hint: expect.stringContaining('Change what is compared'),
      },
    });
    // The same view does not ask again by itself.
    store.getState().setCompareSection('overview');
    await flush();
    expect(calls).toBe(1);
    fail = false;
    store.getState().retryCompare();
    await flush();
    expect(store.getState().compare!.status).toBe('ready');
    store.getState().toggleCompareMeasure('seats');
    await flush();
    fake.emit({ kind: 'progress', jobId: 'other', fraction: 0.9, message: 'not ours' });
    fake.emit({ kind: 'progress', jobId: 'job3', fraction: 0.5, message: 'Scanning accounts' });
    expect(store.getState().compare!.pending).toMatchObject({
      jobId: 'job3',
      progress: { fraction: 0.5, message: 'Scanning accounts' },
    });
    await store.getState().cancelCompare();
    expect(fake.callsOf('cancelJob')).toEqual([{ jobId: 'job3' }]);
    // Cancelled at once, whatever the engine does with the call.
    expect(store.getState().compare).toMatchObject({
      status: 'error',
      pending: null,
      error: { code: 'interrupted', hint: 'Cancelled. Retry to compute it again.' },
    });
    running.resolve(answer({ targets: threeTargets, measures: ['mrr', 'seats'] }));
    await flush();
    expect(store.getState().compare).toMatchObject({ status: 'error', error: { code: 'interrupted' } });
    store.getState().retryCompare();
    await flush();
    expect(store.getState().compare).toMatchObject({ status: 'ready', error: null });
  });

  it("shows an overlap cell's rows in the grid: A ∩ B, A without B, the diagonal as A; pinned to the versions compared", async () => {
    const { store, fake } = setup({ prepareView: async () => ({ total: 80 }) });
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    await flush();
    store.getState().showOverlapInGrid(0, 2, 'both');
    expect(store.getState().mainTab).toBe('grid');
    expect(store.getState().gridSegment).toEqual({
      table: 'accounts',
      source: 'compare',
      label: 'Activated ∩ Advocates',
      target: { file: ACTIVATED, version: 2 },
      alsoIn: [{ file: ADVOCATES, version: 2 }],
    });
    await store.getState().prepareView([], []);
    expect(fake.callsOf('prepareView').at(-1)).toMatchObject({
      view: { table: 'accounts', segment: { file: ACTIVATED, version: 2 }, alsoIn: [{ file: ADVOCATES, version: 2 }] },
    });
    store.getState().showOverlapInGrid(0, 2, 'without');
    expect(store.getState().gridSegment).toMatchObject({
      label: 'Activated without Advocates',
      notIn: [{ file: ADVOCATES, version: 2 }],
    });
    expect(store.getState().gridSegment).not.toHaveProperty('alsoIn');
    store.getState().showOverlapInGrid(1, 1, 'both');
    expect(store.getState().gridSegment).toEqual({
      table: 'accounts',
      source: 'compare',
      label: 'At risk',
      target: { file: AT_RISK, version: 2 },
    });
    // The chip's ✕ puts every row back.
    store.getState().setGridSegment(null);
    expect(store.getState().gridSegment).toBeNull();
  });

  it("compares the builder's draft with the sidebar's choice; a scheme counts as its tiers", async () => {
    const { store, compares } = setup();
    store.getState().newSegment();
    store.getState().selectForCompare(schemeKey(TIERS), 'toggle');
    store.getState().compareWithDraft();
    const v = store.getState().compare!;
    expect(v.labels).toEqual(['New segment (draft)', 'Value tiers']);
    expect(v.targets[0]).toEqual({
      definition: { entity: { table: 'accounts', key: 'account_id' }, asOf: { kind: 'snapshot' }, where: { all: [] } },
    });
    expect(v.targets[1]).toEqual({ file: TIERS });
    await flush();
    expect(compares()[0]!.targets).toEqual(v.targets);
  });

  it("offers the definitions' metrics as measures and drops a measure whose definition left", async () => {
    const { store, compares } = setup();
    store.getState().openCompare([{ file: ACTIVATED }, { file: AT_RISK }], ['A', 'B']);
    await flush();
    expect(
      store
        .getState()
        .compare!.fields.filter((f) => f.kind === 'metric')
        .map((f) => f.name),
    ).toEqual(['inactive_days']);
    store.getState().toggleCompareMeasure('inactive_days');
    await flush();
    expect(compares().at(-1)!.measures).toEqual(['mrr', 'inactive_days']);
    store.getState().removeCompareTarget(0);
    await flush();
    await flush();
    expect(store.getState().compare!.measures).toEqual(['mrr']);
    expect(compares().at(-1)).toMatchObject({ targets: [{ file: AT_RISK }], measures: ['mrr'] });
  });

  it('runs on the snapshot the grid shows, and with one column keeps the rest of the table', async () => {
    const one = compareResult([{ name: 'Activated', count: 300, mrr: 180_000 }], [[300]]);
    const { store, compares } = setup({ compareSegments: async () => one });
    store.setState({ selectedSnapshot: 'snap-oct' });
    store.getState().openCompare([{ file: ACTIVATED }], ['Activated']);
    await flush();
    expect(compares()[0]).toMatchObject({ snapshot: 'snap-oct' });
    expect(store.getState().compare!.base!.result.rest).toMatchObject({ count: 700 });
  });

  it('asks for the report with every part, apart from the view (another liveKey)', async () => {
    const { store, compares } = setup();
    store.getState().openCompare(threeTargets, ['A', 'B', 'C']);
    await flush();
    await store.getState().fetchCompareReport();
    const r = compares().at(-1)!;
    expect(Object.keys(r).sort()).toEqual([
      'apart',
      'breakdown',
      'concentration',
      'distribution',
      'jobId',
      'measures',
      'targets',
    ]);
  });
});
