/**
 * AG Grid over the selected table with the Infinite Row Model: blocks come from the datasource
 * (prepareView once per sort/filter, then getRows). A new datasource (table, snapshot, epoch)
 * purges every cached block. A cancelled build puts the grid back on the last built sort. With the
 * builder open on this table, a row's explanation shows over the grid beside the row.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  CellStyleModule,
  CustomFilterModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  type GridApi,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TableInfo } from '../../../shared/api/dataApi';
import { useWorkbench } from '../../store/react';
import { buildColumnDefs, familiesOf } from './columnDefs';
import { createDatasource } from './datasource';
import { membershipColumnDefs, metricColumnDefs } from './segmentColumns';
import { DRAFT_COLOR_KEY, segmentColorKey } from '../../charts/segmentColors';
import { DRAFT_COLUMN } from '../../store/gridSegments';
import { draftSuffix } from '../../store/unsaved';
import { useViewColors } from '../segments/useSegmentColors';
import { gridThemes } from './gridTheme';
import { ExplainPopover } from '../builder/ExplainPopover';

ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  CellStyleModule,
  CustomFilterModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

const BLOCK = 200;
/** One object for every render: a new one would make AG Grid rebuild its columns (on a theme switch, say). */
const DEFAULT_COL_DEF = { minWidth: 80 };

export function DataGrid({ table, snapshot }: { table: TableInfo; snapshot: string | null }) {
  const theme = useWorkbench((s) => s.theme);
  const epoch = useWorkbench((s) => s.gridEpoch);
  const prepareView = useWorkbench((s) => s.prepareView);
  const fetchRows = useWorkbench((s) => s.fetchRows);
  const viewError = useWorkbench((s) => s.viewError);
  const builtSort = useWorkbench((s) => s.sort);
  const explainKey = useWorkbench((s) =>
    s.builder && s.builder.definition.entity.table === table.name ? s.builder.definition.entity.key : null,
  );
  const api = useRef<GridApi | null>(null);
  // The explanation card over the grid needs the API (its events) and the host (its geometry).
  const [readyApi, setReadyApi] = useState<GridApi | null>(null);
  const host = useRef<HTMLDivElement>(null);

  const membership = useWorkbench((s) => s.membershipColumns);
  const metricNames = useWorkbench((s) => (s.gridMetrics?.table === table.name ? s.gridMetrics.names : null));
  const columnsKey = table.columns.map((c) => `${c.name}:${c.type}`).join('|');
  const shownMembership = membership.filter((c) => c.table === table.name);
  const memberColors = useViewColors(
    shownMembership.map((c) => (c.draft || c.file === DRAFT_COLUMN ? DRAFT_COLOR_KEY : segmentColorKey(c))),
  );
  // Only a draft's ✓ column carries it: saving must not rebuild the columns of a grid without one.
  const draftShown = shownMembership.some((c) => c.draft);
  const suffix = useWorkbench((s) => (draftShown ? draftSuffix(s.builder) : ''));
  const extrasKey = JSON.stringify([shownMembership, metricNames, memberColors, suffix]);
  const columnDefs = useMemo(
    () => [
      ...membershipColumnDefs(shownMembership, memberColors, suffix),
      ...metricColumnDefs(metricNames ?? []),
      ...buildColumnDefs(table.columns),
    ],
    // columnsKey and extrasKey stand for table.columns and the segment columns, by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [columnsKey, extrasKey],
  );
  const datasource = useMemo(
    () => createDatasource({ prepareView, fetchRows }, familiesOf(table.columns)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new epoch/table/snapshot must give a new datasource
    [prepareView, fetchRows, columnsKey, table.name, snapshot, epoch],
  );

  useEffect(() => {
    if (viewError?.code !== 'interrupted' || !api.current) return;
    api.current.applyColumnState({
      state: builtSort.map((s, i) => ({ colId: s.column, sort: s.dir, sortIndex: i })),
      defaultState: { sort: null },
    });
  }, [viewError, builtSort]);

  return (
    <div className="grid-host" data-testid="grid" ref={host}>
      <AgGridReact
        theme={gridThemes[theme]}
        rowModelType="infinite"
        datasource={datasource}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={60}
        infiniteInitialRowCount={BLOCK}
        maxConcurrentDatasourceRequests={2}
        blockLoadDebounceMillis={40}
        rowBuffer={15}
        tooltipShowDelay={400}
        suppressMultiSort={false}
        onGridReady={(e) => {
          api.current = e.api;
          setReadyApi(e.api);
        }}
        onGridPreDestroyed={() => {
          api.current = null;
          setReadyApi(null);
        }}
      />
      {readyApi && explainKey && <ExplainPopover api={readyApi} host={host.current} keyColumn={explainKey} />}
    </div>
  );
}
