/**
 * The Over time view's tables as data (pure), in the compare view's TableModel (compareTables.ts):
 * drawn on screen by ModelTable and written to CSV with exact numbers by the same writer, so both
 * hold the same figures. Also the two trend CSVs: the trend itself (one row per target and
 * snapshot, the run it comes from) and the measurement log as recorded.
 */
import type { PathsResult, SchemeFlow, SegmentFlow } from '../../../shared/api/overTimeApi';
import type { MeasurementRecord } from '../../../shared/api/segmentsApi';
import { toCsv, type CsvCell } from '../../../shared/csv';
import { formatCount } from '../../app/format';
import { GROUP_MEANING } from '../../charts/flowChart';
import { pathLabel } from '../../charts/pathsChart';
import { fromTotals } from '../../charts/tierMoveChart';
import { FLOW_GROUPS, GROUP_LABELS, toTiersOf } from '../../store/overTime/gridViews';
import type { TrendSeries } from '../../store/overTime/trends';
import type { TrendsResult } from '../../store/overTimeTypes';
import { amount, count, share, text, type TableColumn, type TableModel, type TableRow } from '../compare/compareTables';

/** Snapshots down; per target its members, share and each measure's sum and average at the trend's version. */
export function trendTable(r: TrendsResult, series: readonly TrendSeries[]): TableModel {
  const columns: TableColumn[] = [{ label: 'Snapshot as of' }, { label: 'Snapshot', csvOnly: true }];
  for (const s of series) {
    const g = `${s.label} (v${s.version})`;
    columns.push({ label: `${g} members`, group: g }, { label: `${g} share`, group: g });
    for (const m of r.measures)
      columns.push({ label: `${g} ${m} sum`, group: g }, { label: `${g} ${m} avg`, group: g });
  }
  const rows: TableRow[] = r.snapshots.map((snap, k) => {
    const cells = [text(snap.asOf), text(snap.id)];
    for (const s of series) {
      const p = s.points[k] ?? null;
      cells.push(count(p?.count), share(p?.share));
      for (const m of r.measures) cells.push(amount(p?.measures[m]?.sum), amount(p?.measures[m]?.avg));
    }
    return { kind: 'column', cells };
  });
  return { columns, rows };
}

/** The trend as CSV: one row per target and snapshot, with the measurement it reads (empty where none). */
export function trendCsv(r: TrendsResult, series: readonly TrendSeries[]): string {
  const header = [
    'segment',
    'file',
    'tier',
    'version',
    'hash',
    'snapshot',
    'snapshot_as_of',
    'as_of',
    'as_of_source',
    'ran_at',
    'count',
    'total',
    'share',
    ...r.measures.flatMap((m) => [`${m} sum`, `${m} avg`]),
    'measurement_id',
  ];
  const rows: CsvCell[][] = [];
  r.targets.forEach((t, i) => {
    const s = series[i];
    r.snapshots.forEach((snap, k) => {
      const p = s?.points[k] ?? null;
      rows.push([
        t.label,
        t.target.file,
        t.target.tier ?? '',
        t.version,
        p?.hash ?? '',
        snap.id,
        snap.asOf,
        p?.asOf ?? '',
        p?.asOfSource ?? '',
        p?.ranAt ?? '',
        p?.count,
        p?.total,
        p?.share,
        ...r.measures.flatMap((m) => [p?.measures[m]?.sum, p?.measures[m]?.avg]),
        p?.recordId ?? '',
      ]);
    });
  });
  return toCsv(header, rows);
}

/** Every recorded measurement of the followed definitions (each once), oldest first, every field. */
export function logRecords(r: TrendsResult): MeasurementRecord[] {
  const byId = new Map<string, MeasurementRecord>();
  for (const t of r.targets) for (const rec of [...t.records, ...t.schemeRecords]) byId.set(rec.id, rec);
  return [...byId.values()].sort((a, b) => (a.ranAt < b.ranAt ? -1 : a.ranAt > b.ranAt ? 1 : a.id < b.id ? -1 : 1));
}

export function logCsv(records: readonly MeasurementRecord[]): string {
  const measures = [...new Set(records.flatMap((x) => x.measures.map((m) => m.column)))];
  const header = [
    'measurement_id',
    'segment_id',
    'segment',
    'version',
    'hash',
    'table',
    'snapshot',
    'snapshot_as_of',
    'fingerprint_rows',
    'schema_hash',
    'content_hash',
    'as_of',
    'as_of_source',
    'count',
    'total',
    'share',
    ...measures.flatMap((m) => [`${m} sum`, `${m} avg`]),
    'tiers',
    'related',
    'ran_at',
  ];
  const rows = records.map((x): CsvCell[] => {
    const m = (col: string) => x.measures.find((y) => y.column === col);
    return [
      x.id,
      x.segmentId,
      x.segment,
      x.version,
      x.hash,
      x.table,
      x.snapshot,
      x.snapshotAsOf,
      x.fingerprint.rows,
      x.fingerprint.schemaHash,
      x.fingerprint.contentHash,
      x.asOf,
      x.asOfSource,
      x.count,
      x.total,
      x.share,
      ...measures.flatMap((c) => [m(c)?.sum, m(c)?.avg]),
      x.tiers ? JSON.stringify(x.tiers) : '',
      JSON.stringify(x.related),
      x.ranAt,
    ];
  });
  return toCsv(header, rows);
}

