/**
 * The builder on a scheme and on an aggregate's filter, over the fake API: tiers edited at their
 * location, per-tier live counts, undo/redo of tier edits, save as a scheme; a filter as a full rule
 * with its diagnostics.
 */
import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../../shared/api/dataApi';
import type { CountResult, DefinitionDocument, TierCount } from '../../../../shared/api/segmentsApi';
import type { AggregateMetric, SchemeDefinition, SegmentDefinition } from '../../../../shared/segments/model';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import { createFakeApi, deferred, flush } from '../../fakeApi';
import { snapshot } from '../../fixtures';

const accounts: TableInfo = {
  name: 'accounts',
  rows: 100,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'contract_value', type: 'DOUBLE' },
    { name: 'seats', type: 'INTEGER' },
  ],
  snapshots: [snapshot('accounts', '2026-11-01', 100)],
};
const tickets: TableInfo = {
  name: 'tickets',
  rows: 500,
  columns: [
    { name: 'ticket_id', type: 'VARCHAR' },
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'priority', type: 'VARCHAR' },
    { name: 'billable', type: 'BOOLEAN' },
  ],
  snapshots: [snapshot('tickets', '2026-11-01', 500)],
};

const entity = { table: 'accounts', key: 'account_id' };
const v1: SchemeDefinition = {
  entity,
  tiers: [
    {
      name: 'High',
      where: {
        any: [
          { field: 'contract_value', op: 'gte', value: 50000 },
          {
            all: [
              { field: 'contract_value', op: 'gte', value: 20000 },
              { field: 'seats', op: 'gte', value: 100 },
            ],
          },
        ],
      },
    },
    { name: 'Medium', where: { field: 'contract_value', op: 'gte', value: 3000 } },
  ],
  otherwise: 'Low',
};

const doc: DefinitionDocument = {
  file: 'schemes/value-tiers.scheme.json',
  kind: 'scheme',
  id: 'sch-1',
  name: 'Value tiers',
  description: 'by value',
  tags: [],
  latestVersion: 1,
  hash: 'h1',
  entityTable: 'accounts',
  valid: true,
  errors: 0,
  hasSql: false,
  content: { versions: [{ version: 1, definition: v1 }] },
  versions: [{ version: 1, createdAt: '2026-11-01T00:00:00Z', author: null, note: null, hash: 'h1', hashValid: true }],
  diagnostics: [],
};

/** A count with per-tier figures (the engine's shape: tiers then otherwise; count = rows in named tiers). */
function tierCount(perTier: number[], total = 100): CountResult {
  const named = perTier.slice(0, -1).reduce((s, n) => s + n, 0);
  const tiers: TierCount[] = perTier.map((n, i) => ({ name: `t${i}`, count: n, share: n / total }));
  return {
    segment: null,
    id: null,
    version: null,
    hash: null,
    table: 'accounts',
    snapshot: 's',
    asOf: '2026-11-01T00:00:00Z',
    asOfSource: 'snapshot',
    count: named,
    total,
    share: named / total,
    measures: [],
    tiers,
    related: {},
    warnings: [],
    elapsedMs: 2,
  };
}

function setup(countImpl: (req: { target: { definition: Record<string, unknown> } }) => Promise<CountResult>) {
  const fake = createFakeApi({
    readDefinition: async () => doc,
    countSegment: countImpl as never,
    segmentFunnel: async () => ({ total: 100, steps: [] }),
    cancelJob: async () => ({ cancelled: true }),
    listMeasurements: async () => [],
    listDefinitions: async () => [],
    saveDefinition: async () => ({
      file: 'schemes/value-tiers.scheme.json',
      id: 'sch-1',
      version: 2,
      hash: 'h2',
      appended: true,
    }),
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => 'j' });
  store.setState({ tables: [accounts, tickets], selectedTable: 'accounts' });
  return { fake, store };
}

const scheme = (s: ReturnType<typeof setup>['store']) => s.getState().builder!.definition as SchemeDefinition;

