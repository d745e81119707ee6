/**
 * The workspace name in the toolbar opens a menu: recent workspaces (the desktop shell's list in
 * Electron, the web host's settings in a browser), "Open folder…" (Electron's native dialog, or in a
 * browser a folder browser served by the host, FolderBrowser.tsx), and a typed path in the browser.
 * The menu closes on Escape or a click outside and stays on screen (usePopover).
 */
import { useState } from 'react';
import { useWorkbench } from '../store/react';
import { FolderBrowser } from './FolderBrowser';
import { usePlatform } from './platformContext';
import { usePopover } from './usePopover';

function folderName(path: string): string {
  return (
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() || path
  );
}

export function WorkspaceMenu() {
  const name = useWorkbench((s) => s.workspace?.name ?? null);
  const current = useWorkbench((s) => s.workspace?.path ?? null);
  const open = useWorkbench((s) => s.openWorkspace);
  const hostRecent = useWorkbench((s) => s.recentWorkspaces);
  const { workspaces } = usePlatform();
  const menu = usePopover<HTMLButtonElement, HTMLDivElement>(560);
  const [recent, setRecent] = useState<string[]>([]);
  const [browsing, setBrowsing] = useState(false);
  const [path, setPath] = useState('');

  const toggle = async () => {
    if (menu.open) return menu.setOpen(false);
    setBrowsing(false);
    setRecent(await (workspaces ? workspaces.recent() : hostRecent()).catch(() => []));
    menu.setOpen(true);
  };
  const choose = (p: string, create = false) => {
    menu.setOpen(false);
    void open(p, create);
  };
  const others = recent.filter((p) => p !== current);
  return (
    <div className="ws-menu">
      <button
        type="button"
        ref={menu.anchorRef}
        className="btn link-ish"
        data-testid="workspace-menu"
        aria-haspopup="menu"
        aria-expanded={menu.open}
        onClick={() => void toggle()}
      >
        {name ?? 'No workspace'} ▾
      </button>
      {menu.open && (
        <div
          className="menu ws-menu-panel"
          role="menu"
          ref={menu.menuRef}
          style={menu.style}
          data-testid="workspace-menu-panel"
        >
          <div className="menu-heading">Recent workspaces</div>
          {others.length === 0 && <div className="muted small pad">None yet: workspaces you open are listed here.</div>}
          {others.map((p) => (
            <button
              key={p}
              type="button"
              role="menuitem"
              className="menu-item"
              title={p}
              data-testid="recent-workspace"
              data-path={p}
              onClick={() => choose(p)}
            >
              <strong>{folderName(p)}</strong> <span className="muted small">{p}</span>
            </button>
          ))}
          <div className="menu-sep" />
          {workspaces ? (
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => void workspaces.pick().then((p) => p && choose(p, true))}
            >
              Open folder…
            </button>
          ) : browsing ? (
            <FolderBrowser start={current} onChoose={(p) => choose(p, true)} onCancel={() => setBrowsing(false)} />
          ) : (
            <>
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                data-testid="browse-folders"
                onClick={() => setBrowsing(true)}
              >
                Open folder…
              </button>
              <form
                className="menu-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (path.trim()) choose(path.trim(), true);
                }}
              >
                <input
                  aria-label="Workspace folder"
                  data-testid="workspace-path-input"
                  placeholder="or type a folder path"
                  value={path}
                  onChange={(e) => setPath(e.target.value)}
                />
                <button type="submit" className="btn small">
                  Open
                </button>
              </form>
            </>
          )}
        </div>
      )}
    </div>
  );
}
