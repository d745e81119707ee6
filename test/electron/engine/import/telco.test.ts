// The real IBM Telco export (README: 7,043 customers, 21 columns, key customerID, TotalCharges with
// 11 cells written as a single space). Expectations come from that README, not from the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import type { ImportReport } from '../../../../shared/api/dataApi';
import { REAL_DATA, tempDir } from '../engineTestUtils';

describe('import of the real telco CSV', () => {
  const t = tempDir();
  let ws: Workspace;
  let report: ImportReport;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    report = await importFile(
      ws,
      { kind: 'path', path: join(REAL_DATA, 'telco_customer_churn.csv') },
      { key: 'customerID', asOf: '2026-11-01' },
    );
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('loads every record and reconciles', () => {
    expect(report.table).toBe('telco_customer_churn');
    expect(report.records).toBe(7043);
    expect(report.rows).toBe(7043);
    expect(report.rejected).toBe(0);
    expect(report.columns).toHaveLength(21);
  });

  it('types TotalCharges as DOUBLE with the 11 blank cells as NULL', async () => {
    expect(report.columns.find((c) => c.name === 'TotalCharges')?.type).toBe('DOUBLE');
    expect(report.blanksAsNull).toEqual({ TotalCharges: 11 });
    const [r] = await ws.query(`SELECT count(*) - count("TotalCharges") AS nulls FROM telco_customer_churn`);
    expect(r).toEqual({ nulls: 11 });
  });

  it('checks the key: customerID is unique', () => {
    expect(report.duplicateKeys).toEqual({ column: 'customerID', count: 0, examples: [] });
  });

  it('records a snapshot with the given as-of date and leaves staging empty', async () => {
    expect(report.snapshot).toMatchObject({
      table: 'telco_customer_churn',
      asOf: '2026-11-01',
      rows: 7043,
      rejected: 0,
      sourceFile: 'telco_customer_churn.csv',
    });
    const tables = await ws.tables();
    expect(tables.map((x) => [x.name, x.rows, x.snapshots.length])).toEqual([['telco_customer_churn', 7043, 1]]);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(ws.stagingDir)).toEqual([]);
  });
});
