/**
 * The compare view's status line: progress of the request in flight (after a moment, with Cancel),
 * or what went wrong, in the user's words, with Retry.
 */
import { useWorkbench } from '../../store/react';

export function CompareStatus() {
  const pending = useWorkbench((s) => s.compare?.pending ?? null);
  const error = useWorkbench((s) => s.compare?.error ?? null);
  const cancel = useWorkbench((s) => s.cancelCompare);
  const retry = useWorkbench((s) => s.retryCompare);
  if (pending) {
    const pct = pending.progress?.fraction == null ? null : Math.round(pending.progress.fraction * 100);
    return (
      <div className="compare-status loading" role="status" data-testid="compare-loading">
        <span>{pending.progress?.message || 'Comparing'}…</span>
        <div className={`progress${pct === null ? ' indeterminate' : ''}`}>
          <div className="progress-bar" style={{ width: pct === null ? '40%' : `${pct}%` }} />
        </div>
        <button type="button" className="btn small" data-testid="compare-cancel" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="error-box compare-error" role="alert" data-testid="compare-error">
        <strong>
          {error.code === 'interrupted' ? 'Comparison cancelled.' : 'The comparison could not be computed.'}
        </strong>{' '}
        {error.message}
        <div className="hint">{error.hint}</div>
        <button type="button" className="btn small" data-testid="compare-retry" onClick={retry}>
          Retry
        </button>
      </div>
    );
  }
  return null;
}
