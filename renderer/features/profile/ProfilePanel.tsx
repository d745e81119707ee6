/**
 * Right panel: the profile of one column (type, rows, nulls, distinct, min/max) and its histogram or
 * top values as a bar chart, over the rows the grid shows (what narrows them is said beside Rows).
 */
import { useMemo } from 'react';
import { palettes } from '../../charts/palette';
import { EChart } from '../../charts/EChart';
import { formatValue, profileChartOption } from '../../charts/profileChart';
import { formatCount, formatPercent } from '../../app/format';
import { useWorkbench } from '../../store/react';

export function ProfilePanel() {
  const profile = useWorkbench((s) => s.profile);
  const close = useWorkbench((s) => s.closeProfile);
  const theme = useWorkbench((s) => s.theme);
  const data = profile?.data ?? null;
  const option = useMemo(() => (data ? profileChartOption(data, palettes[theme]) : null), [data, theme]);
  if (!profile) return null;
  return (
    <aside className="side-panel" aria-label={`Profile of ${profile.column}`} data-testid="profile-panel">
      <div className="panel-header">
        <span className="panel-title">
          Profile · <strong>{profile.column}</strong>
        </span>
        <button type="button" className="btn icon small" aria-label="Close profile" onClick={close}>
          ✕
        </button>
      </div>
      {profile.status === 'loading' && <div className="muted pad">Profiling…</div>}
      {profile.status === 'error' && profile.error && (
        <div className="error-box pad" role="alert">
          {profile.error.message}
          <div className="hint">{profile.error.hint}</div>
        </div>
      )}
      {data && (
        <div className="pad">
          <dl className="stats" data-testid="profile-stats">
            <dt>Type</dt>
            <dd>{data.type}</dd>
            <dt>Rows</dt>
            <dd data-testid="profile-rows" data-rows={data.rows}>
              {formatCount(data.rows)}{' '}
              <span className="muted">{profile.scope ? `(${profile.scope})` : '(all rows)'}</span>
            </dd>
            <dt>Nulls</dt>
            <dd data-testid="profile-nulls">
              {formatCount(data.nulls)}{' '}
              {data.rows > 0 && <span className="muted">({formatPercent(data.nulls / data.rows)})</span>}
            </dd>
            <dt>Distinct</dt>
            <dd data-testid="profile-distinct">{formatCount(data.distinct)}</dd>
            <dt>Min</dt>
            <dd>{formatValue(data.min)}</dd>
            <dt>Max</dt>
            <dd>{formatValue(data.max)}</dd>
          </dl>
          {option ? (
            <>
              <div className="section-title">{data.histogram?.length ? 'Distribution' : 'Top values'}</div>
              <EChart
                option={option}
                height={data.histogram?.length ? 220 : Math.max(120, (data.top?.length ?? 0) * 22 + 20)}
                testId="profile-chart"
              />
            </>
          ) : (
            <div className="muted">No values to chart.</div>
          )}
        </div>
      )}
    </aside>
  );
}
