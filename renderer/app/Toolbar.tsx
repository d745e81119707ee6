/**
 * Top bar: product name, the workspace (a menu to switch), Import, the keyboard shortcuts (?) and
 * the theme toggle.
 */
import { useWorkbench } from '../store/react';
import { ShortcutsHelp } from './ShortcutsHelp';
import { WorkspaceMenu } from './WorkspaceMenu';

export function Toolbar() {
  const theme = useWorkbench((s) => s.theme);
  const toggleTheme = useWorkbench((s) => s.toggleTheme);
  const openImport = useWorkbench((s) => s.openImport);
  return (
    <header className="toolbar">
      <div className="brand">
        <span className="logo" aria-hidden>
          ◧
        </span>
        Segment Workbench
        <span className="ws-name">—</span>
        <WorkspaceMenu />
      </div>
      <div className="toolbar-actions">
        <button type="button" className="btn primary" data-testid="import-button" onClick={openImport}>
          Import…
        </button>
        <ShortcutsHelp />
        <button
          type="button"
          className="btn icon"
          data-testid="theme-toggle"
          data-theme-current={theme}
          title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          aria-label="Toggle theme"
          onClick={toggleTheme}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
