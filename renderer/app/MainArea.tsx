/**
 * The middle of the window: a Grid | Compare | Over time tab strip over the grid, the compare view
 * or the Over time view. The grid stays mounted, laid out at its size but invisible, while another
 * tab shows: its scroll position and loaded blocks survive a look at the comparison, and AG Grid
 * sees no resize to zero and back (a hidden `display: none` grid re-rendered its rows on each
 * switch). The other views draw only while shown.
 */
import { CompareView } from '../features/compare/CompareView';
import { GridArea } from '../features/grid/GridArea';
import { OverTimeView } from '../features/overTime/OverTimeView';
import { useWorkbench } from '../store/react';

export function MainArea() {
  const tab = useWorkbench((s) => s.mainTab);
  const setTab = useWorkbench((s) => s.setMainTab);
  const columns = useWorkbench((s) => s.compare?.base?.result.segments.length ?? s.compare?.targets.length ?? 0);
  const followed = useWorkbench((s) => s.overTime?.targets.length ?? 0);
  return (
    <div className="main-area">
      <div className="tabs main-tabs" role="tablist" aria-label="Grid, comparison or over time">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'grid'}
          className={`tab${tab === 'grid' ? ' active' : ''}`}
          data-testid="tab-grid"
          onClick={() => setTab('grid')}
        >
          Grid
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'compare'}
          className={`tab${tab === 'compare' ? ' active' : ''}`}
          data-testid="tab-compare"
          onClick={() => setTab('compare')}
        >
          Compare{columns > 0 ? ` (${columns})` : ''}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'overTime'}
          className={`tab${tab === 'overTime' ? ' active' : ''}`}
          data-testid="tab-overtime"
          onClick={() => setTab('overTime')}
        >
          Over time{followed > 0 ? ` (${followed})` : ''}
        </button>
      </div>
      <div className="main-panes">
        <div className={`main-pane${tab === 'grid' ? '' : ' behind'}`} aria-hidden={tab !== 'grid' || undefined}>
          <GridArea />
        </div>
        {tab === 'compare' && (
          <div className="main-pane">
            <CompareView />
          </div>
        )}
        {tab === 'overTime' && (
          <div className="main-pane">
            <OverTimeView />
          </div>
        )}
      </div>
    </div>
  );
}
