// The Over time view's store logic against the fake API: which requests each view state sends (the
// shown section only, none while another tab shows, none when the answer in hand is for the same
// state), Trends reading the measurement log and measuring only what it lacks with the chosen
// version on every snapshot, stale answers dropped, Cancel, errors in the user's words, flow groups
// and tier moves opening the grid on the right snapshot with the right keysAt, a flow group's CSV
// paged from its view, and the sidebar's stability figures.
import { describe, expect, it } from 'vitest';
import type { FlowResult, PathsResult } from '../../../../shared/api/overTimeApi';
import type { DefinitionDocument, MeasurementRecord } from '../../../../shared/api/segmentsApi';
import { ApiError } from '../../../../shared/api/protocol';
import { schemeKey, segmentKey } from '../../../../renderer/store/compare/selection';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import { ACTIVATED, ADVOCATES, counts, schemes, segments, TIERS } from '../../compareFixtures';
import { createFakeApi, deferred, flush } from '../../fakeApi';
import { NOV, OCT, paths, record, schemeFlow, segmentFlow, SEP, threeMonths } from '../../overTimeFixtures';

const entity = { table: 'accounts', key: 'account_id' };
const doc = (file: string): DefinitionDocument => ({
  ...segments.concat(schemes).find((s) => s.file === file)!,
  versions: [],
  diagnostics: [],
  content: {
    versions: [
      { version: 1, definition: { entity, where: { all: [] } } },
      { version: 2, definition: { entity, where: { all: [] } } },
    ],
  },
});

function setup(impl: Parameters<typeof createFakeApi>[0] = {}, table = threeMonths) {
  const log: MeasurementRecord[] = [];
  let ran = 0;
  const fake = createFakeApi({
    listMeasurements: async ({ segmentId }) => log.filter((r) => r.segmentId === segmentId),
    measureSegment: async ({ target, measures }) => {
      const name = segments.concat(schemes).find((s) => s.file === target.file)!.name;
      const out = table.snapshots.map((s) => ({
        ...record({
          segment: target.tier ? `${name} / ${target.tier}` : name,
          segmentId: `id-${name}`,
          version: target.version!,
          snapshot: s.id,
          count: 10,
          ranAt: `2026-11-30T00:00:${String(++ran).padStart(2, '0')}Z`,
        }),
        measures: (measures ?? []).map((column) => ({ column, sum: 100, avg: 10 })),
      }));
      log.push(...out);
      return out;
    },
    segmentFlow: async (req) =>
      (req.target.tier !== undefined || !req.target.file?.startsWith('schemes/')
        ? segmentFlow({ from: req.from, to: req.to })
        : schemeFlow()) as FlowResult,
    tierPaths: async () => paths(),
    readDefinition: async ({ file }) => doc(file),
    prepareView: async () => ({ total: 7 }),
    cancelJob: async () => ({ cancelled: true }),
    ...impl,
  });
  let n = 0;
  const store = createWorkbenchStore(fake.client, { newJobId: () => `job${++n}` });
  store.setState({
    workspace: { path: '/ws', name: 'ws', tables: [table] },
    tables: [table],
    selectedTable: 'accounts',
    selectedSnapshot: null,
    segments,
    schemes,
    segmentCounts: counts,
  });
  return { fake, store, log };
}

/** Activated and the whole Value tiers scheme ticked in the sidebar, then Over time. */
function followFromSidebar(store: ReturnType<typeof setup>['store']) {
  store.getState().selectForCompare(segmentKey(ACTIVATED), 'toggle');
  store.getState().selectForCompare(schemeKey(TIERS), 'toggle');
  store.getState().overTimeFromSelection();
}

