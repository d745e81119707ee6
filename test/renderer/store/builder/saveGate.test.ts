// The builder's save gate (issue 11 item 3): errors and a name in use refuse the save before the
// API is called, with the reason in words; warnings do not block; fixing the problem lets it save.
// Warnings about the `fields` record (recomputed on save) are not shown while editing.
import { describe, expect, it } from 'vitest';
import type { CountResult, DefinitionSummary } from '../../../../shared/api/segmentsApi';
import type { TableInfo } from '../../../../shared/api/dataApi';
import { createWorkbenchStore } from '../../../../renderer/store/createWorkbenchStore';
import { createFakeApi, flush } from '../../fakeApi';
import { snapshot } from '../../fixtures';

const accounts: TableInfo = {
  name: 'accounts',
  rows: 100,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'plan', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
    { name: 'seen_at', type: 'TIMESTAMP' },
  ],
  snapshots: [snapshot('accounts', '2026-11-01', 100)],
};
const count: CountResult = {
  segment: null,
  id: null,
  version: null,
  hash: null,
  table: 'accounts',
  snapshot: 's',
  asOf: '2026-11-01T00:00:00Z',
  asOfSource: 'snapshot',
  count: 7,
  total: 100,
  share: 0.07,
  measures: [],
  related: {},
  warnings: [],
  elapsedMs: 1,
};
const activated = { file: 'segments/activated.segment.json', kind: 'segment', name: 'Activated' } as DefinitionSummary;
const tiers = { file: 'schemes/value-tiers.scheme.json', kind: 'scheme', name: 'Value tiers' } as DefinitionSummary;

function setup() {
  const fake = createFakeApi({
    countSegment: async () => count,
    segmentFunnel: async () => ({ total: 100, steps: [] }),
    cancelJob: async () => ({ cancelled: true }),
    saveDefinition: async () => ({
      file: 'segments/big.segment.json',
      id: 'id1',
      version: 1,
      hash: 'sha256:x',
      appended: true,
    }),
    listDefinitions: async () => [activated, tiers],
    readDefinition: async () => ({ file: 'segments/big.segment.json', versions: [], diagnostics: [] }) as never,
  });
  const store = createWorkbenchStore(fake.client, { newJobId: () => 'j' });
  store.setState({ tables: [accounts], selectedTable: 'accounts', segments: [activated], schemes: [tiers] });
  return { fake, store };
}

describe('the builder refuses to save what has errors or a name in use', () => {
  it('text in a number condition: Save is refused with the human message; fixed, it saves', async () => {
    const { fake, store } = setup();
    store.getState().newSegment();
    store.getState().setBuilderName('Big accounts');
    store.getState().editRule({ type: 'add', group: [], rule: { field: 'mrr', op: 'gte', value: 'abc' } });
    await flush();
    expect(store.getState().builder!.diagnostics.map((d) => [d.path, d.message])).toEqual([
      [
        'where.all[0].value',
        "Condition 1 (mrr ≥ abc): mrr is a number; 'abc' is not. Type a number such as 1200 or 0.5 (digits only, no units or thousands separators)",
      ],
    ]);
    expect(await store.getState().saveSegment('')).toBe(false);
    expect(fake.callsOf('saveDefinition')).toEqual([]);
    expect(store.getState().builder!.saveError?.message).toBe(
      "Cannot save yet: fix the error marked in red first. Condition 1 (mrr ≥ abc): mrr is a number; 'abc' is not. " +
        'Type a number such as 1200 or 0.5 (digits only, no units or thousands separators)',
    );
    store.getState().editRule({ type: 'patchCondition', path: [0], patch: { value: 1200 } });
    await flush();
    expect(store.getState().builder!.saveError).toBeNull(); // an edit clears the refusal
    expect(await store.getState().saveSegment('')).toBe(true);
    expect(fake.callsOf('saveDefinition')).toHaveLength(1);
  });

  it('a warning does not block', async () => {
    const { fake, store } = setup();
    store.getState().newSegment();
    store.getState().setBuilderName('Seen lately');
    store
      .getState()
      .editRule({ type: 'add', group: [], rule: { field: 'seen_at', op: 'gte', value: '2026-10-01T00:00:00' } });
    await flush();
    expect(store.getState().builder!.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    await store.getState().saveSegment('');
    expect(fake.callsOf('saveDefinition')).toHaveLength(1);
  });

  it('a name already used by a segment or a scheme, in any case and with spaces, is refused', async () => {
    const { fake, store } = setup();
    store.getState().newSegment();
    for (const [name, taken] of [
      [' activated ', activated],
      ['VALUE  tiers', tiers],
    ] as const) {
      store.getState().setBuilderName(name);
      await store.getState().saveSegment('');
      expect(store.getState().builder!.saveError?.message).toBe(
        `Cannot save under this name: '${taken.name}' is already the name of the ${taken.kind} in ${taken.file}; ` +
          'segments and schemes in a workspace need different names (case and spaces do not count). Pick another name, or rename that one first.',
      );
    }
    expect(fake.callsOf('saveDefinition')).toEqual([]);
    store.getState().setBuilderName('Activated (EU)');
    await store.getState().saveSegment('');
    expect(fake.callsOf('saveDefinition')).toHaveLength(1);
  });

  it("the engine's warnings about the fields record are not shown while editing; its errors are", async () => {
    const { fake, store } = setup();
    (fake.client as unknown as { validateDefinition: (r: unknown) => Promise<unknown> }).validateDefinition =
      async () => ({
        file: '',
        valid: false,
        diagnostics: [
          {
            path: 'fields.accounts.plan',
            message: "fields.accounts.plan: \"fields\" does not list 'accounts'.'plan'",
            severity: 'warning',
          },
          {
            path: 'where.all[0].sql',
            message: "SQL rule 1 (plan = 'pro' OR nope): there is no column or metric 'nope' in accounts",
            severity: 'error',
          },
        ],
      });
    store.getState().newSegment();
    store.getState().editRule({ type: 'add', group: [], rule: { sql: "plan = 'pro' OR nope" } });
    await flush();
    expect(store.getState().builder!.diagnostics.map((d) => d.path)).toEqual(['where.all[0].sql']);
  });
});
