/**
 * The threshold explorer, under a numeric condition of the segment in the builder: the segment's
 * members as the condition's threshold moves over the field's range (every other condition held),
 * an optional outcome curve (the share of those members in another segment on this snapshot or
 * the next, or a measure's average), and a line at today's threshold. A click anywhere over the
 * chart, or on a point of the list, sets that threshold through the builder's edit (Ctrl+Z undoes
 * it) and the live count follows.
 */
import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { palettes } from '../../charts/palette';
import { OP_SIGNS, pointAt, thresholdChartOption } from '../../charts/thresholdChart';
import { formatCount, formatNumber, formatPercent } from '../../app/format';
import { fieldOptions } from '../../store/builder/conditions';
import { exploredCondition } from '../../store/overTimeThreshold';
import type { ThresholdOutcome } from '../../store/overTimeTypes';
import { useWorkbench, useWorkbenchShallow } from '../../store/react';
import './overTime.css';

const NO_SNAPSHOTS: { id: string; asOf: string }[] = [];
const outcomeKey = (o: ThresholdOutcome) =>
  o.kind === 'none' ? '' : o.kind === 'segment' ? `seg:${o.snapshot}:${o.file}` : `measure:${o.measure}`;

export function ThresholdExplorer() {
  const t = useWorkbench((s) => s.threshold);
  const definition = useWorkbench((s) => s.builder?.definition ?? null);
  const gridSnapshot = useWorkbench((s) => s.selectedSnapshot);
  const snapshots = useWorkbench(
    (s) => s.tables.find((x) => x.name === s.builder?.definition.entity.table)?.snapshots ?? NO_SNAPSHOTS,
  );
  const theme = useWorkbench((s) => s.theme);
  const { apply, close } = useWorkbenchShallow((s) => ({ apply: s.applyThreshold, close: s.closeThresholdExplorer }));
  // The curve is of the draft: other conditions edited, it asks again after a pause (store/syncing.ts).
  const cond = definition && 'where' in definition && t ? exploredCondition(definition.where, t.rulePath) : null;
  const segments = useWorkbench((s) => s.segments);
  const r = t?.result ?? null;
  const chosen = t?.outcome ?? null;
  // The outcome as the answer in hand has it (a newly chosen one is on its way).
  const answered = r?.points.some((p) => p.outcome !== undefined) ?? false;
  const outcome = useMemo(
    () =>
      chosen && chosen.kind !== 'none' && answered
        ? {
            kind: chosen.kind === 'segment' ? ('share' as const) : ('amount' as const),
            name: outcomeName(chosen, segments),
          }
        : null,
    [chosen, answered, segments],
  );
  const current = typeof cond?.value === 'number' ? cond.value : (r?.current ?? 0);
  const option = useMemo(
    () => (r ? thresholdChartOption({ result: r, current, outcome }, palettes[theme]) : null),
    [r, current, outcome, theme],
  );
  if (!t) return null;
  const at = r?.points.find((p) => p.threshold === current) ?? null;
  const elsewhere =
    t.snapshot !== null && t.snapshot !== gridSnapshot
      ? (snapshots.find((s) => s.id === t.snapshot)?.asOf ?? t.snapshot)
      : null;
  return (
    <div
      className={`threshold-panel${t.status === 'loading' ? ' busy' : ''}`}
      data-testid="threshold-explorer"
      aria-label="Threshold explorer"
    >
      <div className="threshold-head">
        <strong>
          {cond?.field ?? r?.field} {cond ? OP_SIGNS[cond.op as keyof typeof OP_SIGNS] : ''} threshold
        </strong>
        <SnapshotChoice />
        <OutcomeChoice />
        <span className="spacer" />
        {t.status === 'loading' && <span className="muted">computing…</span>}
        <button
          type="button"
          className="btn icon small threshold-close"
          aria-label="Close the threshold explorer"
          title="Close the threshold explorer"
          data-testid="threshold-close"
          onClick={close}
        >
          ✕
        </button>
      </div>
      {t.status === 'error' && t.error && (
        <div className="diag warning" role="alert" data-testid="threshold-error">
          {t.error.message}
        </div>
      )}
      {r?.warnings.map((w, i) => (
        <div key={i} className="diag info">
          {w}
        </div>
      ))}
      {r && option && (
        <>
          <div className="threshold-chart">
            <EChart
              option={option}
              height={210}
              testId="threshold-chart"
              onAxisClick={(x) => {
                const p = pointAt(r.points, x);
                if (p) apply(p.threshold);
              }}
            />
          </div>
          <div className="muted small" data-testid="threshold-summary">
            Now {r.field} {OP_SIGNS[r.op]} {formatNumber(current)}
            {at ? `: ${formatCount(at.count)} members${at.share === null ? '' : ` (${formatPercent(at.share)})`}` : ''}
            {elsewhere ? ` on the snapshot as of ${elsewhere} (the live count above is on the grid’s)` : ''}. Click the
            chart to use another threshold (Ctrl+Z takes it back).
          </div>
          <details>
            <summary className="small">Thresholds ({r.points.length})</summary>
            <div className="threshold-points" data-testid="threshold-points">
              {r.points.map((p) => (
                <button
                  key={p.threshold}
                  type="button"
                  className={`btn small${p.threshold === current ? ' on' : ''}`}
                  data-testid="threshold-point"
                  data-threshold={p.threshold}
                  data-count={p.count}
                  title={`${formatCount(p.count)} members${p.outcome === undefined || p.outcome === null ? '' : ` · outcome ${outcome?.kind === 'share' ? formatPercent(p.outcome) : formatNumber(p.outcome)}`}`}
                  onClick={() => apply(p.threshold)}
                >
                  {formatNumber(p.threshold)}
                </button>
              ))}
            </div>
          </details>
        </>
      )}
    </div>
  );
}

