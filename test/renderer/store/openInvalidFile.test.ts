// Open… of a definition file the engine could not use (issue 9 item 5): the engine answers no
// content and diagnostics by path (a duplicate key here, as readDefinitionFile reports it); the
// builder does not open a guess of the file, and the error names the path of the offending value.
import { describe, expect, it } from 'vitest';
import type { DefinitionDocument } from '../../../shared/api/segmentsApi';
import { createWorkbenchStore } from '../../../renderer/store/createWorkbenchStore';
import { accounts } from '../fixtures';
import { createFakeApi } from '../fakeApi';

const path = 'versions[0].definition.where.value';
const invalid: DefinitionDocument = {
  file: '.staging/shared.segment.json',
  kind: null,
  id: null,
  name: 'shared',
  description: null,
  tags: [],
  latestVersion: null,
  hash: null,
  entityTable: null,
  valid: false,
  errors: 1,
  hasSql: false,
  content: null,
  versions: [],
  diagnostics: [
    {
      path,
      message: `${path}: duplicate key "value" at line 12, column 9; a key may appear once per object`,
      severity: 'error',
    },
  ],
};

describe('opening an unusable definition file', () => {
  it('leaves the builder closed and says which value is wrong', async () => {
    const fake = createFakeApi({ readDefinition: async () => invalid, listDefinitions: async () => [] });
    const store = createWorkbenchStore(fake.client);
    store.setState({ tables: [accounts], selectedTable: 'accounts' });
    await store.getState().openSegment('.staging/shared.segment.json');
    expect(store.getState().builder).toBeNull();
    const error = store.getState().segmentsError;
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toContain(path);
    expect(error?.message).toMatch(/duplicate key "value"/);
  });
});
