/**
 * Choosing what to compare in the sidebar: a checkbox on each segment, scheme and tier row (a
 * scheme's box takes all its tiers; Shift+click takes a range from the last click, Ctrl/Cmd+click
 * on a row toggles it without opening it), and a bar under the lists with the choice, its columns
 * and Compare.
 */
import type { MouseEvent } from 'react';
import { MAX_COMPARE_COLUMNS } from '../../../shared/api/compareApi';
import { selectableItems, selectionTargets } from '../../store/compare/selection';
import { useWorkbench } from '../../store/react';

/** A checkbox for the item with this key (selection.ts); a tier's is checked with its whole scheme too. */
export function CompareCheck({
  itemKey,
  parentKey,
  label,
  testId,
}: {
  itemKey: string;
  parentKey?: string;
  label: string;
  testId: string;
}) {
  const select = useWorkbench((s) => s.selectForCompare);
  const checked = useWorkbench(
    (s) => s.compareSelection.includes(itemKey) || (parentKey !== undefined && s.compareSelection.includes(parentKey)),
  );
  return (
    <input
      type="checkbox"
      className="compare-check"
      aria-label={`Compare ${label}`}
      title="Choose for a comparison (Shift+click: a range)"
      data-testid={testId}
      checked={checked}
      // Checked state comes from the store; the click decides toggle or range.
      readOnly
      onClick={(e) => {
        e.stopPropagation();
        select(itemKey, e.shiftKey ? 'range' : 'toggle');
      }}
    />
  );
}

/** Ctrl/Cmd/Shift on a row's click chooses it for a comparison instead of opening it; true when handled. */
export function compareClick(
  e: MouseEvent,
  itemKey: string,
  select: (key: string, mode: 'toggle' | 'range') => void,
): boolean {
  if (e.shiftKey) {
    e.preventDefault();
    select(itemKey, 'range');
    return true;
  }
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    select(itemKey, 'toggle');
    return true;
  }
  return false;
}

export function CompareSelectionBar() {
  const selection = useWorkbench((s) => s.compareSelection);
  const segments = useWorkbench((s) => s.segments);
  const schemes = useWorkbench((s) => s.schemes);
  const counts = useWorkbench((s) => s.segmentCounts);
  const compare = useWorkbench((s) => s.compareSelected);
  const overTime = useWorkbench((s) => s.overTimeFromSelection);
  const clear = useWorkbench((s) => s.clearCompareSelection);
  if (selection.length === 0) return null;
  const chosen = selectionTargets(selection, selectableItems(segments, schemes, counts));
  const tooMany = chosen.columns > MAX_COMPARE_COLUMNS;
  const mixed = chosen.tables.length > 1;
  return (
    <div className="compare-bar" data-testid="compare-selection-bar">
      <div className="small">
        <b data-testid="compare-selected">{chosen.targets.length}</b> chosen · {chosen.columns} column
        {chosen.columns === 1 ? '' : 's'}
        {tooMany && <div className="bad">A comparison holds at most {MAX_COMPARE_COLUMNS} columns.</div>}
        {mixed && <div className="bad">Choose segments of one table ({chosen.tables.join(', ')}).</div>}
      </div>
      <span className="spacer" />
      <button type="button" className="btn small" data-testid="compare-clear" onClick={clear}>
        Clear
      </button>
      <button
        type="button"
        className="btn small"
        data-testid="overtime-run"
        disabled={mixed}
        title="Size and KPIs of the chosen segments and tiers on every snapshot"
        onClick={overTime}
      >
        Over time
      </button>
      <button
        type="button"
        className="btn small primary"
        data-testid="compare-run"
        disabled={tooMany || mixed}
        onClick={compare}
      >
        Compare
      </button>
    </div>
  );
}

/** "Compare with…" in the builder: the draft beside whatever the sidebar has chosen. */
export function CompareWithButton() {
  const invalid = useWorkbench((s) => s.builder?.diagnostics.some((d) => d.severity === 'error') ?? true);
  const chosen = useWorkbench((s) => s.compareSelection.length);
  const run = useWorkbench((s) => s.compareWithDraft);
  return (
    <button
      type="button"
      className="btn small"
      data-testid="builder-compare"
      disabled={invalid}
      title={
        invalid
          ? 'Fix the rule first'
          : chosen
            ? `Compare this with the ${chosen} chosen in the sidebar`
            : 'Compare this with segments you add in the compare view (or tick some in the sidebar first)'
      }
      onClick={run}
    >
      Compare with…
    </button>
  );
}