describe('builder on a scheme', () => {
  it('opens a scheme file, counts it with per-tier figures and asks for no funnel', async () => {
    const { fake, store } = setup(async () => tierCount([10, 30, 60]));
    await store.getState().openSegment('schemes/value-tiers.scheme.json');
    await flush();
    const b = store.getState().builder!;
    expect(b.definition).toEqual(v1);
    expect(b.name).toBe('Value tiers');
    expect(b.history?.versions.map((v) => v.version)).toEqual([1]);
    expect(fake.callsOf('countSegment')).toEqual([
      { target: { definition: v1 }, liveKey: 'builder', measures: ['contract_value'] },
    ]); // no mrr: the first number column is the measure
    expect(b.live).toMatchObject({ status: 'ready', count: 40, tiers: [{ count: 10 }, { count: 30 }, { count: 60 }] });
    await new Promise((r) => setTimeout(r, 300)); // past the funnel's pause
    expect(fake.callsOf('segmentFunnel')).toEqual([]);
  });

  it("edits a tier's rule at its location (nested paths), recounts live, and drops a stale answer", async () => {
    const answers: ReturnType<typeof deferred<CountResult>>[] = [];
    const { fake, store } = setup(() => {
      const d = deferred<CountResult>();
      answers.push(d);
      return d.promise;
    });
    await store.getState().openSegment('schemes/value-tiers.scheme.json');
    store
      .getState()
      .editRule({ type: 'patchCondition', path: [1, 0], patch: { value: 10000 } }, { kind: 'tier', index: 0 });
    const next = scheme(store);
    expect(next.tiers[0]!.where).toEqual({
      any: [
        { field: 'contract_value', op: 'gte', value: 50000 },
        {
          all: [
            { field: 'contract_value', op: 'gte', value: 10000 },
            { field: 'seats', op: 'gte', value: 100 },
          ],
        },
      ],
    });
    expect(next.tiers[1]).toBe(v1.tiers[1]);
    await flush();
    expect(fake.callsOf('countSegment').at(-1)).toEqual({
      target: { definition: next },
      liveKey: 'builder',
      measures: ['contract_value'],
    });
    answers[1]!.resolve(tierCount([15, 25, 60]));
    await flush();
    answers[0]!.resolve(tierCount([10, 30, 60])); // for the definition before the edit
    await flush();
    expect(store.getState().builder!.live.tiers!.map((t) => t.count)).toEqual([15, 25, 60]);
  });

  it('a single-condition tier grows into a group; removing its condition leaves an empty group', async () => {
    const { store } = setup(async () => tierCount([1, 2, 97]));
    await store.getState().openSegment('schemes/value-tiers.scheme.json');
    const medium = { kind: 'tier' as const, index: 1 };
    store
      .getState()
      .editRule({ type: 'wrap', path: [], kind: 'all', add: { field: 'seats', op: 'gte', value: 10 } }, medium);
    expect(scheme(store).tiers[1]!.where).toEqual({
      all: [
        { field: 'contract_value', op: 'gte', value: 3000 },
        { field: 'seats', op: 'gte', value: 10 },
      ],
    });
    store.getState().undo();
    store.getState().editRule({ type: 'remove', path: [] }, medium);
    expect(scheme(store).tiers[1]!.where).toEqual({ all: [] });
  });

  it('tier edits are undoable; typing a name is one step; local validation flags a duplicate tier name', async () => {
    const { fake, store } = setup(async () => tierCount([1, 2, 97]));
    await store.getState().openSegment('schemes/value-tiers.scheme.json');
    await flush();
    const counted = fake.callsOf('countSegment').length;
    store.getState().editTiers({ type: 'addTier' });
    for (const name of ['B', 'Bi', 'Big']) store.getState().editTiers({ type: 'renameTier', index: 2, name });
    store.getState().editTiers({ type: 'moveTier', from: 2, to: 0 });
    store.getState().editTiers({ type: 'setOtherwise', name: 'Rest' });
    expect(scheme(store).tiers.map((t) => t.name)).toEqual(['Big', 'High', 'Medium']);
    expect(scheme(store).tiers[0]!.where).toEqual({ all: [] });
    store.getState().undo();
    expect(scheme(store).otherwise).toBe('Low');
    store.getState().undo();
    expect(scheme(store).tiers.map((t) => t.name)).toEqual(['High', 'Medium', 'Big']);
    store.getState().undo();
    expect(scheme(store).tiers.map((t) => t.name)).toEqual(['High', 'Medium', 'Tier 1']);
    store.getState().undo();
    expect(scheme(store)).toEqual(v1);
    store.getState().redo();
    expect(scheme(store).tiers.map((t) => t.name)).toEqual(['High', 'Medium', 'Tier 1']);

    store.getState().editTiers({ type: 'renameTier', index: 2, name: 'High' });
    await flush();
    const b = store.getState().builder!;
    expect(b.live.status).toBe('invalid');
    expect(b.diagnostics).toContainEqual(expect.objectContaining({ path: 'tiers[2].name', severity: 'error' }));
    // Valid edits were counted; the invalid one was not sent.
    const sent = fake.callsOf('countSegment').slice(counted) as { target: { definition: SchemeDefinition } }[];
    expect(
      sent.every(
        (c) => new Set(c.target.definition.tiers.map((t) => t.name)).size === c.target.definition.tiers.length,
      ),
    ).toBe(true);
  });

  it('saves a version of the scheme file with a note; a new scheme is saved as a scheme', async () => {
    const { fake, store } = setup(async () => tierCount([1, 2, 97]));
    await store.getState().openSegment('schemes/value-tiers.scheme.json');
    store.getState().editRule({ type: 'patchCondition', path: [], patch: { value: 5000 } }, { kind: 'tier', index: 1 });
    await store.getState().saveSegment('medium from 5k');
    expect(fake.callsOf('saveDefinition')).toEqual([
      {
        file: 'schemes/value-tiers.scheme.json',
        kind: 'scheme',
        name: 'Value tiers',
        description: 'by value',
        definition: scheme(store),
        note: 'medium from 5k',
      },
    ]);
    expect(store.getState().builder!.lastSaved).toEqual({ version: 2, appended: true });

    store.getState().newScheme();
    const b = store.getState().builder!;
    expect(b).toMatchObject({
      name: 'New scheme',
      file: null,
      definition: {
        entity,
        asOf: { kind: 'snapshot' },
        tiers: [{ name: 'Tier 1', where: { all: [] } }],
        otherwise: 'Other',
      },
    });
    await store.getState().saveSegment('');
    expect(fake.callsOf('saveDefinition')[1]).toMatchObject({ kind: 'scheme', name: 'New scheme' });
  });
});

