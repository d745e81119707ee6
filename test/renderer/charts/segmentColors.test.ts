// One colour per segment, tier and draft: slots stable per key, distinct within a view while slots
// last, collisions resolved the same way whatever order the lists come in; the palette readable on
// both themes' backgrounds (WCAG contrast, computed here from the hex values).
import { describe, expect, it } from 'vitest';
import { palettes } from '../../../renderer/charts/palette';
import {
  COLOR_SLOTS,
  columnColorKey,
  DRAFT_COLOR_KEY,
  draftTierKey,
  hashSlot,
  segmentColorKey,
  slotColor,
  targetColorKey,
  tierColorKey,
  viewSlots,
  workspaceColorGroups,
  workspaceSlots,
} from '../../../renderer/charts/segmentColors';

/** Keys whose hashed slot is `slot` (found by trying names, so the tests do not hard-code hashes). */
function keysHashingTo(slot: number, n: number, slots = COLOR_SLOTS): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const k = `k${i}`;
    if (hashSlot(k, slots) === slot) out.push(k);
  }
  return out;
}

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('segment colours', () => {
  it('the hash is the documented string hash (h·31 + code, unsigned), mod the slots', () => {
    // 'ab': (97·31 + 98) = 3105; 3105 mod 12 = 9.
    expect(hashSlot('ab')).toBe(9);
    expect(hashSlot('')).toBe(0);
  });

  it('keys: a segment by id (else file), a tier by scheme and name, drafts their own', () => {
    expect(segmentColorKey({ id: 'seg-1', file: 'segments/a.segment.json' })).toBe(segmentColorKey({ id: 'seg-1' }));
    expect(segmentColorKey({ id: null, file: 'segments/a.segment.json' })).not.toBe(segmentColorKey({ id: 'seg-1' }));
    expect(tierColorKey({ id: 'sch' }, 'High')).not.toBe(tierColorKey({ id: 'sch' }, 'Low'));
    expect(targetColorKey({ file: 'f', tier: 'High' }, 'sch')).toBe(tierColorKey({ id: 'sch' }, 'High'));
    expect(targetColorKey({ file: 'f' }, 'seg-1')).toBe(segmentColorKey({ id: 'seg-1' }));
    const col = { kind: 'segment' as const, file: 'segments/a.segment.json', id: 'seg-1' };
    expect(columnColorKey(col)).toBe(segmentColorKey({ id: 'seg-1' }));
    // A draft opened from a saved segment is not that segment: its own key.
    expect(columnColorKey({ ...col, kind: 'draft', file: null })).toBe(DRAFT_COLOR_KEY);
    expect(columnColorKey({ kind: 'tier', file: 'schemes/v.scheme.json', id: 'sch', tier: 'High' })).toBe(
      tierColorKey({ id: 'sch' }, 'High'),
    );
    expect(columnColorKey({ kind: 'tier', file: null, id: 'sch', tier: 'High' })).toBe(draftTierKey('High'));
  });

  it('the workspace: each key its hashed slot, a collision the next free one, whatever the order', () => {
    const [a, b, c] = keysHashingTo(4, 3);
    const [d] = keysHashingTo(5, 1);
    const slots = workspaceSlots([[c!, a!, d!, b!]]);
    // In key order (as strings): the first of the three keeps 4; d comes before the second, so it
    // keeps 5, and the other two take 6 and 7.
    const sorted = [a!, b!, c!].sort();
    expect(d! < sorted[1]!).toBe(true);
    expect(slots.get(sorted[0]!)).toBe(4);
    expect(slots.get(d!)).toBe(5);
    expect(new Set([slots.get(sorted[1]!), slots.get(sorted[2]!)])).toEqual(new Set([6, 7]));
    expect(workspaceSlots([[b!, d!, a!, c!]])).toEqual(slots);
  });

  it('segments take precedence over tiers, tiers over the draft', () => {
    const [seg, tier] = keysHashingTo(2, 2);
    const slots = workspaceSlots([[seg!], [tier!], [DRAFT_COLOR_KEY]]);
    expect(slots.get(seg!)).toBe(2);
    expect(slots.get(tier!)).toBe(3);
    // Swapping the groups swaps who keeps slot 2.
    expect(workspaceSlots([[tier!], [seg!]]).get(tier!)).toBe(2);
  });

  it('more keys than slots: every slot used once, then keys share their hashed slot', () => {
    const keys = Array.from({ length: COLOR_SLOTS + 3 }, (_, i) => `key-${String(i).padStart(2, '0')}`);
    const slots = workspaceSlots([keys]);
    const first = keys.slice(0, COLOR_SLOTS).map((k) => slots.get(k));
    expect(new Set(first).size).toBe(COLOR_SLOTS);
    for (const k of keys.slice(COLOR_SLOTS)) expect(slots.get(k)).toBe(hashSlot(k));
  });

  it('a view keeps the workspace slots and moves only a clash, to a slot no member holds', () => {
    const [a, b] = keysHashingTo(0, 2);
    const [c] = keysHashingTo(1, 1);
    // A workspace with more keys than slots lets a and b share slot 0.
    const base = new Map([
      [a!, 0],
      [b!, 0],
      [c!, 1],
    ]);
    // b clashes with a (earlier in the view); 1 is c's, so b takes 2.
    expect(viewSlots([a!, b!, c!], base)).toEqual([0, 2, 1]);
    // The earlier member keeps the slot: the other way round, a moves.
    expect(viewSlots([b!, a!, c!], base)).toEqual([0, 2, 1]);
    // The same key twice is one member (the same rows): one slot.
    expect(viewSlots([a!, c!, a!], base)).toEqual([0, 1, 0]);
    // A key the workspace does not list: its hashed slot.
    const [fresh] = keysHashingTo(7, 1, COLOR_SLOTS).filter((k) => !base.has(k));
    expect(viewSlots([fresh!], base)).toEqual([7]);
  });

  it('twelve members of a comparison get twelve colours even when all hash alike', () => {
    const keys = keysHashingTo(3, COLOR_SLOTS);
    const slots = viewSlots(keys, new Map());
    expect(new Set(slots).size).toBe(COLOR_SLOTS);
    expect(slots[0]).toBe(3);
  });

  it('the sidebar and a comparison agree when the workspace has no more keys than slots', () => {
    const groups = workspaceColorGroups(
      [{ id: 'activated' }, { id: 'at-risk' }, { id: 'advocates' }, { id: null, file: 'segments/x.segment.json' }],
      [{ id: 'value', tiers: ['High', 'Medium', 'Low'] }],
    );
    const base = workspaceSlots(groups);
    const keys = [segmentColorKey({ id: 'at-risk' }), tierColorKey({ id: 'value' }, 'Low'), DRAFT_COLOR_KEY];
    expect(viewSlots(keys, base)).toEqual(keys.map((k) => base.get(k)));
    expect(new Set(base.values()).size).toBe(base.size);
  });

  it('the palette: twelve distinct colours per theme, each at least 3:1 on that theme’s backgrounds', () => {
    const backgrounds = { light: ['#ffffff', '#f6f8fa'], dark: ['#1b1f24', '#161a1f', '#22272e'] } as const;
    for (const theme of ['light', 'dark'] as const) {
      const series = palettes[theme].series;
      expect(series).toHaveLength(COLOR_SLOTS);
      expect(new Set(series).size).toBe(COLOR_SLOTS);
      for (const c of series) for (const bg of backgrounds[theme]) expect(contrast(c, bg)).toBeGreaterThanOrEqual(3);
    }
    expect(slotColor(13, palettes.dark)).toBe(palettes.dark.series[1]);
  });
});
