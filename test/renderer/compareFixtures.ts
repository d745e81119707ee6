/**
 * Hand-written compare values for renderer tests: an accounts table with a money column, a flag and
 * text dimensions; three saved segments and a scheme with three tiers; and compare results whose
 * figures are consistent (overlap symmetric, diagonal = counts, shares = count / total).
 */
import type { CompareColumn, CompareGroup, CompareResult, MeasureStats } from '../../shared/api/compareApi';
import type { TableInfo } from '../../shared/api/dataApi';
import type { DefinitionSummary } from '../../shared/api/segmentsApi';
import type { SegmentCount } from '../../renderer/store/segmentsTypes';
import { snapshot } from './fixtures';

export const demoAccounts: TableInfo = {
  name: 'accounts',
  rows: 1000,
  columns: [
    { name: 'account_id', type: 'VARCHAR' },
    { name: 'name', type: 'VARCHAR' },
    { name: 'is_paying', type: 'INTEGER' },
    { name: 'seats', type: 'INTEGER' },
    { name: 'channel', type: 'VARCHAR' },
    { name: 'mrr', type: 'DOUBLE' },
    { name: 'signup_date', type: 'DATE' },
  ],
  snapshots: [
    snapshot('accounts', '2026-10-01', 950, 'snap-oct'),
    snapshot('accounts', '2026-11-01', 1000, 'snap-nov'),
  ],
};

export const summary = (
  file: string,
  name: string,
  kind: 'segment' | 'scheme' = 'segment',
  extra: Partial<DefinitionSummary> = {},
): DefinitionSummary => ({
  file,
  kind,
  id: `id-${name}`,
  name,
  description: null,
  tags: [],
  latestVersion: 2,
  hash: `sha256:${name}`,
  entityTable: 'accounts',
  valid: true,
  errors: 0,
  hasSql: false,
  ...extra,
});

export const ACTIVATED = 'segments/activated.segment.json';
export const AT_RISK = 'segments/at-risk.segment.json';
export const ADVOCATES = 'segments/advocates.segment.json';
export const TIERS = 'schemes/value-tiers.scheme.json';

export const segments = [summary(ACTIVATED, 'Activated'), summary(AT_RISK, 'At risk'), summary(ADVOCATES, 'Advocates')];
export const schemes = [summary(TIERS, 'Value tiers', 'scheme')];
export const counts: Record<string, SegmentCount> = {
  [ACTIVATED]: { status: 'ready', count: 300, share: 0.3, error: null },
  [AT_RISK]: { status: 'ready', count: 200, share: 0.2, error: null },
  [ADVOCATES]: { status: 'ready', count: 100, share: 0.1, error: null },
  [TIERS]: {
    status: 'ready',
    count: 600,
    share: 0.6,
    error: null,
    tiers: [
      { name: 'High', count: 100, share: 0.1 },
      { name: 'Medium', count: 500, share: 0.5 },
      { name: 'Low', count: 400, share: 0.4 },
    ],
  },
};

const stats = (values: number, sum: number, median: number, baselineAvg: number | null): MeasureStats => {
  const avg = values ? sum / values : null;
  return {
    values,
    sum: values ? sum : null,
    avg,
    median: values ? median : null,
    index: avg !== null && baselineAvg ? avg / baselineAvg : null,
  };
};

export interface ColumnSpec {
  name: string;
  count: number;
  /** Sum of mrr over the column's members (every member has a value). */
  mrr: number;
  kind?: CompareColumn['kind'];
  file?: string | null;
  version?: number | null;
  scheme?: string;
  tier?: string;
}

/** A result over 1,000 rows (mrr sum 500,000) with these columns and overlap matrix. */
export function compareResult(
  columns: ColumnSpec[],
  overlap: number[][],
  extra: Partial<CompareResult> = {},
): CompareResult {
  const total = 1000;
  const baselineAvg = 500;
  const baseline: CompareGroup = {
    name: 'Whole table',
    count: total,
    share: 1,
    measures: { mrr: stats(total, 500_000, 420, baselineAvg) },
  };
  const segs: CompareColumn[] = columns.map((c) => ({
    name: c.name,
    kind: c.kind ?? 'segment',
    file: c.file === undefined ? `segments/${c.name.toLowerCase()}.segment.json` : c.file,
    id: `id-${c.name}`,
    version: c.version === undefined ? 2 : c.version,
    hash: `sha256:${c.name}`,
    count: c.count,
    share: c.count / total,
    measures: { mrr: stats(c.count, c.mrr, c.mrr / c.count, baselineAvg) },
    ...(c.scheme ? { scheme: c.scheme } : {}),
    ...(c.tier ? { tier: c.tier } : {}),
  }));
  return {
    table: 'accounts',
    snapshot: 'snap-nov',
    snapshotAsOf: '2026-11-01',
    asOf: '2026-11-01T00:00:00Z',
    asOfSource: 'snapshot',
    total,
    baseline,
    segments: segs,
    overlap,
    warnings: [],
    elapsedMs: 12,
    ...(columns.length === 1
      ? {
          rest: {
            name: 'Rest of the table',
            count: total - columns[0]!.count,
            share: (total - columns[0]!.count) / total,
            measures: { mrr: stats(total - columns[0]!.count, 500_000 - columns[0]!.mrr, 400, baselineAvg) },
          },
        }
      : {}),
    ...extra,
  };
}

/** Activated (300, mrr 180,000), At risk (200, 60,000), Advocates (100, 70,000); Activated ∩ Advocates = 80. */
export const threeColumns = () =>
  compareResult(
    [
      { name: 'Activated', count: 300, mrr: 180_000, file: ACTIVATED },
      { name: 'At risk', count: 200, mrr: 60_000, file: AT_RISK },
      { name: 'Advocates', count: 100, mrr: 70_000, file: ADVOCATES },
    ],
    [
      [300, 20, 80],
      [20, 200, 5],
      [80, 5, 100],
    ],
  );
