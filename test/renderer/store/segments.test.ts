import { describe, expect, it } from 'vitest';
import type { CountResult, DefinitionSummary } from '../../../shared/api/segmentsApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts } from '../fixtures';
import { createFakeApi } from '../fakeApi';

const summary = (
  file: string,
  kind: 'segment' | 'scheme',
  extra: Partial<DefinitionSummary> = {},
): DefinitionSummary => ({
  file,
  kind,
  id: file,
  name: file,
  description: null,
  tags: [],
  latestVersion: 1,
  hash: 'h',
  entityTable: 'accounts',
  valid: true,
  errors: 0,
  hasSql: false,
  ...extra,
});
const result = (count: number, extra: Partial<CountResult> = {}): CountResult => ({
  segment: null,
  id: null,
  version: 1,
  hash: 'h',
  table: 'accounts',
  snapshot: 's',
  asOf: '2026-11-01T00:00:00Z',
  asOfSource: 'snapshot',
  count,
  total: 200,
  share: count / 200,
  measures: [],
  related: {},
  warnings: [],
  elapsedMs: 1,
  ...extra,
});

describe('segments slice', () => {
  it('lists segments and schemes, counts the runnable ones, marks invalid files and failures', async () => {
    const fake = createFakeApi({
      listDefinitions: async () => [
        summary('segments/a.segment.json', 'segment'),
        summary('segments/bad.segment.json', 'segment', { valid: false, errors: 2 }),
        summary('segments/other.segment.json', 'segment', { entityTable: 'customers' }),
        summary('segments/boom.segment.json', 'segment'),
        summary('schemes/tiers.scheme.json', 'scheme'),
      ],
      countSegment: async ({ target }) => {
        if (target.file === 'segments/boom.segment.json') throw new Error('lookup is ambiguous');
        if (target.file === 'schemes/tiers.scheme.json')
          return result(150, {
            tiers: [
              { name: 'High', count: 50, share: 0.25 },
              { name: 'Unassigned', count: 50, share: 0.25 },
            ],
          });
        return result(30);
      },
    });
    const store = createWorkbenchStore(fake.client);
    store.setState({ tables: [accounts] });
    await store.getState().loadSegments();
    const s = store.getState();
    expect(s.segments.map((x) => x.file)).toEqual([
      'segments/a.segment.json',
      'segments/bad.segment.json',
      'segments/other.segment.json',
      'segments/boom.segment.json',
    ]);
    expect(s.schemes.map((x) => x.file)).toEqual(['schemes/tiers.scheme.json']);
    // Neither the invalid file nor the one on a missing table is run.
    expect(fake.callsOf('countSegment').map((c) => (c as { target: { file: string } }).target.file)).toEqual([
      'segments/a.segment.json',
      'segments/boom.segment.json',
      'schemes/tiers.scheme.json',
    ]);
    expect(s.segmentCounts['segments/a.segment.json']).toEqual({
      status: 'ready',
      count: 30,
      share: 0.15,
      error: null,
    });
    expect(s.segmentCounts['segments/bad.segment.json']?.status).toBe('error');
    expect(s.segmentCounts['segments/other.segment.json']).toMatchObject({
      status: 'error',
      error: "table 'customers' is not in this workspace",
    });
    expect(s.segmentCounts['segments/boom.segment.json']).toMatchObject({
      status: 'error',
      error: 'lookup is ambiguous',
    });
    expect(s.segmentCounts['schemes/tiers.scheme.json']?.tiers?.map((t) => t.name)).toEqual(['High', 'Unassigned']);
  });
});
