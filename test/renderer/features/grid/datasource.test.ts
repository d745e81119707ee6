import { describe, expect, it } from 'vitest';
import type { IGetRowsParams } from 'ag-grid-community';
import type { PreparedView } from '../../../../renderer/store/gridTypes';
import { createDatasource } from '../../../../renderer/features/grid/datasource';
import { typeFamily } from '../../../../renderer/features/grid/columnTypes';

function request(startRow: number, endRow: number, sortModel: IGetRowsParams['sortModel'], filterModel: unknown) {
  const result: { rows?: unknown[]; last?: number; failed?: boolean } = {};
  const params = {
    startRow,
    endRow,
    sortModel,
    filterModel,
    successCallback: (rows: unknown[], last?: number) => Object.assign(result, { rows, last }),
    failCallback: () => Object.assign(result, { failed: true }),
  } as unknown as IGetRowsParams;
  return { params, result };
}

const done = () => new Promise((r) => setTimeout(r, 0));

describe('infinite datasource', () => {
  it('prepares the view from the grid models and fetches the block, clipped to the total', async () => {
    const prepared: unknown[] = [];
    const fetched: [number, number][] = [];
    const ds = createDatasource(
      {
        prepareView: async (sort, filters) => (
          prepared.push({ sort, filters }),
          { view: { table: 't', sort, filters } as PreparedView, total: 250 }
        ),
        fetchRows: async (_v, offset, limit) => (
          fetched.push([offset, limit]),
          { offset, total: 250, rows: Array.from({ length: limit }, (_, i) => ({ i: offset + i })) }
        ),
      },
      { d: typeFamily('DATE') },
    );
    const { params, result } = request(200, 300, [{ colId: 'mrr', sort: 'desc' }], {
      d: { filterType: 'date', type: 'equals', dateFrom: '2026-11-01 00:00:00' },
    });
    ds.getRows(params);
    await done();
    expect(prepared).toEqual([
      { sort: [{ column: 'mrr', dir: 'desc' }], filters: [{ field: 'd', op: 'eq', value: '2026-11-01' }] },
    ]);
    expect(fetched).toEqual([[200, 50]]);
    expect(result.rows).toHaveLength(50);
    expect(result.last).toBe(250);
  });

  it('answers an empty block past the end without fetching, and fails the block when the build fails', async () => {
    let fetches = 0;
    const ok = createDatasource(
      {
        prepareView: async () => ({ view: {} as PreparedView, total: 0 }),
        fetchRows: async () => (fetches++, { offset: 0, total: 0, rows: [] }),
      },
      {},
    );
    const a = request(0, 100, [], {});
    ok.getRows(a.params);
    await done();
    expect(a.result).toEqual({ rows: [], last: 0 });
    expect(fetches).toBe(0);

    const bad = createDatasource(
      {
        prepareView: async () => Promise.reject(new Error('interrupted')),
        fetchRows: async () => ({ offset: 0, total: 0, rows: [] }),
      },
      {},
    );
    const b = request(0, 100, [], {});
    bad.getRows(b.params);
    await done();
    expect(b.result.failed).toBe(true);
  });
});
