import { describe, expect, it, vi } from 'vitest';
import type { CountResult } from '../../../../shared/api/segmentsApi';
import { ApiError } from '../../../../shared/api/protocol';
import type { TableInfo } from '../../../../shared/api/dataApi';
import type { Definition, SegmentDefinition } from '../../../../shared/segments/model';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import { newCondition, withField, withOp } from '../../../../renderer/store/builder/conditions';
import { createFakeApi, deferred, flush } from '../../fakeApi';
import { snapshot } from '../../fixtures';

const accounts: TableInfo = {
  name: 'accounts',
  rows: 100,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'plan', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
    { name: 'signup_date', type: 'DATE' },
  ],
  snapshots: [snapshot('accounts', '2026-11-01', 100)],
};

const count = (n: number, total = 100): CountResult => ({
  segment: null,
  id: null,
  version: null,
  hash: null,
  table: 'accounts',
  snapshot: 's',
  asOf: '2026-11-01T00:00:00Z',
  asOfSource: 'snapshot',
  count: n,
  total,
  share: n / total,
  measures: [{ column: 'mrr', sum: n * 10, avg: 10 }],
  related: {},
  warnings: [],
  elapsedMs: 3,
});

function setup(countImpl: (req: unknown) => Promise<CountResult>, extra: Parameters<typeof createFakeApi>[0] = {}) {
  let job = 0;
  const fake = createFakeApi({
    ...extra,
    countSegment: countImpl as never,
    segmentFunnel: async () => ({ total: 100, steps: [] }),
    cancelJob: async () => ({ cancelled: true }),
    saveDefinition: async () => ({
      file: 'segments/pro.segment.json',
      id: 'id1',
      version: 1,
      hash: 'sha256:x',
      appended: true,
    }),
    listDefinitions: async () => [],
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => `j${++job}` });
  store.setState({ tables: [accounts], selectedTable: 'accounts' });
  return { fake, store };
}

const planField = { name: 'plan', type: 'VARCHAR', family: 'string' as const, isMetric: false };
const mrrField = { name: 'mrr', type: 'DOUBLE', family: 'number' as const, isMetric: false };

describe('condition helpers', () => {
  it('offers type-fit defaults and keeps operands only when the op shape stays', () => {
    expect(newCondition(mrrField)).toEqual({ field: 'mrr', op: 'eq', value: 0 });
    const c = { field: 'mrr', op: 'gte' as const, value: 5 };
    expect(withOp(c, 'lt', 'number')).toEqual({ field: 'mrr', op: 'lt', value: 5 });
    expect(withOp(c, 'between', 'number')).toEqual({ field: 'mrr', op: 'between' });
    expect(withOp(c, 'inLast', 'date')).toEqual({ field: 'mrr', op: 'inLast', n: 30, unit: 'day' });
    // A text op is not valid on a number: changing the field to a string keeps a valid op.
    expect(withField({ field: 'plan', op: 'contains', value: 'pro' }, mrrField, planField)).toEqual({
      field: 'mrr',
      op: 'eq',
      value: 0,
    });
    // Same family: only the field changes.
    expect(withField({ field: 'plan', op: 'eq', value: 'pro' }, { ...planField, name: 'channel' }, planField)).toEqual({
      field: 'channel',
      op: 'eq',
      value: 'pro',
    });
  });
});

