/**
 * The window: toolbar on top, sources on the left, the grid in the middle, the column profile on the
 * right, the status bar at the bottom; the import dialog over it. Layout only: each area is its own
 * feature component.
 */
import { useCallback, useEffect } from 'react';
import { GridArea } from '../features/grid/GridArea';
import { ImportDialog } from '../features/import/ImportDialog';
import { ProfilePanel } from '../features/profile/ProfilePanel';
import { SourcesSidebar } from '../features/sidebar/SourcesSidebar';
import { StatusBar } from '../features/status/StatusBar';
import type { PickedFile } from '../platform/files';
import { useWorkbench } from '../store/react';
import { Toolbar } from './Toolbar';
import { useFileDrop } from './useFileDrop';

export function App() {
  const theme = useWorkbench((s) => s.theme);
  const chooseImportFile = useWorkbench((s) => s.chooseImportFile);
  const profileOpen = useWorkbench((s) => s.profile !== null);
  const onDrop = useCallback((f: PickedFile) => void chooseImportFile(f), [chooseImportFile]);
  const dragging = useFileDrop(onDrop);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app" data-testid="app">
      <Toolbar />
      <div className={`main${profileOpen ? ' with-panel' : ''}`}>
        <SourcesSidebar />
        <GridArea />
        {profileOpen && <ProfilePanel />}
      </div>
      <StatusBar />
      <ImportDialog />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div>Drop a file to import it</div>
        </div>
      )}
    </div>
  );
}
