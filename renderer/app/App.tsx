/**
 * The window: toolbar on top, sources on the left, the grid or the compare view in the middle
 * (tabs), the rule builder and the column profile on the right (beside the grid only: the compare
 * view takes the full width), the status bar at the bottom; the import dialog over it. Layout only:
 * each area is its own feature component.
 */
import { useCallback, useEffect } from 'react';
import { ImportDialog } from '../features/import/ImportDialog';
import { MainArea } from './MainArea';
import { RightPanel } from './RightPanel';
import { SourcesSidebar } from '../features/sidebar/SourcesSidebar';
import { StatusBar } from '../features/status/StatusBar';
import type { PickedFile } from '../platform/files';
import { useWorkbench } from '../store/react';
import { Toolbar } from './Toolbar';
import { useFileDrop } from './useFileDrop';

export function App() {
  const theme = useWorkbench((s) => s.theme);
  const chooseImportFile = useWorkbench((s) => s.chooseImportFile);
  const panelOpen = useWorkbench((s) => s.mainTab === 'grid' && (s.profile !== null || s.builder !== null));
  const wide = useWorkbench((s) => s.builder !== null);
  const onDrop = useCallback((f: PickedFile) => void chooseImportFile(f), [chooseImportFile]);
  const dragging = useFileDrop(onDrop);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app" data-testid="app">
      <Toolbar />
      <div className={`main${panelOpen ? (wide ? ' with-builder' : ' with-panel') : ''}`}>
        <SourcesSidebar />
        <MainArea />
        {panelOpen && <RightPanel />}
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
