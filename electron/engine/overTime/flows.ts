/**
 * Membership flow between two snapshots and tier paths over several (docs/compare-and-over-time.md, SPEC §6 Over time,
 * §7 `flow`,
 * §11: one join of the snapshots on the key, grouped). A segment's rows are 0 (in) / 1 (out), a
 * scheme's their tier index; keys only on one side are `new` / `gone`.
 */
import type { PathsResult, SchemeFlow, SegmentFlow } from '../../../shared/api/overTimeApi';
import { Frag, getDialect, pushAll, render } from '../../../shared/segments/compiler';
import { ApiError } from '../../../shared/api/protocol';
import type { RunContext } from '../segments/runs/runContext';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { keyedRows, type SnapshotRuns } from './snapshotRuns';

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Rows per (tier at from, tier at to); null for a key missing on that side. */
async function transitions(
  ws: Workspace,
  from: RunContext,
  to: RunContext,
  opts?: QueryOptions,
): Promise<{ a: number | null; b: number | null; n: number }[]> {
  const q = render(
    new Frag([
      'SELECT f.v AS a, t.v AS b, count(*) AS n FROM ',
      ...keyedRows(from).parts,
      ' AS f FULL OUTER JOIN ',
      ...keyedRows(to).parts,
      ' AS t ON f.k = t.k GROUP BY ALL',
    ]),
    getDialect('duckdb'),
  );
  const rows = await ws.query(q.sql, q.params, opts);
  return rows.map((r) => ({
    a: r.a === null ? null : Number(r.a),
    b: r.b === null ? null : Number(r.b),
    n: Number(r.n),
  }));
}

/**
 * The flow from `runs.runs[0]` to `runs.runs[1]`; with `versus`, from `runs.runs[0]` to the other
 * definition's first run (tiers of each side as its own definition names them).
 */
export async function flowOf(
  ws: Workspace,
  runs: SnapshotRuns,
  opts?: QueryOptions,
  versus?: SnapshotRuns,
): Promise<SegmentFlow | SchemeFlow> {
  const from = runs.runs[0]!;
  const to = versus ? versus.runs[0]! : runs.runs[1]!;
  if (versus && (versus.scheme !== runs.scheme || to.entity.table !== from.entity.table)) {
    throw new ApiError('invalid_input', 'A flow compares two segments, or two schemes, of one table.');
  }
  const toTiers = versus ? versus.tiers : runs.tiers;
  const cells = await transitions(ws, from, to, opts);
  const head = {
    segment: runs.loaded.name,
    version: runs.loaded.version,
    hash: runs.loaded.hash,
    table: from.entity.table,
    from: from.snapshot.id,
    to: to.snapshot.id,
    fromAsOf: from.asOf.iso,
    toAsOf: to.asOf.iso,
  };
  if (!runs.scheme) {
    const sum = (pred: (c: { a: number | null; b: number | null }) => boolean) =>
      cells.filter(pred).reduce((s, c) => s + c.n, 0);
    const stayed = sum((c) => c.a === 0 && c.b === 0);
    const entered = sum((c) => c.a === 1 && c.b === 0);
    const left = sum((c) => c.a === 0 && c.b === 1);
    const fresh = sum((c) => c.a === null && c.b === 0);
    const gone = sum((c) => c.a === 0 && c.b === null);
    const countFrom = stayed + left + gone;
    const countTo = stayed + entered + fresh;
    return {
      kind: 'segment',
      ...head,
      stayed,
      entered,
      left,
      new: fresh,
      gone,
      countFrom,
      countTo,
      retention: ratio(stayed, countFrom),
      jaccard: ratio(stayed, stayed + entered + left + fresh + gone),
    };
  }
  const n = runs.tiers.length;
  const m = toTiers.length;
  const matrix = Array.from({ length: n }, () => Array.from({ length: m }, () => 0));
  const fresh = Array.from({ length: m }, () => 0);
  const gone = Array.from({ length: n }, () => 0);
  for (const c of cells) {
    if (c.a !== null && c.b !== null) matrix[c.a]![c.b]! += c.n;
    else if (c.a === null && c.b !== null) fresh[c.b]! += c.n;
    else if (c.a !== null) gone[c.a]! += c.n;
  }
  return { kind: 'scheme', ...head, tiers: runs.tiers, toTiers, matrix, new: fresh, gone };
}

