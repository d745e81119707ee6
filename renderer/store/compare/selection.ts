/**
 * What the sidebar offers for a comparison and how a click changes the choice (pure). Items are the
 * valid segments, then each scheme followed by its tiers (`otherwise` last), in sidebar order; a key
 * names one: `seg:<file>`, `scheme:<file>` (the whole scheme: one column per tier) or
 * `tier:<file>#<tier>`. Invariant of a selection: a whole scheme and any of its single tiers are
 * never both in it (choosing every tier of a scheme is choosing the scheme), and keys stay in sidebar
 * order, which is the order of the columns.
 */
import type { DefinitionSummary, DefinitionTarget } from '../../../shared/api/segmentsApi';
import type { SegmentCount } from '../segmentsTypes';

export interface SelectableItem {
  key: string;
  kind: 'segment' | 'scheme' | 'tier';
  file: string;
  tier?: string;
  /** The segment's or scheme's name; `<scheme> / <tier>` for a tier. */
  label: string;
  /** Columns it adds to a comparison (a whole scheme: its tiers; 1 while they are not known yet). */
  columns: number;
  /** A tier's scheme (its key). */
  scheme?: string;
  entityTable: string | null;
}

export const segmentKey = (file: string) => `seg:${file}`;
export const schemeKey = (file: string) => `scheme:${file}`;
export const tierKey = (file: string, tier: string) => `tier:${file}#${tier}`;

export function selectableItems(
  segments: readonly DefinitionSummary[],
  schemes: readonly DefinitionSummary[],
  counts: Readonly<Record<string, SegmentCount>>,
): SelectableItem[] {
  const out: SelectableItem[] = [];
  for (const s of segments)
    if (s.valid)
      out.push({
        key: segmentKey(s.file),
        kind: 'segment',
        file: s.file,
        label: s.name,
        columns: 1,
        entityTable: s.entityTable,
      });
  for (const s of schemes) {
    if (!s.valid) continue;
    const tiers = counts[s.file]?.tiers ?? [];
    out.push({
      key: schemeKey(s.file),
      kind: 'scheme',
      file: s.file,
      label: s.name,
      columns: Math.max(1, tiers.length),
      entityTable: s.entityTable,
    });
    for (const t of tiers)
      out.push({
        key: tierKey(s.file, t.name),
        kind: 'tier',
        file: s.file,
        tier: t.name,
        label: `${s.name} / ${t.name}`,
        columns: 1,
        scheme: schemeKey(s.file),
        entityTable: s.entityTable,
      });
  }
  return out;
}

/**
 * Keys in sidebar order, a whole scheme instead of all of its tiers, none of its tiers beside it; unknown keys dropped.
 */
export function normalizeSelection(selection: Iterable<string>, items: readonly SelectableItem[]): string[] {
  const chosen = new Set(selection);
  for (const it of items) {
    if (it.kind !== 'scheme') continue;
    const tiers = items.filter((t) => t.scheme === it.key);
    if (tiers.length > 0 && tiers.every((t) => chosen.has(t.key))) chosen.add(it.key);
    if (chosen.has(it.key)) for (const t of tiers) chosen.delete(t.key);
  }
  return items.filter((it) => chosen.has(it.key)).map((it) => it.key);
}

/** Whether an item shows as chosen (a tier of a chosen scheme is). */
export function isSelected(selection: readonly string[], item: SelectableItem): boolean {
  return selection.includes(item.key) || (item.scheme !== undefined && selection.includes(item.scheme));
}

/** A plain or Ctrl/Cmd click: the item in or out (a tier out of a whole scheme leaves its other tiers). */
export function toggleSelection(selection: readonly string[], items: readonly SelectableItem[], key: string): string[] {
  const item = items.find((it) => it.key === key);
  if (!item) return normalizeSelection(selection, items);
  const chosen = new Set(selection);
  if (item.kind === 'tier' && item.scheme && chosen.has(item.scheme)) {
    chosen.delete(item.scheme);
    for (const t of items) if (t.scheme === item.scheme && t.key !== key) chosen.add(t.key);
    // Not normalised back: the scheme's other tiers stay single even when that is all of them but one.
    return items.filter((it) => chosen.has(it.key)).map((it) => it.key);
  }
  if (isSelected(selection, item)) {
    chosen.delete(key);
    if (item.kind === 'scheme') for (const t of items) if (t.scheme === key) chosen.delete(t.key);
  } else chosen.add(key);
  return normalizeSelection(chosen, items);
}

/** A Shift click: every item from the anchor to this one joins the selection (no anchor: just this one). */
export function rangeSelection(
  selection: readonly string[],
  items: readonly SelectableItem[],
  anchor: string | null,
  key: string,
): string[] {
  const to = items.findIndex((it) => it.key === key);
  if (to < 0) return normalizeSelection(selection, items);
  const fromFound = anchor === null ? -1 : items.findIndex((it) => it.key === anchor);
  const from = fromFound < 0 ? to : fromFound;
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return normalizeSelection([...selection, ...items.slice(lo, hi + 1).map((it) => it.key)], items);
}

/** The targets of a selection, in order, with their labels and how many columns they make. */
export function selectionTargets(
  selection: readonly string[],
  items: readonly SelectableItem[],
): { targets: DefinitionTarget[]; labels: string[]; columns: number; tables: string[] } {
  const targets: DefinitionTarget[] = [];
  const labels: string[] = [];
  const tables = new Set<string>();
  let columns = 0;
  for (const it of items) {
    if (!selection.includes(it.key)) continue;
    targets.push(it.kind === 'tier' && it.tier !== undefined ? { file: it.file, tier: it.tier } : { file: it.file });
    labels.push(it.label);
    columns += it.columns;
    if (it.entityTable) tables.add(it.entityTable);
  }
  return { targets, labels, columns, tables: [...tables] };
}