/** The measurement log on screen: newest first. */
export function logTable(records: readonly MeasurementRecord[]): TableModel {
  return {
    columns: [
      { label: 'Measured' },
      { label: 'Definition' },
      { label: 'Version' },
      { label: 'Snapshot as of' },
      { label: 'As of' },
      { label: 'Members' },
      { label: 'Share' },
      { label: 'Id', csvOnly: true },
    ],
    rows: [...records].reverse().map((x) => ({
      kind: 'column',
      cells: [
        text(x.ranAt.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1Z')),
        text(x.segment ?? ''),
        text(x.version === null ? 'draft' : `v${x.version}`),
        text(x.snapshotAsOf),
        text(`${x.asOf.slice(0, 10)}${x.asOfSource === 'override' ? ' (override)' : ''}`),
        count(x.count),
        share(x.share),
        text(x.id),
      ],
    })),
  };
}

/** Each flow group: its keys, its share of the members at the snapshot it is in, what it means. */
export function flowTable(f: SegmentFlow): TableModel {
  const onTo = new Set(['stayed', 'entered', 'new']);
  return {
    columns: [{ label: 'Group' }, { label: 'Keys' }, { label: 'Share' }, { label: 'Rows as of' }, { label: 'Meaning' }],
    rows: FLOW_GROUPS.map((g) => {
      const base = onTo.has(g) ? f.countTo : f.countFrom;
      return {
        kind: 'column',
        cells: [
          text(GROUP_LABELS[g]),
          count(f[g]),
          share(base > 0 ? f[g] / base : null),
          text(onTo.has(g) ? f.toAsOf.slice(0, 10) : f.fromAsOf.slice(0, 10)),
          text(GROUP_MEANING[g]),
        ],
      };
    }),
  };
}

/**
 * What the flow table's Share is a share of: the groups on the later snapshot (stayed, entered, new)
 * of its members, those on the earlier one (left, gone) of the earlier members, so each set adds up
 * to 100% on its own and the column as a whole does not.
 */
export function flowShareNote(f: Pick<SegmentFlow, 'fromAsOf' | 'toAsOf' | 'countFrom' | 'countTo'>): string {
  const day = (t: string) => t.slice(0, 10);
  return (
    `Share: stayed, entered and new keys of the ${formatCount(f.countTo)} members as of ${day(f.toAsOf)}; ` +
    `stayed, left and gone keys of the ${formatCount(f.countFrom)} as of ${day(f.fromAsOf)}.`
  );
}

/** Tiers at `from` down (then new keys), tiers at `to` across (then gone keys), with each row's total. */
export function tierMatrixTable(f: SchemeFlow, tierColor: (tier: string) => string): TableModel {
  const totals = fromTotals(f);
  const to = toTiersOf(f);
  const columns: TableColumn[] = [
    { label: `From (as of ${f.fromAsOf.slice(0, 10)})` },
    ...to.map((t) => ({ label: t, group: `to (as of ${f.toAsOf.slice(0, 10)})` })),
    { label: 'gone', group: `to (as of ${f.toAsOf.slice(0, 10)})` },
    { label: 'Total' },
  ];
  const rows: TableRow[] = f.tiers.map((t, i) => ({
    kind: 'column',
    color: tierColor(t),
    cells: [text(t), ...to.map((_, j) => count(f.matrix[i]?.[j] ?? 0)), count(f.gone[i] ?? 0), count(totals[i] ?? 0)],
  }));
  rows.push({
    kind: 'baseline',
    cells: [text('new'), ...to.map((_, j) => count(f.new[j] ?? 0)), text(''), count(f.new.reduce((a, b) => a + b, 0))],
  });
  return { columns, rows };
}

export function pathsTable(r: PathsResult): TableModel {
  return {
    columns: [{ label: 'Path' }, { label: 'Keys' }, { label: 'Share' }, { label: 'Steps', csvOnly: true }],
    rows: r.paths.map((x) => ({
      kind: 'column',
      cells: [text(pathLabel(x.tiers)), count(x.keys), share(x.share), count(x.tiers.length)],
    })),
  };
}

/** Per tier: keys that reached it after being first seen elsewhere, and the median snapshots it took. */
export function reachTable(r: PathsResult, tierColor: (tier: string) => string): TableModel {
  return {
    columns: [{ label: 'Tier' }, { label: 'Keys that reached it' }, { label: 'Median snapshots to reach it' }],
    rows: r.reach.map((x) => ({
      kind: 'column',
      color: tierColor(x.tier),
      cells: [text(x.tier), count(x.keys), amount(x.medianSnapshots)],
    })),
  };
}