/**
 * The commonest paths through the tiers (repeats collapsed) over the snapshots in order, and per
 * tier the median number of snapshots a key took to first reach it from where it was first seen.
 */
export async function pathsOf(
  ws: Workspace,
  runs: SnapshotRuns,
  limit: number,
  opts?: QueryOptions,
): Promise<PathsResult> {
  const union: Frag['parts'][number][] = [];
  runs.runs.forEach((ctx, i) => {
    union.push(`${i ? ' UNION ALL ' : ''}SELECT ${i} AS s, k, v FROM `);
    pushAll(union, keyedRows(ctx).parts); // not spread: an `in` list may hold 100,000 values
    union.push(` AS r${i}`);
  });
  const q = render(
    new Frag([
      "SELECT p, count(*) AS n FROM (SELECT k, string_agg(CAST(s AS VARCHAR) || ':' || CAST(v AS VARCHAR), ',' ORDER BY s) AS p FROM (",
      ...union,
      ') GROUP BY k) GROUP BY p',
    ]),
    getDialect('duckdb'),
  );
  const rows = await ws.query(q.sql, q.params, opts);
  const byPath = new Map<string, number>();
  const reach = runs.tiers.map(() => [] as { snapshots: number; keys: number }[]);
  let keys = 0;
  for (const r of rows) {
    const n = Number(r.n);
    keys += n;
    const steps = String(r.p)
      .split(',')
      .map((x) => x.split(':').map(Number) as [number, number]);
    const collapsed: number[] = [];
    for (const [, v] of steps) if (collapsed.at(-1) !== v) collapsed.push(v);
    const label = collapsed.join('>');
    byPath.set(label, (byPath.get(label) ?? 0) + n);
    const [firstSnapshot, firstTier] = steps[0]!;
    const seen = new Set<number>([firstTier]);
    for (const [s, v] of steps) {
      if (seen.has(v)) continue;
      seen.add(v);
      reach[v]!.push({ snapshots: s - firstSnapshot, keys: n });
    }
  }
  const paths = [...byPath.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([label, n]) => ({
      tiers: label.split('>').map((i) => runs.tiers[Number(i)]!),
      keys: n,
      share: keys ? n / keys : 0,
    }));
  return {
    segment: runs.loaded.name,
    table: runs.runs[0]!.entity.table,
    snapshots: runs.runs.map((c) => ({ id: c.snapshot.id, asOf: c.snapshot.asOf })),
    tiers: runs.tiers,
    keys,
    paths,
    reach: runs.tiers.map((tier, i) => ({
      tier,
      keys: reach[i]!.reduce((a, x) => a + x.keys, 0),
      medianSnapshots: weightedMedian(reach[i]!),
    })),
  };
}

/** The median of weighted values (the mean of the two middle ones for an even total weight). */
export function weightedMedian(xs: readonly { snapshots: number; keys: number }[]): number | null {
  const total = xs.reduce((a, x) => a + x.keys, 0);
  if (!total) return null;
  const sorted = [...xs].sort((a, b) => a.snapshots - b.snapshots);
  const lowerMid = Math.floor((total - 1) / 2);
  const upperMid = Math.floor(total / 2);
  const at = (rank: number) => {
    let seen = 0;
    for (const x of sorted) {
      seen += x.keys;
      if (rank < seen) return x.snapshots;
    }
    return sorted.at(-1)!.snapshots;
  };
  return (at(lowerMid) + at(upperMid)) / 2;
}
