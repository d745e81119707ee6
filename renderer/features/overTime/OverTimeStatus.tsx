/**
 * The Over time view's status line: progress of the shown section's request (after a moment, with
 * Cancel), what went wrong in the user's words with Retry, or why the section cannot be shown.
 */
import { useWorkbench } from '../../store/react';
import { useOverTimePart } from './useOverTime';

export function OverTimeStatus() {
  const section = useWorkbench((s) => s.overTime?.section ?? 'trends');
  const pending = useWorkbench((s) =>
    s.overTime?.pending?.section === s.overTime?.section ? (s.overTime?.pending ?? null) : null,
  );
  const error = useWorkbench((s) => {
    const p = s.overTime?.parts[section];
    return p?.status === 'error' ? p.error : null;
  });
  const { reason } = useOverTimePart(section);
  const cancel = useWorkbench((s) => s.cancelOverTime);
  const retry = useWorkbench((s) => s.retryOverTime);
  if (reason) {
    return (
      <div className="overtime-reason muted" role="status" data-testid="overtime-reason">
        {reason}
      </div>
    );
  }
  if (pending) {
    const pct = pending.progress?.fraction == null ? null : Math.round(pending.progress.fraction * 100);
    return (
      <div className="compare-status loading" role="status" data-testid="overtime-loading">
        <span>{pending.progress?.message || 'Computing'}…</span>
        <div className={`progress${pct === null ? ' indeterminate' : ''}`}>
          <div className="progress-bar" style={{ width: pct === null ? '40%' : `${pct}%` }} />
        </div>
        <button type="button" className="btn small" data-testid="overtime-cancel" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="error-box compare-error" role="alert" data-testid="overtime-error">
        <strong>{error.code === 'interrupted' ? 'Cancelled.' : 'This could not be computed.'}</strong> {error.message}
        <div className="hint">{error.hint}</div>
        <button type="button" className="btn small" data-testid="overtime-retry" onClick={retry}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}
