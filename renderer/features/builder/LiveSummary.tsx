/**
 * Live feedback while editing: count, share of the table, sum/avg of the chosen measure, and the
 * docs/README.md, SPEC §1 warning when the segment is too small to be representative (< 30 members or < 1%).
 * For a scheme the count is of rows in any named tier, with each tier's count and share (otherwise
 * last) under it.
 */
import { formatCount, formatPercent } from '../../app/format';
import type { FieldOption } from '../../store/builder/conditions';
import { useWorkbench } from '../../store/react';
import './liveTiers.css';

export function LiveSummary({ fields }: { fields: FieldOption[] }) {
  const live = useWorkbench((s) => s.builder?.live);
  const measure = useWorkbench((s) => s.builder?.measure ?? null);
  const scheme = useWorkbench((s) => (s.builder ? 'tiers' in s.builder.definition : false));
  const setMeasure = useWorkbench((s) => s.setMeasure);
  const olderSnapshot = useWorkbench((s) => {
    const t = s.tables.find((x) => x.name === s.builder?.definition.entity.table);
    return s.selectedTable === t?.name && s.selectedSnapshot
      ? (t?.snapshots.find((x) => x.id === s.selectedSnapshot)?.asOf ?? null)
      : null;
  });
  if (!live) return null;
  const m = live.measures.find((x) => x.column === measure);
  const small =
    !scheme &&
    live.status === 'ready' &&
    live.count !== null &&
    live.total !== null &&
    live.total > 0 &&
    (live.count < 30 || live.count / live.total < 0.01);
  return (
    <div className={`live ${live.status}`} data-testid="live-summary" aria-live="polite">
      <div className="live-main">
        <span className="live-count" data-testid="live-count" data-count={live.count ?? ''}>
          {live.count === null ? '–' : formatCount(live.count)}
        </span>
        <span className="muted">
          {scheme ? 'in a named tier ' : ''}
          {live.total !== null && live.share !== null
            ? `of ${formatCount(live.total)} · ${formatPercent(live.share)}`
            : ''}
          {live.status === 'counting' ? ' · counting…' : ''}
          {live.elapsedMs !== null && live.status === 'ready' ? ` · ${Math.round(live.elapsedMs)} ms` : ''}
        </span>
        {olderSnapshot && <span className="chip warn">on the snapshot as of {olderSnapshot}</span>}
      </div>
      {scheme && live.tiers && live.tiers.length > 0 && (
        // The headline per tier, as `segwb count` and the measurement records give it (otherwise last).
        <div className="live-tiers small" data-testid="live-tiers">
          {live.tiers.map((t, i) => (
            <span
              key={i}
              className={`live-tier${i === live.tiers!.length - 1 ? ' muted' : ''}`}
              data-testid={`live-tier-${i}`}
              data-name={t.name}
              data-count={t.count}
            >
              {t.name} <strong>{formatCount(t.count)}</strong>
              {t.share !== null ? ` ${formatPercent(t.share)}` : ''}
            </span>
          ))}
        </div>
      )}
      <label className="measure small">
        <select aria-label="Measure" value={measure ?? ''} onChange={(e) => setMeasure(e.target.value || null)}>
          <option value="">no measure</option>
          {fields
            .filter((f) => f.family === 'number')
            .map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
        </select>
        {m && (
          <span data-testid="live-measure">
            sum {m.sum === null ? '–' : m.sum.toLocaleString('en-US', { maximumFractionDigits: 0 })} · avg{' '}
            {m.avg === null ? '–' : m.avg.toLocaleString('en-US', { maximumFractionDigits: 2 })}
          </span>
        )}
      </label>
      {small && (
        <div className="diag warning">
          Small segment: fewer than 30 members or under 1% of the table — counts may not be representative.
        </div>
      )}
      {live.error && (
        <div className={`diag ${live.status === 'invalid' ? 'warning' : 'error'}`} data-testid="live-error">
          {live.error.message}
        </div>
      )}
    </div>
  );
}
