// Choosing what to compare in the sidebar: plain/Ctrl clicks toggle, Shift clicks take a range from
// the last click, a scheme is chosen whole or tier by tier (all its tiers = the whole scheme), and
// the targets come out in sidebar order with the columns they make.
import { describe, expect, it } from 'vitest';
import {
  isSelected,
  normalizeSelection,
  rangeSelection,
  schemeKey,
  segmentKey,
  selectableItems,
  selectionTargets,
  tierKey,
  toggleSelection,
} from '../../../../renderer/store/compare/selection';
import { ACTIVATED, ADVOCATES, AT_RISK, counts, schemes, segments, summary, TIERS } from '../../compareFixtures';

const items = selectableItems(
  [...segments, summary('segments/broken.segment.json', 'Broken', 'segment', { valid: false })],
  schemes,
  counts,
);

describe('compare selection', () => {
  it('lists valid segments, then each scheme followed by its tiers', () => {
    expect(items.map((i) => i.key)).toEqual([
      segmentKey(ACTIVATED),
      segmentKey(AT_RISK),
      segmentKey(ADVOCATES),
      schemeKey(TIERS),
      tierKey(TIERS, 'High'),
      tierKey(TIERS, 'Medium'),
      tierKey(TIERS, 'Low'),
    ]);
    expect(items.find((i) => i.kind === 'scheme')).toMatchObject({ label: 'Value tiers', columns: 3 });
    expect(items.find((i) => i.key === tierKey(TIERS, 'Medium'))).toMatchObject({
      label: 'Value tiers / Medium',
      columns: 1,
      scheme: schemeKey(TIERS),
    });
  });

  it('toggles items in and out, keeping sidebar order whatever the click order', () => {
    let sel = toggleSelection([], items, segmentKey(ADVOCATES));
    sel = toggleSelection(sel, items, segmentKey(ACTIVATED));
    expect(sel).toEqual([segmentKey(ACTIVATED), segmentKey(ADVOCATES)]);
    sel = toggleSelection(sel, items, segmentKey(ADVOCATES));
    expect(sel).toEqual([segmentKey(ACTIVATED)]);
  });

  it('a scheme is chosen whole, or tier by tier; all of its tiers are the whole scheme', () => {
    let sel = toggleSelection([], items, schemeKey(TIERS));
    expect(sel).toEqual([schemeKey(TIERS)]);
    expect(
      isSelected(
        sel,
        items.find((i) => i.key === tierKey(TIERS, 'Low'))!,
      ),
    ).toBe(true);
    // Unticking one tier of a whole scheme leaves the others, one by one.
    sel = toggleSelection(sel, items, tierKey(TIERS, 'Medium'));
    expect(sel).toEqual([tierKey(TIERS, 'High'), tierKey(TIERS, 'Low')]);
    sel = toggleSelection(sel, items, tierKey(TIERS, 'Medium'));
    expect(sel).toEqual([schemeKey(TIERS)]);
    sel = toggleSelection(sel, items, schemeKey(TIERS));
    expect(sel).toEqual([]);
    expect(normalizeSelection([schemeKey(TIERS), tierKey(TIERS, 'High'), 'seg:gone.json'], items)).toEqual([
      schemeKey(TIERS),
    ]);
  });

  it('Shift takes every item from the anchor to the click, in either direction, added to the choice', () => {
    expect(rangeSelection([], items, segmentKey(ACTIVATED), segmentKey(ADVOCATES))).toEqual([
      segmentKey(ACTIVATED),
      segmentKey(AT_RISK),
      segmentKey(ADVOCATES),
    ]);
    expect(rangeSelection([segmentKey(ACTIVATED)], items, tierKey(TIERS, 'Medium'), tierKey(TIERS, 'High'))).toEqual([
      segmentKey(ACTIVATED),
      tierKey(TIERS, 'High'),
      tierKey(TIERS, 'Medium'),
    ]);
    // Upwards past the scheme's own row takes the scheme whole.
    expect(rangeSelection([], items, tierKey(TIERS, 'Medium'), segmentKey(ADVOCATES))).toEqual([
      segmentKey(ADVOCATES),
      schemeKey(TIERS),
    ]);
    // A range over a scheme and all its tiers is the whole scheme; without an anchor, just the item.
    expect(rangeSelection([], items, schemeKey(TIERS), tierKey(TIERS, 'Low'))).toEqual([schemeKey(TIERS)]);
    expect(rangeSelection([], items, null, segmentKey(AT_RISK))).toEqual([segmentKey(AT_RISK)]);
  });

  it('gives targets in order with labels, the columns they make and their tables', () => {
    const sel = [segmentKey(ACTIVATED), schemeKey(TIERS)];
    expect(selectionTargets(sel, items)).toEqual({
      targets: [{ file: ACTIVATED }, { file: TIERS }],
      labels: ['Activated', 'Value tiers'],
      columns: 4,
      tables: ['accounts'],
    });
    expect(selectionTargets([tierKey(TIERS, 'High')], items).targets).toEqual([{ file: TIERS, tier: 'High' }]);
  });
});
