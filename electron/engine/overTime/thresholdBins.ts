/**
 * Each row's bin on a threshold grid, kept (threshold.ts): j, the number of grid thresholds the
 * row's value passes, computed once per snapshot, field and grid into a narrow table in the
 * snapshot's row order. A curve then reads it beside the snapshot (`POSITIONAL JOIN`, as the compare
 * view's kept mask does) and groups by it, which costs about one count, where binning every value
 * again with `histogram` cost as much as the rest of the scan: redrawing the curve as the user edits
 * the other conditions stays near the cost of a live count. A snapshot with a column named `rowid`
 * (which hides DuckDB's row position) gets no kept bins; the curve then bins as it scans.
 */
import { randomBytes } from 'node:crypto';
import { Frag, param } from '../../../shared/segments/compiler';
import { quoteIdent } from '../db/sql';
import { preparedFor } from '../segments/runs/compileAdapter';
import type { RunContext } from '../segments/runs/runContext';
import { VIEW_CACHE_DB, type QueryOptions, type Workspace } from '../workspace/workspace';

type Part = Frag['parts'][number];

/** Bin tables kept per workspace (2 bytes a row each). */
const KEPT = 4;
const kept = new WeakMap<Workspace, Map<string, string>>();

const J = '__segwb_j';
const RID = '__segwb_rid';

export interface BinnedRun {
  /** The run with its entity snapshot read beside the bins. */
  ctx: RunContext;
  /** The bin column's quoted name (alias e). */
  column: string;
}

/**
 * j as a balanced tree of comparisons with the sorted thresholds (about log2(41) ≈ 6 per row):
 * thresholds ≤ v when `inclusive` (≥ and < conditions), else thresholds < v; NULL for NULL.
 */
export function binExpr(value: Frag, thresholds: readonly number[], inclusive: boolean): Part[] {
  const cmp = inclusive ? ' >= ' : ' > ';
  const tree = (lo: number, hi: number): Part[] => {
    if (lo >= hi) return [String(lo)];
    const mid = (lo + hi) >> 1;
    return [
      'CASE WHEN ',
      ...value.parts,
      cmp,
      param(thresholds[mid]!, 'DOUBLE'),
      ' THEN ',
      ...tree(mid + 1, hi),
      ' ELSE ',
      ...tree(lo, mid),
      ' END',
    ];
  };
  return ['CASE WHEN ', ...value.parts, ' IS NULL THEN NULL ELSE ', ...tree(0, thresholds.length), ' END'];
}

/** The run with each row's bin of `field` beside it, built on first use; null where bins cannot be kept. */
export async function keptBins(
  ws: Workspace,
  run: RunContext,
  field: string,
  thresholds: readonly number[],
  inclusive: boolean,
  opts?: QueryOptions,
): Promise<BinnedRun | null> {
  const table = run.entity.table;
  const snap = run.snapshots[table];
  const taken = new Set((run.schemas[table] ?? []).map((c) => c.name.toLowerCase()));
  if (!snap || taken.has('rowid') || taken.has(J) || taken.has(RID)) return null;
  const withRid: RunContext = {
    ...run,
    snapshots: {
      ...run.snapshots,
      [table]: { ...snap, relation: `(SELECT *, rowid AS ${RID} FROM ${snap.relation})` },
    },
  };
  const p = preparedFor(withRid);
  const value = new Frag(['CAST(e.', quoteIdent(field), ' AS DOUBLE)']);
  // Metrics that join related tables do not keep the scan's order: sort the narrow result back.
  const select = p.render(
    new Frag([
      'SELECT CAST(',
      ...binExpr(value, thresholds, inclusive),
      ` AS SMALLINT) AS ${J} FROM `,
      ...p.source.parts,
      ` AS e ORDER BY e.${RID}`,
    ]),
  );
  const key = JSON.stringify([select.sql, select.params]);
  let tables = kept.get(ws);
  if (!tables) kept.set(ws, (tables = new Map()));
  let name = tables.get(key);
  if (name)
    tables.delete(key); // re-inserted below: most recently used last
  else {
    const fresh = `${VIEW_CACHE_DB}.${quoteIdent(`thr_${randomBytes(6).toString('hex')}`)}`;
    await ws.run(`CREATE TABLE ${fresh} AS ${select.sql}`, select.params, opts);
    // Another call may have built the same bins meanwhile: keep one.
    name = tables.get(key) ?? fresh;
    if (name !== fresh) void ws.run(`DROP TABLE IF EXISTS ${fresh}`).catch(() => undefined);
    tables.delete(key);
  }
  tables.set(key, name);
  for (const [old, t] of tables) {
    if (tables.size <= KEPT) break;
    tables.delete(old);
    void ws.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
  return {
    ctx: {
      ...run,
      snapshots: {
        ...run.snapshots,
        [table]: { ...snap, relation: `(SELECT * FROM ${snap.relation} POSITIONAL JOIN ${name})` },
      },
    },
    column: quoteIdent(J),
  };
}
