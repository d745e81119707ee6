// Shared fixtures for segment-language tests: table schemas shaped like the demo workspace.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TableSchemas } from '../../../shared/segments/model';

export const demoSchemas: TableSchemas = {
  accounts: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'name', type: 'VARCHAR' },
    { name: 'plan', type: 'VARCHAR' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
    { name: 'seats', type: 'INTEGER' },
    { name: 'active_seats', type: 'INTEGER' },
    { name: 'nps', type: 'INTEGER' },
    { name: 'health_score', type: 'INTEGER' },
    { name: 'cancellation_requested', type: 'BOOLEAN' },
    { name: 'signup_date', type: 'DATE' },
    { name: 'last_active_at', type: 'TIMESTAMP' },
    { name: 'renewal_date', type: 'DATE' },
    { name: 'contract_value', type: 'DECIMAL(18,2)' },
    { name: 'MRR', type: 'BIGINT' },
    { name: 'tags', type: 'VARCHAR[]' },
    { name: 'seen_at', type: 'TIMESTAMP WITH TIME ZONE' },
  ],
  tickets: [
    { name: 'ticket_id', type: 'VARCHAR' },
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'created_at', type: 'TIMESTAMP' },
    { name: 'priority', type: 'VARCHAR' },
    { name: 'billable', type: 'BOOLEAN' },
    { name: 'minutes', type: 'INTEGER' },
  ],
  vip: [
    { name: 'id', type: 'VARCHAR' },
    { name: 'num', type: 'BIGINT' },
  ],
};

/** A fresh in-memory DuckDB connection with TimeZone=UTC (as the engine runs it). */
export async function memoryDuckDb(): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`SET TimeZone='UTC'`);
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs compiled SQL and returns the first column of every row as strings, sorted. */
export async function firstColumn(
  conn: DuckDBConnection,
  sql: string,
  params: (string | number | boolean)[],
): Promise<string[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader
    .getRowsJS()
    .map((r) => String(r[0]))
    .sort();
}
