// Saved comparisons against the fake API: saved with their choices, over the open file or as a new
// one; opened with what they keep (section, layout, measures) and asked for accordingly; renamed and
// deleted with the open view following; and the last open comparison back after a reload (a new
// store over the same storage), saved or not.
import { describe, expect, it } from 'vitest';
import type { CompareRequest, ComparisonDocument, ComparisonState } from '../../../../shared/api/compareApi';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import { ACTIVATED, ADVOCATES, demoAccounts, schemes, segments, summary, threeColumns } from '../../compareFixtures';
import { createFakeApi, flush } from '../../fakeApi';

const workspace = { path: '/ws/demo', name: 'demo', tables: [demoAccounts] };

function setup(files: Map<string, ComparisonDocument>, storage = new Map<string, string>()) {
  const fake = createFakeApi({
    getWorkspace: async () => workspace,
    listTables: async () => [demoAccounts],
    headerSummaries: async () => [],
    listDefinitions: async () => [...segments, ...schemes],
    countSegment: async () => Promise.reject(new Error('not counted here')),
    readDefinition: async () => Promise.reject(new Error('not read here')),
    compareSegments: async () => threeColumns(),
    listComparisons: async () => [...files.values()].map(({ file, name, updatedAt }) => ({ file, name, updatedAt })),
    readComparison: async ({ file }) => {
      const d = files.get(file);
      if (!d) throw new Error(`${file} not found`);
      return d;
    },
    saveComparison: async ({ file, name, state }) => {
      const f = file ?? `comparisons/${name.toLowerCase().replace(/\W+/g, '-')}.comparison.json`;
      const d: ComparisonDocument = {
        file: f,
        name,
        updatedAt: '2026-11-30T10:00:00Z',
        state: state as ComparisonDocument['state'],
      };
      files.set(f, d);
      return { file: f, name, updatedAt: d.updatedAt };
    },
    renameComparison: async ({ file, name }) => {
      const d = files.get(file)!;
      files.delete(file);
      const f = `comparisons/${name.toLowerCase().replace(/\W+/g, '-')}.comparison.json`;
      files.set(f, { ...d, file: f, name });
      return { file: f, name, updatedAt: d.updatedAt };
    },
    deleteComparison: async ({ file }) => (files.delete(file), { file }),
  });
  let n = 0;
  const store = createWorkbenchStore(fake.client, {
    newJobId: () => `job${++n}`,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  });
  return { fake, store, storage, compares: () => fake.callsOf('compareSegments') as CompareRequest[] };
}

const targets = [{ file: ACTIVATED }, { file: ADVOCATES }];

