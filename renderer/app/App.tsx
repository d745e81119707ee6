/**
 * The window: toolbar on top, sources on the left, the grid or the compare view in the middle
 * (tabs), the rule builder and the column profile on the right (beside the grid only: the compare
 * view takes the full width; the builder's width is the user's, within limits that leave the grid
 * several columns, or a strip when folded), the status bar at the bottom; the import dialog over
 * it. Layout only: each area is its own feature component.
 */
import { useCallback, useEffect } from 'react';
import { ImportDialog } from '../features/import/ImportDialog';
import { MainArea } from './MainArea';
import { RightPanel } from './RightPanel';
import { SourcesSidebar } from '../features/sidebar/SourcesSidebar';
import { StatusBar } from '../features/status/StatusBar';
import type { PickedFile } from '../platform/files';
import { useWorkbench } from '../store/react';
import { PANEL_COLLAPSED, panelWidth, SIDEBAR_WIDTH } from './panelWidth';
import { Toolbar } from './Toolbar';
import { useFileDrop } from './useFileDrop';
import { useWindowWidth } from './useWindowWidth';

export function App() {
  const theme = useWorkbench((s) => s.theme);
  const chooseImportFile = useWorkbench((s) => s.chooseImportFile);
  const panelOpen = useWorkbench((s) => s.mainTab === 'grid' && (s.profile !== null || s.builder !== null));
  const wide = useWorkbench((s) => s.builder !== null);
  const storedWidth = useWorkbench((s) => s.builderWidth);
  const collapsed = useWorkbench((s) => s.builderCollapsed);
  const windowWidth = useWindowWidth();
  const width = panelWidth(storedWidth, windowWidth);
  const columns =
    panelOpen && wide ? `${SIDEBAR_WIDTH}px minmax(0, 1fr) ${collapsed ? PANEL_COLLAPSED : width}px` : undefined;
  const onDrop = useCallback((f: PickedFile) => void chooseImportFile(f), [chooseImportFile]);
  const dragging = useFileDrop(onDrop);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app" data-testid="app">
      <Toolbar />
      <div
        className={`main${panelOpen ? (wide ? ' with-builder' : ' with-panel') : ''}`}
        style={columns ? { gridTemplateColumns: columns } : undefined}
      >
        <SourcesSidebar />
        <MainArea />
        {panelOpen && <RightPanel width={width} windowWidth={windowWidth} />}
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
