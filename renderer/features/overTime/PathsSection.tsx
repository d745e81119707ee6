/**
 * Paths of a scheme over three snapshots or more: the commonest paths through the tiers (repeats
 * collapsed: Trial → Onboarding → Activated) with their keys, and per tier how many keys reached it
 * from elsewhere and the median number of snapshots that took.
 */
import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { pathsChartOption } from '../../charts/pathsChart';
import { formatCount } from '../../app/format';
import { useWorkbench } from '../../store/react';
import { tableCsvOf } from '../compare/compareCsv';
import { ModelTable } from '../compare/ModelTable';
import { SectionCard, useChartHandle } from '../compare/SectionCard';
import { pathsTable, reachTable } from './overTimeTables';
import { SchemePicker } from './SchemePicker';
import { useOverTimePart, useTierColors } from './useOverTime';

export function PathsSection() {
  const { result, busy, error, reason } = useOverTimePart('paths');
  const theme = useWorkbench((s) => s.theme);
  const chart = useChartHandle();
  const tierColor = useTierColors(result?.tiers ?? []);
  const option = useMemo(
    () => (result ? pathsChartOption(result, tierColor, palettes[theme]) : null),
    [result, tierColor, theme],
  );
  const paths = useMemo(() => (result ? pathsTable(result) : null), [result]);
  const reach = useMemo(() => (result ? reachTable(result, tierColor) : null), [result, tierColor]);
  const stem = result ? `${result.segment ?? 'scheme'}-paths` : 'paths';
  return (
    <>
      <SectionCard
        title="Commonest paths"
        testId="overtime-paths"
        fileName={stem}
        busy={busy}
        error={error}
        controls={<SchemePicker testId="paths-scheme" />}
        files={{ suffix: 'paths', chart: chart.ref, csv: tableCsvOf(paths) }}
      >
        {reason && <p className="muted small note">{reason}</p>}
        {result && option && (
          <>
            <p className="muted small note" data-testid="paths-note">
              {formatCount(result.keys)} keys over {result.snapshots.length} snapshots ({result.snapshots[0]?.asOf} →{' '}
              {result.snapshots.at(-1)?.asOf}); a path lists the tiers a key was in, in order, repeats collapsed. The
              top {result.paths.length}.
            </p>
            <EChart
              option={option}
              height={Math.min(560, 40 + result.paths.length * 24)}
              testId="paths-chart"
              onChart={chart.onChart}
            />
          </>
        )}
      </SectionCard>
      {result && reach && (
        <SectionCard
          title="Time to reach each tier"
          testId="overtime-reach"
          fileName={stem}
          files={{ suffix: 'reach', csv: tableCsvOf(reach) }}
          busy={busy}
        >
          <ModelTable model={reach} testId="reach-table" />
          <p className="muted small note">
            Keys first seen in another tier that later reached this one, and the median number of snapshots from their
            first snapshot to the first one in this tier.
          </p>
        </SectionCard>
      )}
    </>
  );
}
