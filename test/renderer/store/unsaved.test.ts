import { describe, expect, it } from 'vitest';
import type { SegmentDefinition } from '../../../shared/segments/model';
import type { BuilderState } from '../../../renderer/store/builderTypes';
import { draftSuffix, isDirty, ruleUnsaved, savedRuleShown } from '../../../renderer/store/unsaved';

const rule: SegmentDefinition = {
  entity: { table: 't', key: 'id' },
  asOf: { kind: 'snapshot' },
  where: { field: 'a', op: 'isTrue' },
};
const savedJson = '{"entity":{"table":"t","key":"id"},"asOf":{"kind":"snapshot"},"where":{"field":"a","op":"isTrue"}}';

// Only the fields "unsaved changes" reads; the rest of a builder does not matter here.
function builder(p: Partial<BuilderState>): BuilderState {
  const savedMeta = { name: 'A', description: '' };
  const base = { file: 'segments/a.json', name: 'A', description: '', definition: rule, savedJson, savedMeta };
  return { ...base, ...p } as BuilderState;
}

describe('unsaved changes', () => {
  it('a file opened as it is has none', () => {
    const b = builder({});
    expect([isDirty(b), ruleUnsaved(b), savedRuleShown(b)]).toEqual([false, false, true]);
  });
  it('a changed rule is unsaved and no longer the file', () => {
    const b = builder({ definition: { ...rule, where: { field: 'a', op: 'isFalse' } } });
    expect([isDirty(b), ruleUnsaved(b), savedRuleShown(b)]).toEqual([true, true, false]);
  });
  it('a new name or description is unsaved, yet the file still holds the rule', () => {
    for (const b of [builder({ name: 'B' }), builder({ description: 'why' })]) {
      expect([isDirty(b), ruleUnsaved(b), savedRuleShown(b)]).toEqual([true, false, true]);
    }
  });
  it('a draft never saved is unsaved and has no file', () => {
    const b = builder({ file: null, savedJson: null, savedMeta: null });
    expect([isDirty(b), ruleUnsaved(b), savedRuleShown(b)]).toEqual([true, true, false]);
  });

  it('a name that follows the builder says "(draft)" only while its rule is not the saved one', () => {
    expect(draftSuffix(builder({}))).toBe('');
    expect(draftSuffix(builder({ name: 'B' }))).toBe(''); // a new name: the rows are still the file's
    expect(draftSuffix(builder({ definition: { ...rule, where: { field: 'a', op: 'isFalse' } } }))).toBe(' (draft)');
    expect(draftSuffix(builder({ file: null, savedJson: null, savedMeta: null }))).toBe(' (draft)');
    expect(draftSuffix(null)).toBe(' (draft)');
  });
});
