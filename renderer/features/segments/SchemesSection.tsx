/**
 * Sidebar section: schemes (partitions: first matching tier wins, then `otherwise`) with the rows
 * in each tier on the latest snapshot, as small bars.
 */
import { formatCount, formatPercent } from '../../app/format';
import { useWorkbench } from '../../store/react';
import { segmentColor } from './colors';

export function SchemesSection() {
  const schemes = useWorkbench((s) => s.schemes);
  const counts = useWorkbench((s) => s.segmentCounts);
  if (schemes.length === 0) return null;
  return (
    <div className="sidebar-section">
      <div className="section-title">
        Schemes <span className="muted">{schemes.length}</span>
      </div>
      <ul className="table-list">
        {schemes.map((s) => {
          const c = counts[s.file];
          return (
            <li key={s.file} className="scheme" data-testid={`scheme-item-${s.name}`} title={`${s.description ?? s.name}\n${s.file}`}>
              <div className="scheme-name">
                <span className="seg-dot" style={{ background: segmentColor(s.id ?? s.file) }} aria-hidden />
                {s.name}
                {s.hasSql && <span className="badge warn">SQL</span>}
                {(!s.valid || c?.status === 'error') && <span className="badge warn" title={c?.error ?? 'invalid file'}>⚠</span>}
              </div>
              {c?.tiers && (
                <ul className="tiers">
                  {c.tiers.map((t) => (
                    <li key={t.name} className="tier" data-testid={`tier-${s.name}-${t.name}`}>
                      <span className="tier-name">{t.name}</span>
                      <span className="tier-bar" aria-hidden>
                        <span style={{ width: `${(t.share ?? 0) * 100}%` }} />
                      </span>
                      <span className="table-rows">{formatCount(t.count)}</span>
                      <span className="table-rows share">{t.share === null ? '' : formatPercent(t.share)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