describe('over time: trends', () => {
  it("follows the sidebar's choice (a scheme as its tiers) and measures each at its latest version on every snapshot, recording it", async () => {
    const { store, fake } = setup();
    followFromSidebar(store);
    const v = store.getState().overTime!;
    expect(store.getState().mainTab).toBe('overTime');
    expect(v.targets).toEqual([
      { file: ACTIVATED },
      { file: TIERS, tier: 'High' },
      { file: TIERS, tier: 'Medium' },
      { file: TIERS, tier: 'Low' },
    ]);
    expect(v.labels).toEqual(['Activated', 'Value tiers / High', 'Value tiers / Medium', 'Value tiers / Low']);
    expect(v.measures).toEqual(['mrr']);
    await flush();
    // The log is read once per definition, the missing runs measured, the log read again.
    expect(fake.callsOf('listMeasurements')).toEqual([
      { segmentId: 'id-Activated', limit: 10000 },
      { segmentId: 'id-Value tiers', limit: 10000 },
      { segmentId: 'id-Activated', limit: 10000 },
      { segmentId: 'id-Value tiers', limit: 10000 },
    ]);
    expect(fake.callsOf('measureSegment')).toEqual([
      { target: { file: ACTIVATED, version: 2 }, allSnapshots: true, measures: ['mrr'], jobId: 'job2' },
      { target: { file: TIERS, version: 2, tier: 'High' }, allSnapshots: true, measures: ['mrr'], jobId: 'job3' },
      { target: { file: TIERS, version: 2, tier: 'Medium' }, allSnapshots: true, measures: ['mrr'], jobId: 'job4' },
      { target: { file: TIERS, version: 2, tier: 'Low' }, allSnapshots: true, measures: ['mrr'], jobId: 'job5' },
    ]);
    const part = store.getState().overTime!.parts.trends!;
    expect(part.status).toBe('ready');
    expect(part.result!.measured).toBe(12);
    expect(part.result!.snapshots.map((s) => s.id)).toEqual([SEP, OCT, NOV]);
    // Each tier reads its own runs, not its siblings'.
    expect(part.result!.targets.map((t) => t.records.length)).toEqual([3, 3, 3, 3]);
    expect(part.result!.targets[1]!.records.every((r) => r.segment === 'Value tiers / High')).toBe(true);
    expect(store.getState().overTime!.pending).toBeNull();
  });

  it('measures nothing when the log has every snapshot at the chosen version; another version measures again', async () => {
    const { store, fake, log } = setup();
    for (const s of threeMonths.snapshots)
      log.push(
        record({ segment: 'Activated', version: 2, snapshot: s.id, count: 50, ranAt: '2026-11-20T00:00:00Z', mrr: 10 }),
      );
    store.getState().openOverTime([{ file: ACTIVATED }]);
    await flush();
    expect(fake.callsOf('measureSegment')).toEqual([]);
    expect(store.getState().overTime!.parts.trends!.result!.measured).toBe(0);
    // A KPI the runs lack is a reason to measure.
    store.getState().toggleOverTimeMeasure('seats');
    await flush();
    expect(fake.callsOf('measureSegment')).toEqual([
      { target: { file: ACTIVATED, version: 2 }, allSnapshots: true, measures: ['mrr', 'seats'], jobId: 'job3' },
    ]);
    store.getState().setOverTimeVersion(0, 1);
    await flush();
    expect(fake.callsOf('measureSegment').at(-1)).toMatchObject({
      target: { file: ACTIVATED, version: 1 },
      measures: ['mrr', 'seats'],
    });
    // Back to the latest: its runs with both KPIs are in the log now.
    store.getState().setOverTimeVersion(0, null);
    await flush();
    expect(fake.callsOf('measureSegment')).toHaveLength(2);
  });

  it('a scheme measured at another version measures every tier of it at that version', () => {
    const { store } = setup();
    store.getState().openOverTime([{ file: TIERS, tier: 'High' }, { file: TIERS, tier: 'Low' }, { file: ACTIVATED }]);
    store.getState().setOverTimeVersion(1, 1);
    expect(store.getState().overTime!.targets).toEqual([
      { file: TIERS, tier: 'High', version: 1 },
      { file: TIERS, tier: 'Low', version: 1 },
      { file: ACTIVATED },
    ]);
  });
});

