/**
 * Overlay while a view (sort permutation, filters) is being built. It fades in only after a moment
 * (CSS delay) so fast builds never flash; long ones show progress and can be cancelled.
 */
import { useWorkbench } from '../../store/react';

export function ViewProgress() {
  const build = useWorkbench((s) => s.viewBuild);
  const cancel = useWorkbench((s) => s.cancelViewBuild);
  if (!build) return null;
  const pct = build.fraction === null ? null : Math.round(build.fraction * 100);
  return (
    <div className="view-progress" role="status" data-testid="view-progress">
      <div className="view-progress-card">
        <div>{build.message || 'Preparing view'}…</div>
        <div className={`progress${pct === null ? ' indeterminate' : ''}`}>
          <div className="progress-bar" style={{ width: pct === null ? '40%' : `${pct}%` }} />
        </div>
        <button type="button" className="btn" data-testid="view-cancel" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    </div>
  );
}
