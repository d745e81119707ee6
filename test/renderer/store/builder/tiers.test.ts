import { describe, expect, it } from 'vitest';
import type { Rule, SchemeDefinition } from '../../../../shared/segments/model';
import { applyTierEdit, freeTierName } from '../../../../renderer/store/builder/tiers';

const high: Rule = { field: 'contract_value', op: 'gte', value: 50000 };
const medium: Rule = { field: 'contract_value', op: 'gte', value: 3000 };
const seats: Rule = { field: 'seats', op: 'gte', value: 100 };
const scheme: SchemeDefinition = {
  entity: { table: 'accounts', key: 'account_id' },
  tiers: [
    { name: 'High', where: high },
    { name: 'Medium', where: medium },
    { name: 'Big', where: seats },
  ],
  otherwise: 'Low',
};
const names = (d: SchemeDefinition) => d.tiers.map((t) => t.name);

describe('tier edits', () => {
  it('add a tier with a free name and an empty rule, at the end or at an index', () => {
    const frozen = JSON.stringify(scheme);
    expect(applyTierEdit(scheme, { type: 'addTier' }).tiers.at(-1)).toEqual({ name: 'Tier 1', where: { all: [] } });
    expect(names(applyTierEdit(scheme, { type: 'addTier', index: 1, name: 'Mid-high', where: seats }))).toEqual([
      'High',
      'Mid-high',
      'Medium',
      'Big',
    ]);
    expect(names(applyTierEdit(scheme, { type: 'addTier', index: -4 }))).toEqual(['Tier 1', 'High', 'Medium', 'Big']);
    expect(JSON.stringify(scheme)).toBe(frozen);
  });

  it('free names skip tiers and otherwise', () => {
    expect(
      freeTierName({
        tiers: [
          { name: 'Tier 1', where: high },
          { name: 'Tier 3', where: high },
        ],
        otherwise: 'Tier 2',
      }),
    ).toBe('Tier 4');
    expect(freeTierName({ tiers: [], otherwise: 'Other' }, 'Stage')).toBe('Stage 1');
  });

  it('remove a tier, but never the last one', () => {
    expect(names(applyTierEdit(scheme, { type: 'removeTier', index: 1 }))).toEqual(['High', 'Big']);
    expect(applyTierEdit(scheme, { type: 'removeTier', index: 3 })).toBe(scheme);
    const one: SchemeDefinition = { ...scheme, tiers: [scheme.tiers[0]!] };
    expect(applyTierEdit(one, { type: 'removeTier', index: 0 })).toBe(one);
  });

  it('move a tier to an index (order decides: first match wins), rules travel with their tier', () => {
    const down = applyTierEdit(scheme, { type: 'moveTier', from: 0, to: 2 });
    expect(down.tiers).toEqual([
      { name: 'Medium', where: medium },
      { name: 'Big', where: seats },
      { name: 'High', where: high },
    ]);
    expect(names(applyTierEdit(scheme, { type: 'moveTier', from: 2, to: 0 }))).toEqual(['Big', 'High', 'Medium']);
    expect(names(applyTierEdit(scheme, { type: 'moveTier', from: 1, to: 2 }))).toEqual(['High', 'Big', 'Medium']);
    expect(applyTierEdit(scheme, { type: 'moveTier', from: 0, to: 3 })).toBe(scheme);
    expect(applyTierEdit(scheme, { type: 'moveTier', from: 1, to: 1 })).toBe(scheme);
    expect(applyTierEdit(scheme, { type: 'moveTier', from: 0, to: -1 })).toBe(scheme);
  });

  it('rename a tier and the otherwise tier; an unchanged name is no edit', () => {
    const renamed = applyTierEdit(scheme, { type: 'renameTier', index: 2, name: 'Large' });
    expect(renamed.tiers[2]).toEqual({ name: 'Large', where: seats });
    expect(renamed.tiers[0]).toBe(scheme.tiers[0]);
    expect(applyTierEdit(scheme, { type: 'renameTier', index: 2, name: 'Big' })).toBe(scheme);
    expect(applyTierEdit(scheme, { type: 'renameTier', index: 7, name: 'X' })).toBe(scheme);
    expect(applyTierEdit(scheme, { type: 'setOtherwise', name: 'Rest' }).otherwise).toBe('Rest');
    expect(applyTierEdit(scheme, { type: 'setOtherwise', name: 'Low' })).toBe(scheme);
  });
});
