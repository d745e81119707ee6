/**
 * Per condition: rows passing it alone and cumulatively (in rule order), as bars of the total.
 */
import type { FunnelResult } from '../../../shared/api/segmentsApi';
import { formatCount } from '../../app/format';

export function FunnelView({ funnel }: { funnel: FunnelResult }) {
  if (funnel.steps.length === 0) return null;
  const pct = (n: number) => (funnel.total > 0 ? `${(n / funnel.total) * 100}%` : '0%');
  return (
    <div className="funnel" data-testid="funnel">
      <div className="section-title">Funnel</div>
      {funnel.steps.map((s) => (
        <div key={s.path} className="funnel-step" title={s.path}>
          <div className="funnel-label">{s.label}</div>
          <div className="funnel-bars">
            <div className="bar alone" style={{ width: pct(s.alone) }} />
            <div className="bar cumulative" style={{ width: pct(s.cumulative) }} />
          </div>
          <div className="funnel-nums small">
            {formatCount(s.cumulative)} <span className="muted">({formatCount(s.alone)} alone)</span>
          </div>
        </div>
      ))}
    </div>
  );
}
