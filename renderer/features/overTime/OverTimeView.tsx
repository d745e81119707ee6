/**
 * The Over time view (the Over time tab, full width): what it follows and on which table, the
 * section tabs, the status of the shown section's request, and the shown section — Trends
 * (measurements per snapshot at one version, beside the log as recorded), Flow (a segment's
 * members between two snapshots), Tier movement (a scheme's transition matrix, heatmap or Sankey)
 * and Paths (commonest paths through the tiers over three snapshots or more). Presentational: every
 * choice is a store action, and only the shown section is asked for.
 */
import type { OverTimeSection } from '../../store/overTimeTypes';
import { useWorkbench } from '../../store/react';
import { FlowSection } from './FlowSection';
import { OverTimeStatus } from './OverTimeStatus';
import { OverTimeTargets } from './OverTimeTargets';
import { PathsSection } from './PathsSection';
import { TiersSection } from './TiersSection';
import { TrendsSection } from './TrendsSection';
import { useOverTimeSnapshots } from './useOverTime';
import '../compare/compare.css';
import './overTime.css';

const SECTIONS: { id: OverTimeSection; label: string }[] = [
  { id: 'trends', label: 'Trends' },
  { id: 'flow', label: 'Flow' },
  { id: 'tiers', label: 'Tier movement' },
  { id: 'paths', label: 'Paths' },
];

export function OverTimeView() {
  const open = useWorkbench((s) => s.overTime !== null);
  const section = useWorkbench((s) => s.overTime?.section ?? 'trends');
  const setSection = useWorkbench((s) => s.setOverTimeSection);
  if (!open) return <OverTimeEmpty />;
  return (
    <section className="compare-view overtime-view" aria-label="Segments over time" data-testid="overtime-view">
      <OverTimeHeader />
      <OverTimeTargets />
      <div className="tabs compare-sections" role="tablist" aria-label="Over time sections">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={section === s.id}
            className={`tab${section === s.id ? ' active' : ''}`}
            data-testid={`overtime-section-${s.id}`}
            onClick={() => setSection(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <OverTimeStatus />
      <div className="compare-body">
        {section === 'trends' && <TrendsSection />}
        {section === 'flow' && <FlowSection />}
        {section === 'tiers' && <TiersSection />}
        {section === 'paths' && <PathsSection />}
      </div>
    </section>
  );
}

function OverTimeHeader() {
  const table = useWorkbench((s) => s.overTime?.table ?? null);
  const close = useWorkbench((s) => s.closeOverTime);
  const snapshots = useOverTimeSnapshots();
  return (
    <div className="compare-header">
      <div className="compare-title">
        <h1 data-testid="overtime-title">Over time</h1>
        {table && (
          <span className="chip" data-testid="overtime-snapshots" data-count={snapshots.length}>
            {table} · {snapshots.length} snapshot{snapshots.length === 1 ? '' : 's'}
            {snapshots.length > 0
              ? `: ${snapshots[0]!.asOf}${snapshots.length > 1 ? ` → ${snapshots.at(-1)!.asOf}` : ''}`
              : ''}
          </span>
        )}
      </div>
      <div className="compare-actions">
        <button
          type="button"
          className="btn icon small"
          aria-label="Close the Over time view"
          title="Close the Over time view"
          data-testid="overtime-close"
          onClick={close}
        >
          ✕
        </button>
      </div>
    </div>
  );
}

function OverTimeEmpty() {
  const chosen = useWorkbench((s) => s.compareSelection.length);
  const comparing = useWorkbench((s) => s.compare?.targets.some((t) => t.file !== undefined) ?? false);
  const fromSelection = useWorkbench((s) => s.overTimeFromSelection);
  const fromCompare = useWorkbench((s) => s.overTimeFromCompare);
  const open = useWorkbench((s) => s.openOverTime);
  return (
    <section className="compare-view empty" data-testid="overtime-empty">
      <div className="empty-state">
        <h2>Segments over time</h2>
        <p className="muted">
          How segments and scheme tiers changed across the table’s snapshots: size and KPIs measured with one version on
          every snapshot,
          <br />
          who stayed, entered and left between two, how rows moved between tiers, and the commonest paths through them.
        </p>
        <p className="muted">
          Tick segments or tiers in the sidebar and press <b>Over time</b> there, or:
        </p>
        <div className="empty-actions">
          <button
            type="button"
            className="btn"
            data-testid="overtime-from-selection"
            disabled={chosen === 0}
            onClick={fromSelection}
          >
            Follow the sidebar’s choice{chosen ? ` (${chosen})` : ''}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="overtime-from-compare"
            disabled={!comparing}
            onClick={fromCompare}
          >
            Follow the comparison’s columns
          </button>
          <button type="button" className="btn" data-testid="overtime-open-empty" onClick={() => open([])}>
            Flows and tiers only
          </button>
        </div>
      </div>
    </section>
  );
}
