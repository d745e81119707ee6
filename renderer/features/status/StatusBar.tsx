/**
 * Bottom status bar: workspace path, connection and engine state (crash/restart events), and the
 * current view's size in words ("1,234 of 50,000 rows · members of Activated · filtered").
 */
import { useWorkbench } from '../../store/react';
import { describeRows, viewSummary } from '../../store/viewSummary';

export function StatusBar() {
  const path = useWorkbench((s) => s.workspace?.path ?? null);
  const engine = useWorkbench((s) => s.engine);
  const connection = useWorkbench((s) => s.connection);
  const table = useWorkbench((s) => s.selectedTable);
  // A string, so the selector's result compares by value (a new object would render every time).
  const rows = useWorkbench((s) => {
    const v = viewSummary(s);
    return v ? describeRows(v) : null;
  });
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
  const engineClass =
    connection !== 'open' || engine.state === 'crashed' ? 'bad' : engine.state === 'restarted' ? 'warn' : 'good';

  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className="status-item" title={path ?? ''} data-testid="workspace-path">
        {path ?? 'No workspace'}
      </span>
      <span className="spacer" />
      {table && (
        <span className="status-item" data-testid="status-rows">
          {table}: {building || rows === null ? 'preparing…' : rows}
        </span>
      )}
      <span className={`status-item engine ${engineClass}`} data-testid="engine-state" title={engine.message}>
        <span className="dot" aria-hidden />
        {engineLabel}
      </span>
    </footer>
  );
}
