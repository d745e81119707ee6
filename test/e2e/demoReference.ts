/**
 * Independent expectations for e2e tests on the demo data: the raw rows fetched over the API in
 * natural order, and a reference evaluation of the Activated template written from SPEC §3/§4
 * (NULLs never match; daysSince counts UTC calendar days), independent of the engine's compiler.
 */
import type { WorkbenchClient } from '../../shared/api/contract';
import type { CellValue } from '../../shared/api/dataApi';

export type Row = Record<string, CellValue>;

/** Every row of `table` (latest snapshot), in natural order, paged over the API. */
export async function fetchAllRows(api: WorkbenchClient, table: string): Promise<Row[]> {
  const view = { table };
  const { total } = await api.prepareView({ view });
  const rows: Row[] = [];
  for (let offset = 0; offset < total; offset += 5000) rows.push(...(await api.getRows({ view, offset, limit: 5000 })).rows);
  return rows;
}

/** The as-of date of the table's latest snapshot. */
export async function latestAsOf(api: WorkbenchClient, table: string): Promise<string> {
  const info = (await api.listTables({})).find((t) => t.name === table)!;
  return info.snapshots[info.snapshots.length - 1]!.asOf;
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);

/** daysSince(last_active_at) at the as-of date, or null for a NULL. */
export function inactiveDays(r: Row, asOfDay: string): number | null {
  return typeof r.last_active_at === 'string' ? dayNumber(asOfDay) - dayNumber(r.last_active_at) : null;
}

/** Activated: billable_ticket_usage_pct ≥ 2 and inactive days ≤ maxInactive. */
export function isActivated(r: Row, asOfDay: string, maxInactive = 3): boolean {
  const pct = r.billable_ticket_usage_pct;
  const days = inactiveDays(r, asOfDay);
  return typeof pct === 'number' && days !== null && pct >= 2 && days <= maxInactive;
}
