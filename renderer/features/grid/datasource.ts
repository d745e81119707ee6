/**
 * The Infinite Row Model datasource: each block request maps AG Grid's sort/filter models to a view,
 * prepares it (once per view, shared by concurrent blocks) and fetches the block. The last row is
 * always known from the prepared total, so the scrollbar is exact from the first block. A page's
 * membership flags and metric values ride on its rows (segmentColumns.ts).
 */
import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { GridSlice } from '../../store/gridTypes';
import type { TypeFamily } from './columnTypes';
import { toGridFilters, toSortSpec } from './filterModel';
import { withExtras } from './segmentColumns';

export function createDatasource(
  actions: Pick<GridSlice, 'prepareView' | 'fetchRows'>,
  families: Record<string, TypeFamily>,
): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      const sort = toSortSpec(params.sortModel);
      const filters = toGridFilters(params.filterModel as Record<string, unknown> | null, families);
      const limit = params.endRow - params.startRow;
      actions
        .prepareView(sort, filters)
        .then(({ view, total }) => {
          if (params.startRow >= total) return { rows: [], total };
          return actions
            .fetchRows(view, params.startRow, Math.min(limit, total - params.startRow))
            .then((page) => ({ rows: withExtras(page), total }));
        })
        .then(
          ({ rows, total }) => params.successCallback(rows, total),
          () => params.failCallback(),
        );
    },
  };
}
