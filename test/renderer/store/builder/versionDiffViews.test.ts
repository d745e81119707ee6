// Grid filters of a version diff: labelled, pinned to the diff's snapshot, selecting by key.
import { describe, expect, it } from 'vitest';
import { versionDiffFilter } from '../../../../renderer/store/builder/versionDiffViews';

const entity = { table: 'accounts', key: 'account_id' };
const scope = {
  file: 'schemes/bands.scheme.json',
  name: 'Bands',
  entity,
  from: 1,
  to: 3,
  snapshot: { id: 's6', asOf: '2026-11-01' },
  tiersFrom: ['High', 'Medium', 'Low'],
  tiersTo: ['High', 'Medium', 'Low'],
};

describe('versionDiffFilter', () => {
  it('added: the newer version\u2019s members not in the older, keyed rows only, on the diff\u2019s snapshot', () => {
    expect(versionDiffFilter(scope, { kind: 'added' })).toEqual({
      table: 'accounts',
      source: 'versions',
      snapshot: 's6',
      label: 'Bands: added in v3 (v1 → v3, as of 2026-11-01)',
      target: { file: scope.file, version: 3 },
      notIn: [{ file: scope.file, version: 1 }],
      keysAt: [{ snapshot: 's6', target: { definition: { entity, where: { all: [] } } }, present: true }],
    });
    expect(versionDiffFilter(scope, { kind: 'removed' })).toMatchObject({
      label: 'Bands: removed in v3 (v1 → v3, as of 2026-11-01)',
      target: { version: 1 },
      notIn: [{ version: 3 }],
    });
  });

  it('a move: tier j of the newer version whose key is in tier i of the older', () => {
    expect(versionDiffFilter(scope, { kind: 'move', from: 1, to: 2 })).toEqual({
      table: 'accounts',
      source: 'versions',
      snapshot: 's6',
      label: 'Bands: Medium → Low (v1 → v3, as of 2026-11-01)',
      target: { file: scope.file, version: 3, tier: 'Low' },
      alsoIn: [{ file: scope.file, version: 1, tier: 'Medium' }],
    });
    expect(versionDiffFilter(scope, { kind: 'move', from: 5, to: 0 })).toBeNull();
  });
});