describe('over time: one request per view state', () => {
  it('asks for the shown section only, and nothing while another tab shows', async () => {
    const { store, fake } = setup();
    store.getState().openOverTime([{ file: ACTIVATED }]);
    await flush();
    expect(fake.callsOf('segmentFlow')).toEqual([]);
    store.getState().setOverTimeSection('flow');
    await flush();
    expect(fake.callsOf('segmentFlow')).toEqual([
      { target: { file: ACTIVATED, version: 2 }, from: OCT, to: NOV, liveKey: 'overtime-flow', jobId: 'job3' },
    ]);
    // Sections already answered are not asked again.
    store.getState().setOverTimeSection('trends');
    store.getState().setOverTimeSection('flow');
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(1);
    expect(fake.callsOf('listMeasurements')).toHaveLength(2);
    store.getState().setMainTab('grid');
    store.getState().setFlow({ from: SEP });
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(1);
    store.getState().setMainTab('overTime');
    await flush();
    expect(fake.callsOf('segmentFlow').at(-1)).toMatchObject({ from: SEP, to: NOV });
    store.getState().setOverTimeSection('tiers');
    await flush();
    expect(fake.callsOf('segmentFlow').at(-1)).toEqual({
      target: { file: TIERS, version: 2 },
      from: OCT,
      to: NOV,
      liveKey: 'overtime-tiers',
      jobId: 'job5',
    });
    // Switching the chart redraws the answer in hand.
    store.getState().setTiers({ chart: 'sankey' });
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(3);
    store.getState().setOverTimeSection('paths');
    await flush();
    expect(fake.callsOf('tierPaths')).toEqual([
      { target: { file: TIERS, version: 2 }, snapshots: [SEP, OCT, NOV], limit: 20, jobId: 'job6' },
    ]);
  });

  it('asks again when the data changes: a new version of a followed file, a new snapshot', async () => {
    const { store, fake } = setup();
    store.getState().openOverTime([{ file: ACTIVATED }]);
    store.getState().setOverTimeSection('flow');
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(1);
    store.setState({
      segments: segments.map((s) => (s.file === ACTIVATED ? { ...s, latestVersion: 3, hash: 'sha256:v3' } : s)),
    });
    store.getState().refreshOverTime();
    await flush();
    expect(fake.callsOf('segmentFlow').at(-1)).toMatchObject({
      target: { file: ACTIVATED, version: 3 },
      from: OCT,
      to: NOV,
    });
    const dec = { ...threeMonths.snapshots[2]!, id: 'snap-dec', asOf: '2026-12-01' };
    store.setState({ tables: [{ ...threeMonths, snapshots: [...threeMonths.snapshots, dec] }] });
    store.getState().refreshOverTime();
    await flush();
    expect(fake.callsOf('segmentFlow').at(-1)).toMatchObject({ from: NOV, to: 'snap-dec' });
    store.getState().refreshOverTime();
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(3);
  });

  it('drops the answer to a stale request, whether late or interrupted', async () => {
    const first = deferred<FlowResult>();
    let calls = 0;
    const { store, fake } = setup({
      segmentFlow: (req) =>
        calls++ === 0 ? first.promise : Promise.resolve(segmentFlow({ from: req.from, to: req.to, stayed: 7 })),
    });
    store.getState().openOverTime([{ file: ACTIVATED }]);
    store.getState().setOverTimeSection('flow');
    store.getState().setFlow({ from: SEP });
    await flush();
    // The stale call was cancelled by job id (and by liveKey in the engine).
    expect(fake.callsOf('cancelJob')).toContainEqual({ jobId: 'job2' });
    expect(store.getState().overTime!.parts.flow).toMatchObject({ status: 'ready', result: { stayed: 7, from: SEP } });
    first.resolve(segmentFlow({ stayed: 999 }));
    await flush();
    expect(store.getState().overTime!.parts.flow!.result!.stayed).toBe(7);
    first.reject(new ApiError('interrupted', 'interrupted by a newer request'));
    await flush();
    expect(store.getState().overTime!.parts.flow).toMatchObject({ status: 'ready', error: null });
  });

  it('Cancel interrupts the job in flight and drops its answer; an error says what to do; Retry asks again', async () => {
    const held = deferred<PathsResult>();
    let fail = true;
    const { store, fake } = setup({
      tierPaths: () => held.promise,
      segmentFlow: () =>
        fail
          ? Promise.reject(new ApiError('not_found', "Table 'accounts' has no snapshot 'snap-oct'"))
          : Promise.resolve(segmentFlow()),
    });
    store.getState().openOverTime([]);
    store.getState().setOverTimeSection('paths');
    await flush();
    const jobId = store.getState().overTime!.pending!.jobId;
    await store.getState().cancelOverTime();
    expect(fake.callsOf('cancelJob')).toContainEqual({ jobId });
    expect(store.getState().overTime!.parts.paths).toMatchObject({ status: 'error', error: { code: 'interrupted' } });
    held.resolve(paths());
    await flush();
    expect(store.getState().overTime!.parts.paths!.status).toBe('error');
    store.getState().setOverTimeSection('flow');
    await flush();
    expect(store.getState().overTime!.parts.flow).toMatchObject({
      status: 'error',
      error: { code: 'not_found', hint: expect.stringContaining('pick other snapshots') },
    });
    // The same failing state is not asked again by itself; Retry does.
    store.getState().refreshOverTime();
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(1);
    fail = false;
    store.getState().retryOverTime();
    await flush();
    expect(store.getState().overTime!.parts.flow!.status).toBe('ready');
  });

  it('asks nothing where the section cannot be computed: paths with two snapshots, flows with one', async () => {
    const two = { ...threeMonths, snapshots: threeMonths.snapshots.slice(1) };
    const { store, fake } = setup({}, two);
    store.getState().openOverTime([]);
    store.getState().setOverTimeSection('paths');
    store.getState().setOverTimeSection('tiers');
    await flush();
    expect(fake.callsOf('tierPaths')).toEqual([]);
    expect(fake.callsOf('segmentFlow')).toHaveLength(1);
    store.setState({ tables: [{ ...threeMonths, snapshots: threeMonths.snapshots.slice(2) }] });
    store.getState().setOverTimeSection('flow');
    await flush();
    expect(fake.callsOf('segmentFlow')).toHaveLength(1);
  });
});