function outcomeName(o: ThresholdOutcome, segments: readonly { file: string; name: string }[]): string {
  if (o.kind === 'measure') return `avg ${o.measure}`;
  if (o.kind === 'segment')
    return `in ${segments.find((s) => s.file === o.file)?.name ?? o.file}${o.snapshot === 'next' ? ' (next snapshot)' : ''}`;
  return '';
}

function SnapshotChoice() {
  const snapshot = useWorkbench((s) => s.threshold?.snapshot ?? null);
  const table = useWorkbench((s) => s.tables.find((t) => t.name === s.builder?.definition.entity.table) ?? null);
  const set = useWorkbench((s) => s.setThresholdSnapshot);
  if (!table || table.snapshots.length < 2) return null;
  return (
    <label className="small">
      on{' '}
      <select
        aria-label="Snapshot explored"
        data-testid="threshold-snapshot"
        value={snapshot ?? ''}
        onChange={(e) => set(e.target.value || null)}
      >
        <option value="">the grid’s snapshot</option>
        {table.snapshots.map((s) => (
          <option key={s.id} value={s.id}>
            {s.asOf}
          </option>
        ))}
      </select>
    </label>
  );
}

function OutcomeChoice() {
  const outcome = useWorkbench((s) => s.threshold?.outcome ?? null);
  const b = useWorkbench((s) => s.builder);
  const table = useWorkbench((s) => s.tables.find((t) => t.name === s.builder?.definition.entity.table) ?? null);
  const segments = useWorkbench((s) => s.segments);
  const set = useWorkbench((s) => s.setThresholdOutcome);
  const numeric = useMemo(
    () =>
      b && table
        ? fieldOptions(table.name, table.columns, b.definition.metrics ?? []).filter((f) => f.family === 'number')
        : [],
    [b, table],
  );
  if (!outcome || !b || !table) return null;
  const others = segments.filter((s) => s.valid && s.entityTable === table.name && s.file !== b.file);
  const choose = (key: string) => {
    if (key === '') return set({ kind: 'none' });
    const [kind, a, ...rest] = key.split(':');
    if (kind === 'measure') return set({ kind: 'measure', measure: [a, ...rest].join(':') });
    set({ kind: 'segment', snapshot: a === 'next' ? 'next' : 'same', file: rest.join(':') });
  };
  return (
    <label className="small">
      outcome{' '}
      <select
        aria-label="Outcome curve"
        data-testid="threshold-outcome"
        value={outcomeKey(outcome)}
        onChange={(e) => choose(e.target.value)}
      >
        <option value="">none</option>
        <optgroup label="Share of the members also in">
          {others.map((s) => (
            <option key={`same${s.file}`} value={`seg:same:${s.file}`}>
              {s.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Share in it on the next snapshot">
          {others.map((s) => (
            <option key={`next${s.file}`} value={`seg:next:${s.file}`}>
              {s.name} (next snapshot)
            </option>
          ))}
        </optgroup>
        <optgroup label="Average over the members">
          {numeric.map((f) => (
            <option key={f.name} value={`measure:${f.name}`}>
              avg {f.name}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
