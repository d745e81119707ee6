/**
 * Measurements of the saved segment: measure a version on a snapshot (or all of them) and see the
 * recorded history as a table (a scheme's with each tier's count) and its size over snapshots as a
 * small line chart.
 */
import { useMemo, useState } from 'react';
import { formatCount, formatPercent } from '../../app/format';
import { EChart } from '../../charts/EChart';
import { measurementChartOption } from '../../charts/measurementChart';
import { palettes } from '../../charts/palette';
import type { MeasurementRecord } from '../../../shared/api/segmentsApi';
import { useWorkbench } from '../../store/react';

// Stable empty lists: a selector returning a fresh [] would re-render forever.
const NO_VERSIONS: never[] = [];
const NO_SNAPSHOTS: never[] = [];

/**
 * A scheme's records carry each tier's count (docs/definition-files.md, SPEC §5, as `segwb measure` records them): one
 * column
 * per tier name, in the order of the newest record, then names only older versions had.
 */
function tierColumns(records: readonly MeasurementRecord[]): string[] | null {
  const names: string[] = [];
  for (const r of [...records].reverse()) {
    for (const t of r.tiers ?? []) if (!names.includes(t.name)) names.push(t.name);
  }
  return names.length ? names : null;
}

export function MeasurementsView() {
  const file = useWorkbench((s) => s.builder?.file ?? null);
  const m = useWorkbench((s) => s.builder?.measurements);
  const versions = useWorkbench((s) => s.builder?.history?.versions ?? NO_VERSIONS);
  const snapshots = useWorkbench(
    (s) => s.tables.find((t) => t.name === s.builder?.definition.entity.table)?.snapshots ?? NO_SNAPSHOTS,
  );
  const theme = useWorkbench((s) => s.theme);
  const measure = useWorkbench((s) => s.measureSegment);
  const [version, setVersion] = useState<number | null>(null);
  const [snapshot, setSnapshot] = useState<string>('all');
  const records = useMemo(() => m?.records ?? [], [m?.records]);
  const option = useMemo(() => measurementChartOption(records, palettes[theme]), [records, theme]);
  const tierNames = useMemo(() => tierColumns(records), [records]);
  if (!file || !m) return null;
  return (
    <div className="measurements" data-testid="measurements">
      <div className="section-title">Measurements</div>
      <div className="inline small">
        <select
          aria-label="Version to measure"
          value={version ?? ''}
          onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">latest version</option>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
            </option>
          ))}
        </select>
        on
        <select aria-label="Snapshot to measure" value={snapshot} onChange={(e) => setSnapshot(e.target.value)}>
          <option value="all">every snapshot</option>
          {[...snapshots].reverse().map((s) => (
            <option key={s.id} value={s.id}>
              as of {s.asOf}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn small"
          data-testid="measure-run"
          disabled={m.status === 'measuring'}
          onClick={() => void measure(version, snapshot)}
        >
          {m.status === 'measuring' ? 'Measuring…' : 'Measure'}
        </button>
      </div>
      {m.error && <div className="diag error">{m.error.message}</div>}
      {option && <EChart option={option} height={130} testId="measurement-chart" />}
      {records.length > 0 && (
        <div className="preview-scroll">
          <table className="mini-table" data-testid="measurement-table">
            <thead>
              <tr>
                <th>Snapshot</th>
                <th>Version</th>
                <th>{tierNames ? 'In a tier' : 'Members'}</th>
                <th>Share</th>
                {tierNames?.map((t) => (
                  <th key={t} className="cell-num">
                    {t}
                  </th>
                ))}
                <th>Ran</th>
              </tr>
            </thead>
            <tbody>
              {[...records].reverse().map((r) => (
                <tr key={r.id}>
                  <td>{r.snapshotAsOf}</td>
                  <td>v{r.version ?? '?'}</td>
                  <td className="cell-num">{formatCount(r.count)}</td>
                  <td className="cell-num">{r.share === null ? '–' : formatPercent(r.share)}</td>
                  {tierNames?.map((t) => {
                    const tier = r.tiers?.find((x) => x.name === t);
                    return (
                      <td
                        key={t}
                        className="cell-num"
                        data-testid="measurement-tier"
                        data-tier={t}
                        data-count={tier?.count ?? ''}
                        title={tier?.share == null ? undefined : formatPercent(tier.share)}
                      >
                        {tier ? formatCount(tier.count) : '–'}
                      </td>
                    );
                  })}
                  <td className="muted">{r.ranAt.replace('T', ' ').slice(0, 16)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