describe('over time: to the grid', () => {
  it('a flow group opens the grid on the snapshot its rows are in, filtered by keysAt, with a chip that says what it is', async () => {
    const { store, fake } = setup();
    store.getState().openOverTime([{ file: ACTIVATED }]);
    store.getState().setOverTimeSection('flow');
    await flush();
    await store.getState().showFlowGroupInGrid('left');
    const s = store.getState();
    expect(s.mainTab).toBe('grid');
    expect(s.selectedSnapshot).toBe(OCT);
    const target = { file: ACTIVATED, version: 2 };
    expect(s.gridSegment).toEqual({
      table: 'accounts',
      source: 'overTime',
      label: 'Activated: left (2026-10-01 → 2026-11-01)',
      target,
      snapshot: OCT,
      keysAt: [
        { snapshot: NOV, target, present: false },
        { snapshot: NOV, target: { definition: { entity, where: { all: [] } } }, present: true },
      ],
    });
    await s.prepareView([], []);
    expect(fake.callsOf('prepareView').at(-1)).toMatchObject({
      view: { table: 'accounts', snapshot: OCT, segment: target, keysAt: s.gridSegment!.keysAt },
    });
    // Entered rows are on the latest snapshot: the grid shows it as its default.
    await store.getState().showFlowGroupInGrid('entered');
    expect(store.getState().selectedSnapshot).toBeNull();
    expect(store.getState().gridSegment).toMatchObject({
      snapshot: NOV,
      label: 'Activated: entered (2026-10-01 → 2026-11-01)',
    });
    await store.getState().prepareView([], []);
    expect(fake.callsOf('prepareView').at(-1)).toMatchObject({
      view: {
        table: 'accounts',
        segment: target,
        keysAt: [
          { snapshot: OCT, present: false },
          { snapshot: OCT, present: true },
        ],
      },
    });
    // The filter is about that snapshot: another one shows all its rows.
    store.getState().selectTable('accounts', SEP);
    expect(store.getState().gridSegment).toBeNull();
  });

  it('a cell of the transition matrix shows the rows that moved: the `to` tier at `to`, the key in the `from` tier at `from`', async () => {
    const { store } = setup();
    store.getState().openOverTime([{ file: TIERS, tier: 'High' }]);
    store.getState().setOverTimeSection('tiers');
    await flush();
    await store.getState().showTierMoveInGrid(1, 0);
    expect(store.getState().gridSegment).toEqual({
      table: 'accounts',
      source: 'overTime',
      label: 'Value tiers: Medium → High (2026-10-01 → 2026-11-01)',
      snapshot: NOV,
      target: { file: TIERS, version: 2, tier: 'High' },
      keysAt: [{ snapshot: OCT, target: { file: TIERS, version: 2, tier: 'Medium' }, present: true }],
    });
    expect(store.getState().selectedSnapshot).toBeNull();
    await store.getState().showTierMoveInGrid(2, -1);
    expect(store.getState().gridSegment).toMatchObject({
      label: 'Value tiers: Low → gone (2026-10-01 → 2026-11-01)',
      snapshot: OCT,
      target: { tier: 'Low' },
    });
    expect(store.getState().selectedSnapshot).toBe(OCT);
  });

  it('a flow group exports exactly its rows: the export dialog on its snapshot, the member export narrowed by its keysAt', async () => {
    const { store, fake } = setup({
      exportMembers: async (req) => ({
        file: req.out,
        format: 'csv',
        rows: 60,
        columns: req.columns ?? [],
        metaFile: `${req.out}.segment-meta.json`,
      }),
    });
    store.getState().openOverTime([{ file: ADVOCATES }]);
    store.getState().setOverTimeSection('flow');
    await flush();
    await store.getState().exportFlowGroup('entered');
    const d = store.getState().exportDialog;
    const target = { file: ADVOCATES, version: 2 };
    expect(d).toMatchObject({
      open: true,
      phase: 'choose',
      name: 'Advocates: entered (2026-10-01 → 2026-11-01)',
      target,
      snapshot: NOV,
      snapshotLabel: 'snapshot as of 2026-11-01',
      scheme: false,
      versionLabel: 'version 2',
    });
    expect(d.narrow).toEqual({
      label: d.name,
      keysAt: [
        { snapshot: OCT, target, present: false },
        { snapshot: OCT, target: { definition: { entity, where: { all: [] } } }, present: true },
      ],
    });
    const host = {
      destination: async () => ({
        out: '/tmp/x.csv',
        label: 'x.csv',
        deliver: async () => undefined,
        discard: async () => undefined,
      }),
      saveText: async () => null,
      saveFile: async () => null,
    };
    await store.getState().runExport(host);
    expect(fake.callsOf('exportMembers')).toEqual([
      {
        target,
        snapshot: NOV,
        keysAt: d.narrow!.keysAt,
        out: '/tmp/x.csv',
        format: 'csv',
        columns: threeMonths.columns.map((c) => c.name),
        jobId: expect.any(String),
      },
    ]);
    expect(store.getState().exportDialog).toMatchObject({ phase: 'done', result: { rows: 60 } });
  });
});