describe("an aggregate's filter as a full rule", () => {
  const metric: AggregateMetric = {
    name: 'hot_tickets',
    kind: 'aggregate',
    from: 'tickets',
    on: { entity: 'account_id', related: 'account_id' },
    fn: 'count',
    where: { field: 'billable', op: 'isTrue' },
  };

  it("is edited at metrics[i].where: grows into groups, validated against the related table's columns", async () => {
    const { fake, store } = setup(async () => tierCount([5]));
    store.getState().newSegment();
    store.getState().editMetric(0, metric);
    const at = { kind: 'metric' as const, index: 0 };
    store
      .getState()
      .editRule(
        { type: 'wrap', path: [], kind: 'all', add: { field: 'priority', op: 'in', values: ['high', 'urgent'] } },
        at,
      );
    store.getState().editRule(
      {
        type: 'add',
        group: [],
        rule: {
          any: [
            { field: 'ticket_id', op: 'startsWith', value: 'T' },
            { not: { field: 'priority', op: 'eq', value: 'low' } },
          ],
        },
      },
      at,
    );
    const where = () =>
      ((store.getState().builder!.definition as SegmentDefinition).metrics![0] as AggregateMetric).where;
    expect(where()).toEqual({
      all: [
        { field: 'billable', op: 'isTrue' },
        { field: 'priority', op: 'in', values: ['high', 'urgent'] },
        {
          any: [
            { field: 'ticket_id', op: 'startsWith', value: 'T' },
            { not: { field: 'priority', op: 'eq', value: 'low' } },
          ],
        },
      ],
    });
    await flush();
    expect(store.getState().builder!.live.status).toBe('ready');
    expect(
      (fake.callsOf('countSegment').at(-1) as { target: { definition: SegmentDefinition } }).target.definition
        .metrics![0],
    ).toEqual({ ...metric, where: where() });

    // A column of the entity table is not a column of tickets: flagged beside the filter's condition.
    store.getState().editRule({ type: 'patchCondition', path: [2, 0], patch: { field: 'seats' } }, at);
    await flush();
    const b = store.getState().builder!;
    expect(b.live.status).toBe('invalid');
    expect(
      b.diagnostics.some((d) => d.path.startsWith('metrics[0].where.all[2].any[0]') && d.severity === 'error'),
    ).toBe(true);
    store.getState().undo();
    await flush();
    expect(store.getState().builder!.live.status).toBe('ready');
  });

  it('suggestions inside the filter come from the related table', async () => {
    const fake = createFakeApi({
      topValues: async () => ({ values: [{ value: 'urgent', count: 3 }], rows: 3, sampled: false }),
      countSegment: async () => tierCount([1]),
      segmentFunnel: async () => ({ total: 1, steps: [] }),
    });
    const store = createWorkbenchStore(fake.client);
    store.setState({ tables: [accounts, tickets], selectedTable: 'accounts' });
    store.getState().newSegment();
    await store.getState().loadSuggestions('priority', 'tickets');
    expect(fake.callsOf('topValues')).toEqual([{ table: 'tickets', column: 'priority', limit: 20 }]);
    expect(store.getState().suggestions).toEqual({ 'tickets/priority': ['urgent'] });
  });
});
