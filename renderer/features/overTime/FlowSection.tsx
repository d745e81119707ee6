/**
 * Membership flow of one segment (or tier) between two snapshots (default the latest pair): the
 * members at each split into stayed, left, gone and stayed, entered, new, with retention and the
 * Jaccard similarity. Each group opens the grid on its rows (on the snapshot they are in), and the
 * export dialog on exactly those rows.
 */
import { useMemo } from 'react';
import type { ChartClick } from '../../charts/EChart';
import { EChart } from '../../charts/EChart';
import { flowChartOption, FLOW_COLORS, GROUP_MEANING } from '../../charts/flowChart';
import { palettes } from '../../charts/palette';
import { formatCount, formatPercent } from '../../app/format';
import { FLOW_GROUPS, GROUP_LABELS } from '../../store/overTime/gridViews';
import { flowTarget, resolvePair, targetLabel } from '../../store/overTime/targets';
import type { FlowGroup } from '../../store/overTimeTypes';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';
import { SectionCard, useChartHandle } from '../compare/SectionCard';
import { SnapshotPair } from './pickers';
import { flowShareNote } from './overTimeTables';
import { useOverTimePart, useOverTimeSnapshots } from './useOverTime';

export function FlowSection() {
  const { result, busy, error } = useOverTimePart('flow');
  const theme = useWorkbench((s) => s.theme);
  const show = useWorkbench((s) => s.showFlowGroupInGrid);
  const chart = useChartHandle();
  const option = useMemo(() => (result ? flowChartOption(result, palettes[theme]) : null), [result, theme]);
  const onClick = (e: ChartClick) => {
    const g = (e.data as { group?: FlowGroup } | undefined)?.group;
    if (g) void show(g);
  };
  return (
    <SectionCard
      title="Membership flow"
      testId="overtime-flow"
      fileName={result ? `${result.segment ?? 'segment'}-flow` : 'flow'}
      busy={busy}
      error={error}
      controls={<FlowControls />}
      files={{
        suffix: result ? `${result.fromAsOf.slice(0, 10)}-to-${result.toAsOf.slice(0, 10)}` : 'flow',
        chart: chart.ref,
      }}
    >
      {result && option && (
        <>
          <div className="flow-figures" data-testid="flow-figures">
            <Figure
              label="Retention"
              value={result.retention === null ? '–' : formatPercent(result.retention)}
              exact={result.retention}
              title={`Of the ${formatCount(result.countFrom)} members as of ${result.fromAsOf.slice(0, 10)}, ${formatCount(result.stayed)} are still members as of ${result.toAsOf.slice(0, 10)}`}
              testId="flow-retention"
            />
            <Figure
              label="Jaccard"
              value={result.jaccard === null ? '–' : result.jaccard.toFixed(3)}
              exact={result.jaccard}
              title="Members at both over members at either (by key): 1 = the same members"
              testId="flow-jaccard"
            />
            <Figure
              label="Members"
              value={`${formatCount(result.countFrom)} → ${formatCount(result.countTo)}`}
              exact={result.countTo - result.countFrom}
              title="Members at the earlier and the later snapshot (exact: the change)"
              testId="flow-members"
            />
          </div>
          <EChart option={option} height={150} testId="flow-chart" onClick={onClick} onChart={chart.onChart} />
          <FlowGroups />
          <p className="muted small note" data-testid="flow-share-note">
            {flowShareNote(result)}
          </p>
        </>
      )}
    </SectionCard>
  );
}

function Figure(props: { label: string; value: string; exact: number | null; title: string; testId: string }) {
  return (
    <div className="figure" title={props.title} data-testid={props.testId} data-exact={props.exact ?? ''}>
      <div className="figure-value">{props.value}</div>
      <div className="figure-label muted small">{props.label}</div>
    </div>
  );
}

function FlowControls() {
  const v = useWorkbench((s) => s.overTime);
  const segments = useWorkbench((s) => s.segments);
  const schemes = useWorkbench((s) => s.schemes);
  const setFlow = useWorkbench((s) => s.setFlow);
  const snapshots = useOverTimeSnapshots();
  if (!v) return null;
  const current = flowTarget(v, segments, schemes);
  const defs = [...segments, ...schemes];
  const options: { file: string; tier?: string | undefined; label: string }[] = [
    ...segments.filter((s) => s.valid && s.entityTable === v.table).map((s) => ({ file: s.file, label: s.name })),
    ...v.targets
      .filter((t) => t.tier !== undefined)
      .map((t) => ({ file: t.file, tier: t.tier, label: targetLabel(defs, t) })),
  ];
  const key = (o: { file: string; tier?: string | undefined }) => `${o.file}#${o.tier ?? ''}`;
  const pair = resolvePair(snapshots, v.flow.from, v.flow.to);
  return (
    <>
      <label className="small field-select">
        Segment{' '}
        <select
          data-testid="flow-target"
          value={current ? key(current) : ''}
          onChange={(e) => {
            const o = options.find((x) => key(x) === e.target.value);
            if (o) setFlow({ target: o.tier !== undefined ? { file: o.file, tier: o.tier } : { file: o.file } });
          }}
        >
          {options.map((o) => (
            <option key={key(o)} value={key(o)}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {pair && (
        <SnapshotPair from={pair.from} to={pair.to} snapshots={snapshots} testId="flow" onChange={(p) => setFlow(p)} />
      )}
    </>
  );
}

function FlowGroups() {
  const { result } = useOverTimePart('flow');
  const { show, exportGroup } = useWorkbenchShallow((s) => ({
    show: s.showFlowGroupInGrid,
    exportGroup: s.exportFlowGroup,
  }));
  const exporting = useWorkbench((s) => s.exportDialog.phase === 'exporting');
  if (!result) return null;
  const onTo = (g: FlowGroup) => g === 'stayed' || g === 'entered' || g === 'new';
  return (
    <table className="model-table flow-groups" data-testid="flow-groups">
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col" className="num">
            Keys
          </th>
          <th scope="col" className="num" title={flowShareNote(result)}>
            Share
          </th>
          <th scope="col">Rows as of</th>
          <th scope="col">Meaning</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {FLOW_GROUPS.map((g) => {
          const base = onTo(g) ? result.countTo : result.countFrom;
          return (
            <tr key={g} data-row={g}>
              <td>
                <span className="seg-dot" style={{ background: FLOW_COLORS[g] }} aria-hidden /> {GROUP_LABELS[g]}
              </td>
              <td className="num" data-col="Keys" data-exact={result[g]}>
                {formatCount(result[g])}
              </td>
              <td className="num">{base > 0 ? formatPercent(result[g] / base) : '–'}</td>
              <td>{(onTo(g) ? result.toAsOf : result.fromAsOf).slice(0, 10)}</td>
              <td className="muted small wrap">{GROUP_MEANING[g]}</td>
              <td className="actions">
                <button
                  type="button"
                  className="btn small"
                  data-testid={`flow-grid-${g}`}
                  disabled={result[g] === 0}
                  title="Show these rows in the grid"
                  onClick={() => void show(g)}
                >
                  Grid
                </button>
                <button
                  type="button"
                  className="btn small"
                  data-testid={`flow-export-${g}`}
                  disabled={result[g] === 0 || exporting}
                  title="Export these rows: CSV, Parquet, JSON or Excel, with the columns you choose"
                  onClick={() => void exportGroup(g)}
                >
                  Export…
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
