// The builder's description (issue 4: templates say what they are for): opened from the file, edited,
// sent with the save, and a rename in the sidebar carries the open builder's name without making it
// look unsaved. The fake API stands in for the engine.
import { describe, expect, it } from 'vitest';
import type { CountResult, DefinitionDocument } from '../../../shared/api/segmentsApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts } from '../fixtures';
import { createFakeApi, flush } from '../fakeApi';

const def = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  where: { all: [{ field: 'mrr', op: 'gte', value: 5 }] },
};
const doc = (file: string, name: string): DefinitionDocument => ({
  file,
  kind: 'segment',
  id: 'seg-1',
  name,
  description: 'Accounts paying at least 5',
  tags: ['template'],
  latestVersion: 1,
  hash: 'h1',
  entityTable: 'accounts',
  valid: true,
  errors: 0,
  hasSql: false,
  content: { versions: [{ version: 1, definition: def }] },
  versions: [
    { version: 1, createdAt: '2026-11-01T00:00:00Z', author: null, note: 'created', hash: 'h1', hashValid: true },
  ],
  diagnostics: [],
});
const count = (n: number): CountResult => ({
  segment: null,
  id: null,
  version: 1,
  hash: 'h',
  table: 'accounts',
  snapshot: 's',
  asOf: '2026-11-01T00:00:00Z',
  asOfSource: 'snapshot',
  count: n,
  total: 100,
  share: n / 100,
  measures: [],
  related: {},
  warnings: [],
  elapsedMs: 1,
});

function setup() {
  let name = 'Payers';
  let file = 'segments/payers.segment.json';
  const fake = createFakeApi({
    readDefinition: async () => doc(file, name),
    listDefinitions: async () => [],
    validateDefinition: async () => ({ file: '', valid: true, diagnostics: [] }),
    countSegment: async () => count(3),
    segmentFunnel: async () => ({ total: 100, steps: [] }),
    listMeasurements: async () => [],
    headerSummaries: async () => [],
    saveDefinition: async (req) => ({
      file: req.file ?? file,
      id: 'seg-1',
      version: 1,
      hash: 'h1',
      appended: false,
      metadataUpdated: true,
    }),
    renameDefinition: async (req) => {
      const previousFile = file;
      name = req.name;
      file = 'segments/big-payers.segment.json';
      return { file, previousFile, name };
    },
  });
  const store = createWorkbenchStore(fake.client);
  store.setState({ tables: [accounts], selectedTable: 'accounts' });
  return { fake, store };
}

describe('builder description', () => {
  it('opens with the file description, sends an edited one with the save, and records it as saved', async () => {
    const { fake, store } = setup();
    await store.getState().openSegment('segments/payers.segment.json');
    await flush();
    expect(store.getState().builder).toMatchObject({
      description: 'Accounts paying at least 5',
      savedMeta: { name: 'Payers', description: 'Accounts paying at least 5' },
    });
    store.getState().setBuilderDescription('For the renewal call list');
    await store.getState().saveSegment('');
    const sent = fake.callsOf('saveDefinition')[0] as Record<string, unknown>;
    expect(sent).toMatchObject({
      file: 'segments/payers.segment.json',
      name: 'Payers',
      description: 'For the renewal call list',
    });
    expect(store.getState().builder).toMatchObject({
      savedMeta: { name: 'Payers', description: 'For the renewal call list' },
      lastSaved: { version: 1, appended: false, metadataUpdated: true },
    });
  });

  it('a new draft starts without a description and does not send an empty one', async () => {
    const { fake, store } = setup();
    store.getState().newSegment();
    expect(store.getState().builder).toMatchObject({ description: '', savedMeta: null });
    await store.getState().saveSegment('first');
    expect(fake.callsOf('saveDefinition')[0]).not.toHaveProperty('description');
  });

  it('a sidebar rename of the open file moves the builder to the new file and name, still saved', async () => {
    const { store } = setup();
    await store.getState().openSegment('segments/payers.segment.json');
    await flush();
    expect(await store.getState().renameSegment('segments/payers.segment.json', 'Big payers')).toBeNull();
    expect(store.getState().builder).toMatchObject({
      file: 'segments/big-payers.segment.json',
      name: 'Big payers',
      savedMeta: { name: 'Big payers', description: 'Accounts paying at least 5' },
    });
  });
});