describe('saved comparisons', () => {
  it('saves the choices (chart settings in view) over the open file, or as a new one', async () => {
    const files = new Map<string, ComparisonDocument>();
    const { store, fake } = setup(files);
    await store.getState().loadWorkspace();
    store.getState().openCompare(targets, ['Activated', 'Advocates']);
    store.getState().setCompareSection('breakdown');
    store.getState().setBreakdown({ layout: 'stacked' });
    expect(await store.getState().saveComparison('Monday numbers')).toBeNull();
    const saved = fake.callsOf('saveComparison')[0] as { file?: string; name: string; state: ComparisonState };
    expect(saved).toMatchObject({
      name: 'Monday numbers',
      state: {
        targets,
        measures: ['mrr'],
        breakdown: { column: 'channel' },
        view: { section: 'breakdown', layout: 'stacked' },
      },
    });
    expect(saved.file).toBeUndefined();
    expect(store.getState().compare!.saved).toEqual({
      file: 'comparisons/monday-numbers.comparison.json',
      name: 'Monday numbers',
    });
    expect(store.getState().comparisons.map((c) => c.name)).toEqual(['Monday numbers']);
    store.getState().toggleCompareMeasure('seats');
    await store.getState().saveComparison('Monday numbers');
    expect(fake.callsOf('saveComparison')[1]).toMatchObject({
      file: 'comparisons/monday-numbers.comparison.json',
      state: { measures: ['mrr', 'seats'] },
    });
    await store.getState().saveComparison('Tuesday', true);
    expect(fake.callsOf('saveComparison')[2]).not.toHaveProperty('file');
    expect(
      store
        .getState()
        .comparisons.map((c) => c.name)
        .sort(),
    ).toEqual(['Monday numbers', 'Tuesday']);
  });

  it('opens a saved comparison with its choices and asks for its section', async () => {
    const files = new Map<string, ComparisonDocument>([
      [
        'comparisons/c.comparison.json',
        {
          file: 'comparisons/c.comparison.json',
          name: 'Churn watch',
          updatedAt: 'x',
          state: {
            targets,
            measures: ['seats'],
            breakdown: { column: 'channel', mode: 'auto', top: 12, bins: 10, value: 'sum', measure: 'mrr' },
            view: { section: 'breakdown', layout: 'percent' },
          },
        },
      ],
    ]);
    const { store, compares } = setup(files);
    await store.getState().loadWorkspace();
    await store.getState().openComparison('comparisons/c.comparison.json');
    await flush();
    const v = store.getState().compare!;
    expect(v).toMatchObject({
      saved: { file: 'comparisons/c.comparison.json', name: 'Churn watch' },
      measures: ['seats'],
      section: 'breakdown',
      breakdown: { column: 'channel', value: 'sum', measure: 'mrr', layout: 'percent' },
    });
    expect(store.getState().mainTab).toBe('compare');
    expect(compares()).toEqual([
      {
        targets,
        measures: ['seats'],
        breakdown: { column: 'channel', mode: 'auto', top: 12, bins: 10, value: 'sum', measure: 'mrr' },
        liveKey: 'compare',
        jobId: 'job1',
      },
    ]);
    // Nothing changed since it was opened.
    expect(v.savedJson).not.toBeNull();
    await store.getState().openComparison('comparisons/gone.comparison.json');
    expect(store.getState().comparisonsError?.message).toBe('comparisons/gone.comparison.json not found');
  });

  it('follows a rename of the open comparison; a deletion leaves it open, unsaved', async () => {
    const files = new Map<string, ComparisonDocument>();
    const { store } = setup(files);
    await store.getState().loadWorkspace();
    store.getState().openCompare(targets, ['Activated', 'Advocates']);
    await store.getState().saveComparison('Monday');
    expect(await store.getState().renameComparison('comparisons/monday.comparison.json', 'Weekly')).toBeNull();
    expect(store.getState().compare!.saved).toEqual({ file: 'comparisons/weekly.comparison.json', name: 'Weekly' });
    await store.getState().deleteComparison('comparisons/weekly.comparison.json');
    expect(store.getState().compare).toMatchObject({ saved: null, targets });
    expect(store.getState().comparisons).toEqual([]);
  });

  it('brings the last open comparison back after a reload: the saved file read again, on the tab that showed', async () => {
    const files = new Map<string, ComparisonDocument>();
    const first = setup(files);
    await first.store.getState().loadWorkspace();
    first.store.getState().openCompare(targets, ['Activated', 'Advocates']);
    first.store.getState().setCompareSection('concentration');
    await first.store.getState().saveComparison('Monday');
    // The file changes on disk after the reload's storage was written: the file wins.
    files.set('comparisons/monday.comparison.json', {
      ...files.get('comparisons/monday.comparison.json')!,
      state: { targets, measures: ['seats'], view: { section: 'apart' } },
    });
    const again = setup(files, first.storage);
    await again.store.getState().loadWorkspace();
    await flush();
    expect(again.fake.callsOf('readComparison')).toEqual([{ file: 'comparisons/monday.comparison.json' }]);
    expect(again.store.getState().mainTab).toBe('compare');
    expect(again.store.getState().compare).toMatchObject({
      saved: { name: 'Monday' },
      measures: ['seats'],
      section: 'apart',
    });
    expect(again.compares()[0]).toMatchObject({ measures: ['seats'], apart: { column: 0, against: 'rest' } });
    // A reconnect reloads the workspace: what is on screen stays.
    again.store.getState().setCompareSection('overview');
    await again.store.getState().loadWorkspace();
    expect(again.store.getState().compare!.section).toBe('overview');
  });

  it('brings back an unsaved comparison from its kept state, and nothing from another workspace', async () => {
    const files = new Map<string, ComparisonDocument>();
    const first = setup(files);
    await first.store.getState().loadWorkspace();
    first.store.getState().openCompare(targets, ['Activated', 'Advocates']);
    first.store.getState().setMainTab('grid');
    const again = setup(files, first.storage);
    await again.store.getState().loadWorkspace();
    expect(again.store.getState().compare).toMatchObject({ saved: null, targets });
    expect(again.store.getState().mainTab).toBe('grid');
    // Shown on the Grid tab: nothing is computed until the Compare tab opens.
    expect(again.compares()).toEqual([]);
    const elsewhere = setup(
      files,
      new Map([...first.storage].map(([k, v]) => [k, v.replace('/ws/demo', '/ws/other')])),
    );
    await elsewhere.store.getState().loadWorkspace();
    expect(elsewhere.store.getState().compare).toBeNull();
  });

  it("restores a comparison on another table than the grid's only once the segments list says which", async () => {
    // The grid opens on accounts; the comparison is of two segments on telco. The segments list
    // arrives after the workspace: restoring must wait for it (it names the columns and their table).
    const telco = {
      ...demoAccounts,
      name: 'telco',
      columns: [
        { name: 'customerID', type: 'VARCHAR' },
        { name: 'MonthlyCharges', type: 'DOUBLE' },
      ],
    };
    const CHURNED = 'segments/churned.segment.json';
    const SHORT = 'segments/short-tenure.segment.json';
    const onTelco = [
      summary(CHURNED, 'Churned', 'segment', { entityTable: 'telco' }),
      summary(SHORT, 'Short tenure', 'segment', { entityTable: 'telco' }),
    ];
    const storage = new Map<string, string>();
    let release: () => void = () => undefined;
    const listed = new Promise<void>((r) => (release = r));
    const build = (slow: boolean) => {
      const fake = createFakeApi({
        getWorkspace: async () => ({ ...workspace, tables: [demoAccounts, telco] }),
        listTables: async () => [demoAccounts, telco],
        headerSummaries: async () => [],
        listDefinitions: async () => (slow ? (await listed, onTelco) : onTelco),
        countSegment: async () => Promise.reject(new Error('not counted here')),
        compareSegments: async () => threeColumns(),
        listComparisons: async () => [],
      });
      const store = createWorkbenchStore(fake.client, {
        newJobId: () => 'job',
        storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
      });
      return store;
    };
    const first = build(false);
    await first.getState().loadWorkspace();
    first.getState().openCompare([{ file: CHURNED }, { file: SHORT }], ['Churned', 'Short tenure']);
    expect(first.getState().compare).toMatchObject({ table: 'telco', measures: ['MonthlyCharges'] });
    const again = build(true);
    const loading = again.getState().loadWorkspace();
    await flush();
    expect(again.getState().selectedTable).toBe('accounts');
    expect(again.getState().compare).toBeNull(); // not restored on the grid's table meanwhile
    release();
    await loading;
    await flush();
    expect(again.getState().compare).toMatchObject({
      table: 'telco',
      labels: ['Churned', 'Short tenure'],
      measures: ['MonthlyCharges'],
    });
  });
});
