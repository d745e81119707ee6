/**
 * What the Over time view follows: one chip per segment or scheme tier (its colour in the charts,
 * the version it is measured with on every snapshot — the latest unless another is picked — and ✕),
 * "+ Add" for another segment, tier or a whole scheme's tiers of the same table, and the two ways
 * to take a set that exists already: the sidebar's choice, or the compare view's columns.
 */
import { targetColorKey } from '../../charts/segmentColors';
import { useViewColors } from '../segments/useSegmentColors';
import { selectableItems } from '../../store/compare/selection';
import { sameTarget, summaryOf } from '../../store/overTime/targets';
import type { OverTimeTarget } from '../../store/overTimeTypes';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';

const NO_TARGETS: OverTimeTarget[] = [];
const NO_LABELS: string[] = [];

export function OverTimeTargets() {
  const targets = useWorkbench((s) => s.overTime?.targets ?? NO_TARGETS);
  const labels = useWorkbench((s) => s.overTime?.labels ?? NO_LABELS);
  const table = useWorkbench((s) => s.overTime?.table ?? null);
  const segments = useWorkbench((s) => s.segments);
  const schemes = useWorkbench((s) => s.schemes);
  const counts = useWorkbench((s) => s.segmentCounts);
  const chosen = useWorkbench((s) => s.compareSelection.length);
  const comparing = useWorkbench((s) => s.compare?.targets.some((t) => t.file !== undefined) ?? false);
  const { remove, setVersion, add, fromSelection, fromCompare } = useWorkbenchShallow((s) => ({
    remove: s.removeOverTimeTarget,
    setVersion: s.setOverTimeVersion,
    add: s.addOverTimeTarget,
    fromSelection: s.overTimeFromSelection,
    fromCompare: s.overTimeFromCompare,
  }));
  const defs = [...segments, ...schemes];
  const colors = useViewColors(targets.map((t) => targetColorKey(t, summaryOf(defs, t)?.id ?? null)));
  const items = selectableItems(segments, schemes, counts).filter(
    (it) =>
      (table === null || it.entityTable === table) &&
      !(
        it.kind !== 'scheme' &&
        targets.some((t) => sameTarget(t, { file: it.file, ...(it.tier !== undefined ? { tier: it.tier } : {}) }))
      ),
  );
  const onAdd = (key: string) => {
    const it = items.find((x) => x.key === key);
    if (!it) return;
    if (it.kind === 'scheme') {
      const tiers = counts[it.file]?.tiers ?? [];
      if (tiers.length === 0) return add({ file: it.file });
      for (const t of tiers) add({ file: it.file, tier: t.name });
    } else add(it.tier !== undefined ? { file: it.file, tier: it.tier } : { file: it.file });
  };
  return (
    <div className="compare-columns overtime-targets" data-testid="overtime-targets">
      {targets.length === 0 && (
        <span className="muted small">Following nothing yet: add segments or tiers to see their trends.</span>
      )}
      {targets.map((t, i) => {
        const d = summaryOf(defs, t);
        const latest = d?.latestVersion ?? null;
        return (
          <span
            key={`${t.file}#${t.tier ?? ''}`}
            className="chip removable column-chip"
            data-testid={`overtime-target-${labels[i]}`}
          >
            <span className="seg-dot" style={{ background: colors[i] }} aria-hidden /> {labels[i]}
            {latest !== null && latest > 1 ? (
              <select
                className="version-select"
                aria-label={`Version of ${labels[i]} measured on every snapshot`}
                title="The version measured on every snapshot"
                data-testid={`overtime-version-${labels[i]}`}
                value={t.version ?? ''}
                onChange={(e) => setVersion(i, e.target.value === '' ? null : Number(e.target.value))}
              >
                <option value="">v{latest} (latest)</option>
                {Array.from({ length: latest - 1 }, (_, k) => latest - 1 - k).map((v) => (
                  <option key={v} value={v}>
                    v{v}
                  </option>
                ))}
              </select>
            ) : (
              <span className="badge">{latest !== null ? `v${latest}` : '?'}</span>
            )}
            <button
              type="button"
              className="chip-x"
              aria-label={`Stop following ${labels[i]}`}
              data-testid={`overtime-remove-${labels[i]}`}
              onClick={() => remove(i)}
            >
              ✕
            </button>
          </span>
        );
      })}
      {items.length > 0 && (
        <select
          value=""
          aria-label="Follow another segment or tier"
          data-testid="overtime-add"
          onChange={(e) => onAdd(e.target.value)}
        >
          <option value="">+ Add</option>
          {items.map((it) => (
            <option key={it.key} value={it.key}>
              {it.kind === 'scheme' ? `${it.label} (every tier)` : it.label}
            </option>
          ))}
        </select>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="btn small"
        data-testid="overtime-use-selection"
        disabled={chosen === 0}
        title="Follow what is ticked in the sidebar instead"
        onClick={fromSelection}
      >
        Sidebar choice{chosen ? ` (${chosen})` : ''}
      </button>
      <button
        type="button"
        className="btn small"
        data-testid="overtime-use-compare"
        disabled={!comparing}
        title="Follow the compare view's saved columns instead"
        onClick={fromCompare}
      >
        Comparison’s columns
      </button>
    </div>
  );
}
