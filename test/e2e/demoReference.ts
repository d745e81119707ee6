/**
 * Independent expectations for e2e tests on the demo data: the raw rows fetched over the API in
 * natural order, and reference evaluations of the Activated, At risk of churn and Advocates templates
 * and of KPI figures, written from SPEC §3/§4 (NULLs never match except for negative ops; daysSince
 * counts UTC calendar days; windows are [asOf − n, asOf]), independent of the engine's compiler.
 */
import type { WorkbenchClient } from '../../shared/api/contract';
import type { CellValue } from '../../shared/api/dataApi';

export type Row = Record<string, CellValue>;

/** Every row of `table` (latest snapshot), in natural order, paged over the API. */
export async function fetchAllRows(api: WorkbenchClient, table: string): Promise<Row[]> {
  const view = { table };
  const { total } = await api.prepareView({ view });
  const rows: Row[] = [];
  for (let offset = 0; offset < total; offset += 5000)
    rows.push(...(await api.getRows({ view, offset, limit: 5000 })).rows);
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

/** The UTC midnight instant of a date, in ms. */
const midnight = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * events_30d per account (SPEC §4 aggregate count with a window): usage_events rows of the account
 * whose occurred_at lies in [asOf − 30 days, asOf], asOf the snapshot date's midnight UTC.
 */
export function events30d(events: readonly Row[], asOfDay: string): Map<string, number> {
  const hi = midnight(asOfDay);
  const lo = hi - 30 * 86_400_000;
  const out = new Map<string, number>();
  for (const e of events) {
    if (typeof e.occurred_at !== 'string' || typeof e.account_id !== 'string') continue;
    const t = Date.parse(e.occurred_at);
    if (t >= lo && t <= hi) out.set(e.account_id, (out.get(e.account_id) ?? 0) + 1);
  }
  return out;
}

/** `inPeriod thisQuarter` of the as-of date for a DATE value: [quarter start, next quarter start). */
export function inThisQuarter(v: unknown, asOfDay: string): boolean {
  if (typeof v !== 'string') return false;
  const [y, m] = asOfDay.split('-').map(Number) as [number, number];
  const q0 = Math.floor((m - 1) / 3) * 3;
  const start = Date.UTC(y, q0, 1);
  const next = Date.UTC(y, q0 + 3, 1);
  const t = midnight(v);
  return t >= start && t < next;
}

/**
 * At risk of churn: not churned (NULL status counts as not churned: `neq` is true for NULL), and
 * health below 40, or no events in 30 days, or cancellation requested, or renewing this quarter
 * with more than 14 inactive days.
 */
export function isAtRisk(r: Row, asOfDay: string, events: ReadonlyMap<string, number>): boolean {
  if (r.status === 'churned') return false;
  const health = r.health_score;
  const days = inactiveDays(r, asOfDay);
  return (
    (typeof health === 'number' && health < 40) ||
    (events.get(String(r.account_id)) ?? 0) === 0 ||
    r.cancellation_requested === true ||
    (inThisQuarter(r.renewal_date, asOfDay) && days !== null && days > 14)
  );
}

/** Advocates: features_used ≥ 8 and NPS ≥ 9 (a NULL NPS never matches). */
export function isAdvocate(r: Row): boolean {
  return typeof r.features_used === 'number' && typeof r.nps === 'number' && r.features_used >= 8 && r.nps >= 9;
}

/**
 * Count, sum, average and median (interpolated, as DuckDB's median()) of a numeric column over rows; NULLs left out.
 */
export function measureOf(
  rows: readonly Row[],
  column: string,
): { count: number; values: number; sum: number | null; avg: number | null; median: number | null } {
  const xs = rows
    .map((r) => r[column])
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  const sum = xs.length ? xs.reduce((a, b) => a + b, 0) : null;
  const mid = xs.length / 2;
  const median = xs.length === 0 ? null : xs.length % 2 ? xs[Math.floor(mid)]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return { count: rows.length, values: xs.length, sum, avg: sum === null ? null : sum / xs.length, median };
}

/** The table's snapshots, oldest first, as the API lists them (never a count assumed). */
export async function snapshotsOf(
  api: WorkbenchClient,
  table: string,
): Promise<{ id: string; asOf: string; rows: number }[]> {
  const info = (await api.listTables({})).find((t) => t.name === table)!;
  return info.snapshots.map((s) => ({ id: s.id, asOf: s.asOf, rows: s.rows }));
}

/** Every row of one snapshot of `table`, in natural order, paged over the API. */
export async function fetchSnapshotRows(api: WorkbenchClient, table: string, snapshot: string): Promise<Row[]> {
  const view = { table, snapshot };
  const { total } = await api.prepareView({ view });
  const rows: Row[] = [];
  for (let offset = 0; offset < total; offset += 5000)
    rows.push(...(await api.getRows({ view, offset, limit: 5000 })).rows);
  return rows;
}

/**
 * Value tiers (first match wins): High when contract_value ≥ 50,000, or ≥ 20,000 with seats ≥ 100;
 * Medium when contract_value ≥ 3,000; else Low (a NULL value matches no tier).
 */
export function valueTier(r: Row): 'High' | 'Medium' | 'Low' {
  const v = r.contract_value;
  const seats = r.seats;
  if (typeof v === 'number' && (v >= 50_000 || (v >= 20_000 && typeof seats === 'number' && seats >= 100)))
    return 'High';
  if (typeof v === 'number' && v >= 3_000) return 'Medium';
  return 'Low';
}
