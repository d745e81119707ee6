/**
 * Bottom status bar: workspace path, connection and engine state (crash/restart events), and the
 * current view's size.
 */
import { formatCount } from '../../app/format';
import { useWorkbench } from '../../store/react';

export function StatusBar() {
  const path = useWorkbench((s) => s.workspace?.path ?? null);
  const engine = useWorkbench((s) => s.engine);
  const connection = useWorkbench((s) => s.connection);
  const table = useWorkbench((s) => s.selectedTable);
  const total = useWorkbench((s) => s.viewTotal);
  const building = useWorkbench((s) => s.viewBuild !== null);

  const engineLabel =
    connection !== 'open'
      ? connection === 'connecting'
        ? 'Connecting…'
        : 'Disconnected — reconnecting'
      : engine.state === 'crashed'
        ? 'Engine crashed — restarting'
        : engine.state === 'restarted'
          ? 'Engine restarted'
          : 'Engine ready';
  const engineClass = connection !== 'open' || engine.state === 'crashed' ? 'bad' : engine.state === 'restarted' ? 'warn' : 'good';

  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className="status-item" title={path ?? ''} data-testid="workspace-path">
        {path ?? 'No workspace'}
      </span>
      <span className="spacer" />
      {table && (
        <span className="status-item">
          {table}: {building ? 'preparing…' : `${formatCount(total)} rows`}
        </span>
      )}
      <span className={`status-item engine ${engineClass}`} data-testid="engine-state" title={engine.message}>
        <span className="dot" aria-hidden />
        {engineLabel}
      </span>
    </footer>
  );
}