describe('builder slice', () => {
  it('a new draft on the selected table guesses the key, counts the empty rule (all rows) and picks mrr as measure', async () => {
    const { fake, store } = setup(async () => count(100));
    store.getState().newSegment();
    await flush();
    const b = store.getState().builder!;
    expect(b.definition).toEqual({
      entity: { table: 'accounts', key: 'account_id' },
      asOf: { kind: 'snapshot' },
      where: { all: [] },
    });
    expect(b.measure).toBe('mrr');
    expect(fake.callsOf('countSegment')).toEqual([
      { target: { definition: b.definition }, liveKey: 'builder', measures: ['mrr'] },
    ]);
    expect(b.live).toMatchObject({ status: 'ready', count: 100, total: 100, share: 1 });
  });

  it('edits are counted live; an invalid rule is flagged locally and not sent; stale answers are dropped', async () => {
    const answers: ReturnType<typeof deferred<CountResult>>[] = [];
    const { fake, store } = setup(() => {
      const d = deferred<CountResult>();
      answers.push(d);
      return d.promise;
    });
    store.getState().newSegment();
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'nope', op: 'eq', value: 1 } });
    await flush();
    let b = store.getState().builder!;
    expect(b.live.status).toBe('invalid');
    expect(b.diagnostics.some((d) => d.path.startsWith('where.all[1]') && d.severity === 'error')).toBe(true);
    expect(fake.callsOf('countSegment')).toHaveLength(2); // the empty draft and the first edit; not the invalid one
    store.getState().editRule({ type: 'remove', path: [1] });
    await flush();
    expect(fake.callsOf('countSegment')).toHaveLength(3);
    answers[2]!.resolve(count(25));
    await flush();
    answers[1]!.resolve(count(99)); // stale: for an older draft
    await flush();
    b = store.getState().builder!;
    expect(b.live.count).toBe(25);
    expect(b.live.measures).toEqual([{ column: 'mrr', sum: 250, avg: 10 }]);
  });

  it('an interrupted count (superseded by the engine) changes nothing; a failed one shows the error', async () => {
    let n = 0;
    const { store } = setup(async () => {
      n++;
      if (n === 1) throw new ApiError('interrupted', 'superseded');
      throw new ApiError('invalid_input', "SQL rule: function 'read_csv' is not allowed");
    });
    store.getState().newSegment();
    await flush();
    expect(store.getState().builder!.live.status).toBe('counting');
    store.getState().editRule({ type: 'add', group: [], rule: { sql: "read_csv('x')" } });
    await flush();
    expect(store.getState().builder!.live).toMatchObject({
      status: 'error',
      error: { message: "SQL rule: function 'read_csv' is not allowed" },
    });
  });

  it('undo and redo step through edits; typing in one operand is a single step', async () => {
    const { store } = setup(async () => count(1));
    store.getState().newSegment();
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: '' } });
    for (const v of ['p', 'pr', 'pro'])
      store.getState().editRule({ type: 'patchCondition', path: [0], patch: { value: v } });
    store.getState().editRule({ type: 'setKind', path: [], kind: 'any' });
    const where = () => (store.getState().builder!.definition as SegmentDefinition).where;
    expect(where()).toEqual({ any: [{ field: 'plan', op: 'eq', value: 'pro' }] });
    store.getState().undo();
    expect(where()).toEqual({ all: [{ field: 'plan', op: 'eq', value: 'pro' }] });
    store.getState().undo();
    expect(where()).toEqual({ all: [{ field: 'plan', op: 'eq', value: '' }] });
    store.getState().undo();
    expect(where()).toEqual({ all: [] });
    store.getState().undo(); // nothing left
    expect(where()).toEqual({ all: [] });
    store.getState().redo();
    store.getState().redo();
    expect(where()).toEqual({ all: [{ field: 'plan', op: 'eq', value: 'pro' }] });
    // A new edit clears the redo stack.
    store.getState().editRule({ type: 'remove', path: [0] });
    expect(store.getState().builder!.future).toEqual([]);
  });

  it('saves with a note, remembers the file and reloads the segment list', async () => {
    const { fake, store } = setup(async () => count(40));
    store.getState().newSegment();
    store.getState().setBuilderName('Pro');
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    await store.getState().saveSegment('first cut');
    const b = store.getState().builder!;
    expect(fake.callsOf('saveDefinition')).toEqual([
      { kind: 'segment', name: 'Pro', definition: b.definition, note: 'first cut' },
    ]);
    expect(b.file).toBe('segments/pro.segment.json');
    expect(b.savedJson).toBe(JSON.stringify(b.definition));
    expect(b.lastSaved).toEqual({ version: 1, appended: true });
    await flush();
    expect(fake.callsOf('listDefinitions')).toHaveLength(1);
    // The next save appends to the same file.
    store.getState().editRule({ type: 'patchCondition', path: [0], patch: { value: 'enterprise' } });
    await store.getState().saveSegment('widen');
    expect(fake.callsOf('saveDefinition')[1]).toMatchObject({ file: 'segments/pro.segment.json', note: 'widen' });
  });

  it('explains a row against the draft; a late answer for another row is dropped', async () => {
    const { fake, store } = setup(async () => count(1));
    const slow = deferred<never>();
    let first = true;
    (fake.client as unknown as { explainRow: (r: unknown) => Promise<unknown> }).explainRow = (req) => {
      fake.calls.push({ method: 'explainRow', params: req });
      if (first) {
        first = false;
        return slow.promise;
      }
      return Promise.resolve({
        key: 'A2',
        found: true,
        inSegment: false,
        root: { path: 'where', label: 'all of', pass: false, children: [] },
      });
    };
    store.getState().newSegment();
    const a = store.getState().explainRow('A1');
    await store.getState().explainRow('A2');
    slow.reject(new Error('too late'));
    await a;
    const e = store.getState().builder!.explain!;
    expect(e).toMatchObject({ key: 'A2', status: 'ready', result: { inSegment: false } });
    expect(fake.callsOf('explainRow')[1]).toEqual({
      target: { definition: store.getState().builder!.definition },
      key: 'A2',
    });
  });

  it('an open explanation is asked again after each edit is counted; the older answer is dropped', async () => {
    const { fake, store } = setup(async () => count(1));
    const answers: ReturnType<typeof deferred<unknown>>[] = [];
    (fake.client as unknown as { explainRow: (r: unknown) => Promise<unknown> }).explainRow = (req) => {
      fake.calls.push({ method: 'explainRow', params: req });
      const d = deferred<unknown>();
      answers.push(d);
      return d.promise;
    };
    const verdict = (inSegment: boolean) => ({
      key: 'A1',
      found: true,
      inSegment,
      root: { path: 'where', label: 'all of', pass: inSegment, children: [] },
    });
    store.getState().newSegment();
    await flush();
    const first = store.getState().explainRow('A1');
    answers[0]!.resolve(verdict(true));
    await first;
    expect(store.getState().builder!.explain).toMatchObject({
      key: 'A1',
      status: 'ready',
      result: { inSegment: true },
    });
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'plan', op: 'eq', value: 'pro' } });
    await flush();
    store.getState().editRule({ type: 'patchCondition', path: [0], patch: { value: 'free' } });
    await flush();
    // Both edits were counted and asked again about A1, with their own definitions.
    const asked = fake.callsOf('explainRow') as { target: { definition: { where: unknown } }; key: string }[];
    expect(asked.map((a) => a.target.definition.where)).toEqual([
      { all: [] },
      { all: [{ field: 'plan', op: 'eq', value: 'pro' }] },
      { all: [{ field: 'plan', op: 'eq', value: 'free' }] },
    ]);
    // While asking, the last answer stays on screen.
    expect(store.getState().builder!.explain).toMatchObject({ status: 'loading', result: { inSegment: true } });
    answers[2]!.resolve(verdict(false));
    await flush();
    answers[1]!.resolve(verdict(true));
    await flush();
    expect(store.getState().builder!.explain).toMatchObject({
      key: 'A1',
      status: 'ready',
      result: { inSegment: false },
    });
  });

  it('opens a saved file with its versions; views an old version read-only; measures and lists by segment id; duplicates as a new draft', async () => {
    const v1 = {
      entity: { table: 'accounts', key: 'account_id' },
      where: { all: [{ field: 'mrr', op: 'gte', value: 1 }] },
    };
    const v2 = {
      entity: { table: 'accounts', key: 'account_id' },
      where: { all: [{ field: 'mrr', op: 'gte', value: 5 }] },
    };
    const fake = createFakeApi({
      readDefinition: async () => ({
        file: 'segments/big.segment.json',
        kind: 'segment',
        id: 'seg-7',
        name: 'Big',
        description: null,
        tags: [],
        latestVersion: 2,
        hash: 'h2',
        entityTable: 'accounts',
        valid: true,
        errors: 0,
        hasSql: false,
        content: {
          versions: [
            { version: 1, definition: v1 },
            { version: 2, definition: v2 },
          ],
        },
        versions: [
          { version: 1, createdAt: '2026-11-01T00:00:00Z', author: null, note: 'a', hash: 'h1', hashValid: true },
          { version: 2, createdAt: '2026-11-02T00:00:00Z', author: null, note: 'b', hash: 'h2', hashValid: true },
        ],
        diagnostics: [],
      }),
      countSegment: async () => count(3),
      segmentFunnel: async () => ({ total: 100, steps: [] }),
      measureSegment: async () => [],
      listMeasurements: async () => [],
      headerSummaries: async () => [],
    });
    const store = createWorkbenchStore(fake.client);
    store.setState({ tables: [accounts], selectedTable: 'accounts' });
    await store.getState().openSegment('segments/big.segment.json');
    await flush();
    let b = store.getState().builder!;
    expect(b.definition).toEqual(v2);
    expect(b.history?.versions.map((v) => v.version)).toEqual([1, 2]);
    store.getState().viewVersion(1);
    expect(store.getState().builder!.viewing).toEqual({ version: 1, definition: v1 });
    expect(store.getState().builder!.definition).toEqual(v2); // the draft is untouched
    await store.getState().measureSegment(1, 'all');
    expect(fake.callsOf('measureSegment')).toEqual([
      { target: { file: 'segments/big.segment.json', version: 1 }, allSnapshots: true, measures: ['mrr'] },
    ]);
    expect(fake.callsOf('listMeasurements').at(-1)).toEqual({ segmentId: 'seg-7' });
    store.getState().duplicateSegment();
    b = store.getState().builder!;
    expect(b).toMatchObject({ file: null, name: 'Big copy', savedJson: null, history: null, viewing: null });
    expect(b.definition).toEqual(v2);
  });

  it('checks SQL rules with the engine before counting and shows the problem beside the rule', async () => {
    const { fake, store } = setup(async () => count(5));
    (fake.client as unknown as { validateDefinition: (r: unknown) => Promise<unknown> }).validateDefinition = async (
      req,
    ) => {
      fake.calls.push({ method: 'validateDefinition', params: req });
      return {
        file: '',
        valid: false,
        diagnostics: [
          { path: 'where.all[0].sql', message: "function 'read_csv' is not allowed in a SQL rule", severity: 'error' },
        ],
      };
    };
    store.getState().newSegment();
    await flush();
    const before = fake.callsOf('countSegment').length;
    store.getState().editRule({ type: 'add', group: [], rule: { sql: "read_csv('x') IS NOT NULL" } });
    await flush();
    const b = store.getState().builder!;
    expect(b.live.status).toBe('invalid');
    expect(b.diagnostics).toContainEqual({
      path: 'where.all[0].sql',
      message: "function 'read_csv' is not allowed in a SQL rule",
      severity: 'error',
    });
    expect(fake.callsOf('countSegment')).toHaveLength(before);
    expect(fake.callsOf('validateDefinition')).toHaveLength(1);
  });

  it('counts on the snapshot the grid shows, and recounts when it changes', async () => {
    const { fake, store } = setup(async () => count(9));
    (fake.client as unknown as { headerSummaries: () => Promise<unknown> }).headerSummaries = async () => [];
    store.getState().newSegment();
    await flush();
    store.getState().selectTable('accounts', 'accounts-2026-10-01');
    await flush();
    expect(fake.callsOf('countSegment').at(-1)).toMatchObject({ snapshot: 'accounts-2026-10-01', liveKey: 'builder' });
    store.getState().selectTable('accounts', null);
    await flush();
    expect(fake.callsOf('countSegment').at(-1)).not.toHaveProperty('snapshot');
  });

  it('suggestions: top text values of the builder table, asked once per field', async () => {
    const { fake, store } = setup(async () => count(100), {
      topValues: async () => ({
        values: [
          { value: 'pro', count: 5 },
          { value: 7, count: 2 },
          { value: 'free', count: 1 },
        ],
        rows: 8,
        sampled: false,
      }),
    });
    store.getState().newSegment();
    await flush();
    expect(store.getState().suggestions.plan).toBeUndefined();
    await store.getState().loadSuggestions('plan');
    await store.getState().loadSuggestions('plan');
    expect(store.getState().suggestions.plan).toEqual(['pro', 'free']);
    expect(fake.callsOf('topValues')).toEqual([{ table: 'accounts', column: 'plan', limit: 20 }]);
  });

  it('a SQL rule typed key by key is checked and counted on each change, and is one undo step', async () => {
    const { fake, store } = setup(async () => count(7), {
      validateDefinition: async () => ({ file: '', valid: true, diagnostics: [] }),
    });
    const where = (d: Definition) => (d as SegmentDefinition).where;
    // The store coalesces edits less than a second apart: the clock is set here, not read.
    let now = 10_000;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      store.getState().newSegment();
      store.getState().editRule({ type: 'add', group: [], rule: { sql: '' } });
      await flush();
      // An empty SQL rule is a local error: nothing is sent to the engine for it.
      expect(store.getState().builder!.live.status).toBe('invalid');
      expect(fake.callsOf('validateDefinition')).toEqual([]);
      const typed = 'mrr > 5';
      for (let i = 1; i <= typed.length; i++) {
        now += 150;
        store.getState().editRule({ type: 'replace', path: [0], rule: { sql: typed.slice(0, i) } });
      }
      await flush();
      await flush();
      const b = store.getState().builder!;
      expect(where(b.definition)).toEqual({ all: [{ sql: 'mrr > 5' }] });
      // Each change asked the engine to check the SQL; the count answered the last one.
      expect(fake.callsOf('validateDefinition')).toHaveLength(typed.length);
      expect(fake.callsOf('countSegment').at(-1)).toMatchObject({
        target: { definition: { where: { all: [{ sql: 'mrr > 5' }] } } },
      });
      expect(b.live).toMatchObject({ status: 'ready', count: 7 });
      // Adding the rule, then the typing: two steps.
      expect(b.past).toHaveLength(2);
      store.getState().undo();
      expect(where(store.getState().builder!.definition)).toEqual({ all: [{ sql: '' }] });
      store.getState().undo();
      expect(where(store.getState().builder!.definition)).toEqual({ all: [] });
      // A pause of more than a second starts a new step.
      store.getState().redo();
      store.getState().redo();
      now += 1500;
      store.getState().editRule({ type: 'replace', path: [0], rule: { sql: 'mrr > 6' } });
      expect(store.getState().builder!.past).toHaveLength(3);
    } finally {
      clock.mockRestore();
    }
  });
});
