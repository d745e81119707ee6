/**
 * The compare view (Compare tab): what is compared and on which snapshot, the section tabs, and the
 * shown section (overview: KPI table and overlap matrix; breakdown; distribution; what sets a column
 * apart; concentration). Presentational: every choice is a store action, and a section's part is
 * asked for by the store only while the section shows.
 */
import type { CompareSection } from '../../store/compareTypes';
import { useWorkbench } from '../../store/react';
import { ApartSection } from './ApartSection';
import { BreakdownSection } from './BreakdownSection';
import { CompareColumns } from './CompareColumns';
import { CompareHeader } from './CompareHeader';
import { CompareStatus } from './CompareStatus';
import { ConcentrationSection } from './ConcentrationSection';
import { DistributionSection } from './DistributionSection';
import { KpiSection } from './KpiSection';
import { OverlapSection } from './OverlapSection';
import { SavedComparisonsList } from './SavedComparisons';
import './compare.css';

const SECTIONS: { id: CompareSection; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'breakdown', label: 'Breakdown' },
  { id: 'distribution', label: 'Distribution' },
  { id: 'apart', label: 'What sets it apart' },
  { id: 'concentration', label: 'Concentration' },
];

export function CompareView() {
  const open = useWorkbench((s) => s.compare !== null && s.compare.targets.length > 0);
  const section = useWorkbench((s) => s.compare?.section ?? 'overview');
  const setSection = useWorkbench((s) => s.setCompareSection);
  const hasResult = useWorkbench((s) => s.compare?.base !== null && s.compare?.base !== undefined);
  if (!open) return <CompareEmpty />;
  return (
    <section className="compare-view" aria-label="Compare segments" data-testid="compare-view">
      <CompareHeader />
      <CompareColumns />
      <div className="tabs compare-sections" role="tablist" aria-label="Compare sections">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={section === s.id}
            className={`tab${section === s.id ? ' active' : ''}`}
            data-testid={`compare-section-${s.id}`}
            onClick={() => setSection(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <CompareStatus />
      <div className="compare-body">
        {hasResult && section === 'overview' && (
          <>
            <KpiSection />
            <OverlapSection />
          </>
        )}
        {hasResult && section === 'breakdown' && <BreakdownSection />}
        {hasResult && section === 'distribution' && <DistributionSection />}
        {hasResult && section === 'apart' && <ApartSection />}
        {hasResult && section === 'concentration' && <ConcentrationSection />}
      </div>
    </section>
  );
}

function CompareEmpty() {
  return (
    <section className="compare-view empty" data-testid="compare-empty">
      <div className="empty-state">
        <h2>Compare segments</h2>
        <p className="muted">
          Tick segments and scheme tiers in the sidebar (Shift-click for a range, a scheme’s box for all its tiers) and
          press <b>Compare</b>,
          <br />
          or use <b>Compare with…</b> in the rule builder to set a draft beside them.
        </p>
        <SavedComparisonsList />
      </div>
    </section>
  );
}
