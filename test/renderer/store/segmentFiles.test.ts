// Rename, delete (with undo) and restore in the segments slice, against a fake API that keeps an
// in-memory folder of files and a trash, so the list the store shows after each action is checked
// against what the fake's files say.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/protocol';
import type { CountResult, DefinitionSummary, TrashEntry } from '../../../shared/api/segmentsApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts } from '../fixtures';
import { createFakeApi } from '../fakeApi';

const summary = (file: string, name: string): DefinitionSummary => ({
  file,
  kind: 'segment',
  id: `id-${name}`,
  name,
  description: null,
  tags: [],
  latestVersion: 1,
  hash: 'h',
  entityTable: 'accounts',
  valid: true,
  errors: 0,
  hasSql: false,
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
  const files = new Map<string, string>([
    ['segments/active.segment.json', 'Active'],
    ['segments/churn.segment.json', 'Churn'],
  ]);
  const counts: Record<string, number> = { Active: 40, Churn: 7 };
  const trash = new Map<string, { file: string; name: string }>();
  let n = 0;
  const fake = createFakeApi({
    listDefinitions: async () => [...files].sort().map(([file, name]) => summary(file, name)),
    countSegment: async ({ target }) => count(counts[files.get(target.file!)!] ?? 0),
    renameDefinition: async ({ file, name }) => {
      const to = `segments/${name.toLowerCase()}.segment.json`;
      if (files.has(to)) throw new ApiError('usage', `Cannot rename to '${name}': ${to} already exists`);
      counts[name] = counts[files.get(file)!]!;
      files.delete(file);
      files.set(to, name);
      return { file: to, previousFile: file, name };
    },
    deleteDefinition: async ({ file }) => {
      const name = files.get(file);
      if (!name) throw new ApiError('not_found', `No definition file ${file}`);
      files.delete(file);
      const trashFile = `2026112${n++}T000000000Z-${file.split('/')[1]}`;
      trash.set(trashFile, { file, name });
      const entry: TrashEntry = {
        trashFile,
        originalFile: file,
        kind: 'segment',
        id: `id-${name}`,
        name,
        deletedAt: '2026-11-23T00:00:00.000Z',
      };
      return entry;
    },
    restoreDefinition: async ({ trashFile }) => {
      const t = trash.get(trashFile)!;
      trash.delete(trashFile);
      files.set(t.file, t.name);
      return { file: t.file, name: t.name };
    },
    listTrash: async () =>
      [...trash].map(([trashFile, t]) => ({
        trashFile,
        originalFile: t.file,
        kind: 'segment' as const,
        id: null,
        name: t.name,
        deletedAt: '2026-11-23T00:00:00.000Z',
      })),
  });
  const store = createWorkbenchStore(fake.client);
  store.setState({ tables: [accounts] });
  return { fake, store, files, trash };
}

describe('segments slice: rename, delete, restore', () => {
  it('renames, reloads the list with the count, and an open builder follows the file', async () => {
    const { fake, store } = setup();
    await store.getState().loadSegments();
    store.setState({
      builder: {
        file: 'segments/active.segment.json',
        sourceFile: 'segments/active.segment.json',
        name: 'Active',
      } as never,
    });
    const err = await store.getState().renameSegment('segments/active.segment.json', 'Engaged');
    expect(err).toBeNull();
    expect(fake.callsOf('renameDefinition')).toEqual([{ file: 'segments/active.segment.json', name: 'Engaged' }]);
    const s = store.getState();
    expect(s.segments.map((x) => x.name)).toEqual(['Churn', 'Engaged']);
    expect(s.segmentCounts['segments/engaged.segment.json']).toMatchObject({ status: 'ready', count: 40 });
    expect(s.builder).toMatchObject({
      file: 'segments/engaged.segment.json',
      sourceFile: 'segments/engaged.segment.json',
      name: 'Engaged',
    });
  });

  it('a refused rename returns the message and changes nothing; an unchanged name calls nothing', async () => {
    const { fake, store } = setup();
    await store.getState().loadSegments();
    const err = await store.getState().renameSegment('segments/active.segment.json', 'Churn');
    expect(err?.message).toMatch(/segments\/churn\.segment\.json already exists/);
    expect(store.getState().segments.map((x) => x.name)).toEqual(['Active', 'Churn']);
    expect(await store.getState().renameSegment('segments/churn.segment.json', ' Churn ')).toBeNull();
    expect(fake.callsOf('renameDefinition')).toHaveLength(1);
  });

  it('delete removes it from the list, offers undo, and undo brings it back with its count', async () => {
    const { store } = setup();
    await store.getState().loadSegments();
    store.setState({
      builder: {
        file: 'segments/churn.segment.json',
        sourceFile: 'segments/churn.segment.json',
        name: 'Churn',
      } as never,
    });
    await store.getState().deleteSegment('segments/churn.segment.json');
    let s = store.getState();
    expect(s.segments.map((x) => x.name)).toEqual(['Active']);
    expect(s.lastDeleted).toMatchObject({ name: 'Churn', originalFile: 'segments/churn.segment.json' });
    expect(s.trash.map((t) => t.name)).toEqual(['Churn']);
    expect(s.builder).toBeNull(); // its file is gone: the builder closes
    await store.getState().restoreSegment(s.lastDeleted!.trashFile);
    s = store.getState();
    expect(s.lastDeleted).toBeNull();
    expect(s.trash).toEqual([]);
    expect(s.segments.map((x) => x.name)).toEqual(['Active', 'Churn']);
    expect(s.segmentCounts['segments/churn.segment.json']).toMatchObject({ status: 'ready', count: 7 });
  });

  it('recently deleted lists the trash; restoring an older entry keeps the newer undo', async () => {
    const { store } = setup();
    await store.getState().loadSegments();
    await store.getState().deleteSegment('segments/active.segment.json');
    await store.getState().deleteSegment('segments/churn.segment.json');
    store.setState({ trash: [] });
    await store.getState().loadTrash();
    expect(
      store
        .getState()
        .trash.map((t) => t.name)
        .sort(),
    ).toEqual(['Active', 'Churn']);
    const older = store.getState().trash.find((t) => t.name === 'Active')!;
    await store.getState().restoreSegment(older.trashFile);
    expect(store.getState().lastDeleted?.name).toBe('Churn');
    expect(store.getState().segments.map((x) => x.name)).toEqual(['Active']);
    store.getState().dismissDeleted();
    expect(store.getState().lastDeleted).toBeNull();
  });

  it('a failed delete is shown and leaves the list as it was', async () => {
    const { store } = setup();
    await store.getState().loadSegments();
    await store.getState().deleteSegment('segments/nope.segment.json');
    expect(store.getState().segmentActionError?.message).toBe('No definition file segments/nope.segment.json');
    expect(store.getState().lastDeleted).toBeNull();
    expect(store.getState().segments.map((x) => x.name)).toEqual(['Active', 'Churn']);
  });
});