describe('sidebar stability', () => {
  it("is one flow per segment over the table's latest pair, after the counts; asked again only for what changed", async () => {
    const { store, fake } = setup({
      listDefinitions: async () => [...segments, ...schemes],
      countSegment: async () => ({ count: 1, total: 1, share: 1 }) as never,
    });
    await store.getState().loadSegments();
    await flush();
    expect(fake.callsOf('segmentFlow')).toEqual(
      segments.map((s) => ({ target: { file: s.file }, from: OCT, to: NOV })),
    );
    expect(store.getState().stability[ACTIVATED]).toMatchObject({
      status: 'ready',
      retention: 200 / 300,
      fromAsOf: '2026-10-01',
      toAsOf: '2026-11-01',
      stayed: 200,
      countFrom: 300,
    });
    // Nothing changed: nothing asked.
    await store.getState().refreshStability();
    expect(fake.callsOf('segmentFlow')).toHaveLength(3);
    // A new version of one segment: that one again.
    store.setState({ segments: segments.map((s) => (s.file === ADVOCATES ? { ...s, hash: 'sha256:new' } : s)) });
    await store.getState().refreshStability();
    expect(fake.callsOf('segmentFlow').slice(3)).toEqual([{ target: { file: ADVOCATES }, from: OCT, to: NOV }]);
  });

  it('has no figure for a table with one snapshot', async () => {
    const { store, fake } = setup({}, { ...threeMonths, snapshots: threeMonths.snapshots.slice(0, 1) });
    await store.getState().refreshStability();
    expect(fake.callsOf('segmentFlow')).toEqual([]);
    expect(store.getState().stability).toEqual({});
  });
});

describe("a scheme's history in the builder", () => {
  it("lists the whole scheme's runs, not the runs of single tiers the Over time view recorded", async () => {
    const schemeDoc: DefinitionDocument = {
      ...doc(TIERS),
      content: {
        versions: [
          { version: 2, definition: { entity, tiers: [{ name: 'High', where: { all: [] } }], otherwise: 'Low' } },
        ],
      },
    };
    const whole = record({
      segment: 'Value tiers',
      version: 2,
      snapshot: NOV,
      count: 1000,
      ranAt: '2026-11-02T00:00:00Z',
      tiers: [
        { name: 'High', count: 100, share: 0.1 },
        { name: 'Low', count: 900, share: 0.9 },
      ],
    });
    const tier = record({
      segment: 'Value tiers / High',
      version: 2,
      snapshot: NOV,
      count: 100,
      ranAt: '2026-11-03T00:00:00Z',
    });
    const { store } = setup({
      readDefinition: async () => schemeDoc,
      listMeasurements: async () => [whole, tier],
      countSegment: async () => ({ count: 1, total: 1, share: 1, measures: [], elapsedMs: 1, asOf: '' }) as never,
      segmentFunnel: async () => ({ total: 1, steps: [] }),
    });
    await store.getState().openSegment(TIERS);
    await flush();
    expect(store.getState().builder!.measurements.records.map((r) => r.id)).toEqual([whole.id]);
  });
});
