/**
 * The workspace name in the toolbar opens a small menu: recent workspaces and "Open folder…" in
 * Electron (native dialog), or a typed folder path in the browser (the host runs on this machine).
 */
import { useState } from 'react';
import { useWorkbench } from '../store/react';
import { usePlatform } from './platformContext';

export function WorkspaceMenu() {
  const name = useWorkbench((s) => s.workspace?.name ?? null);
  const open = useWorkbench((s) => s.openWorkspace);
  const { workspaces } = usePlatform();
  const [menu, setMenu] = useState<string[] | null>(null);
  const [path, setPath] = useState('');

  const toggle = async () => {
    if (menu) return setMenu(null);
    setMenu(workspaces ? await workspaces.recent().catch(() => []) : []);
  };
  const choose = (p: string, create = false) => {
    setMenu(null);
    void open(p, create);
  };
  return (
    <div className="ws-menu">
      <button type="button" className="btn link-ish" data-testid="workspace-menu" aria-haspopup="menu" aria-expanded={menu !== null} onClick={() => void toggle()}>
        {name ?? 'No workspace'} ▾
      </button>
      {menu && (
        <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setMenu(null)}>
          {menu.map((p) => (
            <button key={p} type="button" role="menuitem" className="menu-item" title={p} onClick={() => choose(p)}>
              {p}
            </button>
          ))}
          {workspaces ? (
            <button type="button" role="menuitem" className="menu-item" onClick={() => void workspaces.pick().then((p) => p && choose(p, true))}>
              Open folder…
            </button>
          ) : (
            <form
              className="menu-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (path.trim()) choose(path.trim(), true);
              }}
            >
              <input autoFocus aria-label="Workspace folder" data-testid="workspace-path-input" placeholder="/path/to/workspace folder" value={path} onChange={(e) => setPath(e.target.value)} />
              <button type="submit" className="btn small">
                Open
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
