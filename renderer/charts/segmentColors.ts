/**
 * One colour per segment, scheme tier and the builder's draft, wherever one is drawn: the sidebar's
 * swatches, the grid's ✓ columns, the compare view's columns, legends, tables and charts, the Over
 * time view's targets, trends and tier charts (pure; the colours themselves are the theme's
 * `series` in palette.ts, so a slot reads the same in both themes).
 *
 * A colour is a slot (an index into `series`), found from a key: a saved segment's id, a scheme's id
 * and a tier name, the draft's own key (a draft scheme's tiers: the draft's and the tier's name). The
 * workspace's keys get their slots first (`workspaceSlots`): each its hashed slot, or the next free
 * one when another key has it, segments before tiers before the draft, each group in key order, so
 * the result depends only on which keys there are, not on the order lists show them in. A view (a
 * comparison, the followed trends, one scheme's tiers) starts from those slots and only moves a
 * member that shares its slot with an earlier member to the next slot no member uses
 * (`viewSlots`), so no two members share a colour while a slot is free, and the same member keeps
 * the sidebar's colour whenever the workspace has no more keys than slots.
 */
import type { CompareColumn } from '../../shared/api/compareApi';
import type { ChartPalette } from './palette';

/** How many colours there are (MAX_COMPARE_COLUMNS: every column of a comparison can have its own). */
export const COLOR_SLOTS = 12;

/** The builder's unsaved draft (a segment; a draft scheme's tiers use draftTierKey). */
export const DRAFT_COLOR_KEY = JSON.stringify(['draft']);

interface Saved {
  id?: string | null;
  file?: string | null;
}

/** A saved segment's key: its id (a rename keeps it), else its file. */
export function segmentColorKey(s: Saved): string {
  return JSON.stringify(['segment', s.id ?? s.file ?? '']);
}

/** A saved scheme's tier: the scheme's id (else its file) and the tier's name. */
export function tierColorKey(scheme: Saved, tier: string): string {
  return JSON.stringify(['tier', scheme.id ?? scheme.file ?? '', tier]);
}

export function draftTierKey(tier: string): string {
  return JSON.stringify(['draft', tier]);
}

/** The key of a comparison's column (a draft has no file: its own key, whatever it was opened from). */
export function columnColorKey(c: Pick<CompareColumn, 'kind' | 'file' | 'id' | 'tier'>): string {
  if (c.tier !== undefined) return c.file === null ? draftTierKey(c.tier) : tierColorKey(c, c.tier);
  return c.kind === 'draft' || c.file === null ? DRAFT_COLOR_KEY : segmentColorKey(c);
}

/** A saved definition's target (a segment, or one tier of a scheme) by its summary's id, else its file. */
export function targetColorKey(t: { file: string; tier?: string | undefined }, id: string | null = null): string {
  return t.tier === undefined ? segmentColorKey({ id, file: t.file }) : tierColorKey({ id, file: t.file }, t.tier);
}

/**
 * The workspace's keys in order of precedence: its segments, its schemes' tiers (as far as they are
 * known: a scheme's tiers come with its counts), then the draft.
 */
export function workspaceColorGroups(
  segments: readonly Saved[],
  schemes: readonly (Saved & { tiers: readonly string[] })[],
): string[][] {
  return [
    segments.map(segmentColorKey),
    schemes.flatMap((s) => s.tiers.map((t) => tierColorKey(s, t))),
    [DRAFT_COLOR_KEY],
  ];
}

/** The slot a key prefers (a string hash, stable across sessions and machines). */
export function hashSlot(key: string, slots = COLOR_SLOTS): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % slots;
}

/** The first slot from `start` on (wrapping) that `taken` does not hold, or `start` when all are taken. */
function freeFrom(start: number, taken: ReadonlySet<number>, slots: number): number {
  for (let k = 0; k < slots; k++) {
    const s = (start + k) % slots;
    if (!taken.has(s)) return s;
  }
  return start;
}

/**
 * Slots of the workspace's keys, by groups in order of precedence (segments, tiers, the draft): each
 * key its hashed slot, or the next one no earlier key holds; once every slot is held, its hashed slot.
 */
export function workspaceSlots(groups: readonly (readonly string[])[], slots = COLOR_SLOTS): Map<string, number> {
  const out = new Map<string, number>();
  const taken = new Set<number>();
  for (const group of groups) {
    for (const key of [...new Set(group)].sort()) {
      if (out.has(key)) continue;
      const slot = freeFrom(hashSlot(key, slots), taken, slots);
      out.set(key, slot);
      taken.add(slot);
    }
  }
  return out;
}

/**
 * Slots of a view's members, in the view's order: each keeps its workspace slot (or its hashed slot,
 * for a key the workspace does not list) unless an earlier member kept that slot; those move to the
 * next slot no member holds. Equal keys are one member (the same rows) and share a slot.
 */
export function viewSlots(keys: readonly string[], base: ReadonlyMap<string, number>, slots = COLOR_SLOTS): number[] {
  const wanted = keys.map((k) => base.get(k) ?? hashSlot(k, slots));
  const byKey = new Map<string, number>();
  const held = new Set<number>();
  const moving: string[] = [];
  keys.forEach((k, i) => {
    if (byKey.has(k) || moving.includes(k)) return;
    const slot = wanted[i]!;
    if (held.has(slot)) moving.push(k);
    else {
      byKey.set(k, slot);
      held.add(slot);
    }
  });
  for (const k of moving) {
    const slot = freeFrom(base.get(k) ?? hashSlot(k, slots), held, slots);
    byKey.set(k, slot);
    held.add(slot);
  }
  return keys.map((k) => byKey.get(k)!);
}

/** A slot's colour in a theme's palette. */
export function slotColor(slot: number, p: Pick<ChartPalette, 'series'>): string {
  return p.series[slot % p.series.length]!;
}
