/**
 * Small hand-written API values for renderer tests.
 */
import type { ImportReport, SnapshotInfo, TableInfo } from '../../shared/api/dataApi';

export function snapshot(table: string, asOf: string, rows: number, id = `${table}-${asOf}`): SnapshotInfo {
  return {
    id,
    table,
    asOf,
    importedAt: `${asOf}T08:00:00Z`,
    sourceFile: `${table}.csv`,
    rows,
    rejected: 0,
    fingerprint: { rows, schemaHash: 'sha256:s', contentHash: 'sha256:c' },
    relation: `snap."${id}"`,
  };
}

export const accounts: TableInfo = {
  name: 'accounts',
  rows: 20000,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
    { name: 'signup_date', type: 'DATE' },
  ],
  snapshots: [snapshot('accounts', '2026-10-01', 19500), snapshot('accounts', '2026-11-01', 20000)],
};

export const tickets: TableInfo = {
  name: 'tickets',
  rows: 5000,
  columns: [{ name: 'ticket_id', type: 'VARCHAR' }],
  snapshots: [snapshot('tickets', '2026-11-01', 5000)],
};

export function importReport(table: string, rows: number, rejected: number): ImportReport {
  return {
    table,
    snapshot: snapshot(table, '2026-11-23', rows),
    records: rows + rejected,
    rows,
    rejected,
    rejects: [],
    warnings: [],
    columns: [{ name: 'a', type: 'BIGINT' }],
    blanksAsNull: {},
  };
}
