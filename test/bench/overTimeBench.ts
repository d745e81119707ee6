/**
 * Over-time benchmark (issue 10 item 8, SPEC §11), through the over-time and segments services the
 * app calls, on the demo generator's accounts at monthly as-ofs:
 *  - membership flow of Activated and the Value tiers transition matrix between two snapshots, at
 *    1M and 10M rows, beside the hand-written DuckDB join doing the same work in the same run (each
 *    side's rule by hand, one FULL OUTER JOIN on the key, grouped): ≤ 1.2× (+5 ms);
 *  - trends: Activated measured on six snapshots of 1M rows (measureSegment allSnapshots, records
 *    appended to the log, as the Trends section does) beside one count of it: ≤ 6×;
 *  - the threshold explorer's curve (40 points) on Activated's billable-ticket condition beside one
 *    count of Activated on the same snapshot: ≤ 2× (warm: the grid is kept per snapshot and field,
 *    as when the user edits the other conditions; the first call, which builds it, is in the note).
 * Engine and baseline run alternately (benchUtils.paired), medians of warm runs. Big data only
 * here, never in `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_SNAPSHOTS } from '../../electron/engine/demo/demoWorkspace';
import { accountsSelect } from '../../electron/engine/demo/generator';
import { TEMPLATES } from '../../electron/engine/demo/templates';
import { createOverTimeService } from '../../electron/engine/overTime/overTimeService';
import { createSegmentsService } from '../../electron/engine/segments/segmentsService';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../electron/engine/workspace/addSnapshot';
import { paired, time, type BenchContext, type BenchRow } from './benchUtils';

const template = (name: string) => ({ definition: TEMPLATES.find((t) => t.name === name)!.definition });
const activated = template('Activated');
const valueTiers = template('Value tiers');

/** Activated's rule by hand at an as-of date: 0 = member, 1 = not. */
const activatedSql = (asOf: string) =>
  `CASE WHEN billable_ticket_usage_pct >= 2 AND date_diff('day', CAST(last_active_at AS DATE), DATE '${asOf}') <= 3 THEN 0 ELSE 1 END`;
/** Value tiers by hand: 0 High, 1 Medium, 2 Low (first match wins). */
const tiersSql =
  'CASE WHEN contract_value >= 50000 OR (contract_value >= 20000 AND seats >= 100) THEN 0 WHEN contract_value >= 3000 THEN 1 ELSE 2 END';

/** The flow's work by hand: each side's value per key, joined on the key, grouped by the pair. */
function handFlow(from: string, to: string, fromValue: string, toValue: string): string {
  return `SELECT f.v AS a, t.v AS b, count(*) AS n
    FROM (SELECT account_id AS k, ${fromValue} AS v FROM ${from}) f
    FULL OUTER JOIN (SELECT account_id AS k, ${toValue} AS v FROM ${to}) t ON f.k = t.k GROUP BY ALL`;
}

type Cell = { a: number | null; b: number | null; n: number };
const cellsOf = (rows: Record<string, unknown>[]): Cell[] =>
  rows.map((r) => ({ a: r.a === null ? null : Number(r.a), b: r.b === null ? null : Number(r.b), n: Number(r.n) }));
const sumCells = (cells: Cell[], a: number | null, b: number | null) =>
  cells.filter((c) => c.a === a && c.b === b).reduce((s, c) => s + c.n, 0);

export async function run(ctx: BenchContext = {}): Promise<BenchRow[]> {
  const sizes = ctx.sizes ?? [1_000_000, 10_000_000];
  const log = ctx.log ?? ((line: string) => console.log(line));
  const out: BenchRow[] = [];
  for (const size of sizes) {
    const big = size >= 10_000_000;
    const runs = big ? 5 : 7;
    // Six monthly snapshots at 1M (trends); the last two at 10M (flows).
    const asOfs = big ? DEMO_SNAPSHOTS.slice(-2) : [...DEMO_SNAPSHOTS];
    const dir = mkdtempSync(path.join(ctx.workDir ?? tmpdir(), 'segwb-overtimebench-'));
    const ws = await Workspace.open(dir, { create: true, memoryLimit: '1GB' });
    try {
      log(`overTimeBench: generating ${asOfs.length} snapshots of ${size.toLocaleString('en-US')} accounts`);
      const snaps: { id: string; relation: string; asOf: string }[] = [];
      for (const asOf of asOfs) {
        const s = await addSnapshotFromQuery(ws, {
          table: 'accounts',
          asOf,
          sourceFile: 'bench',
          select: accountsSelect(asOf),
          params: [size],
        });
        snaps.push({ id: s.id, relation: s.relation, asOf });
      }
      ws.updateMeta((m) => {
        m.entity = { table: 'accounts', key: 'account_id' };
      });
      const overTime = createOverTimeService({ workspace: () => ws, emit: () => {} });
      const segments = createSegmentsService({ workspace: () => ws, emit: () => {} });
      const [from, to] = [snaps.at(-2)!, snaps.at(-1)!];
      const push = (row: Omit<BenchRow, 'ratio' | 'pass'>, limit: number, plus = 0, ok = true): void => {
        const ratio = row.ms / row.baselineMs;
        const r: BenchRow = {
          ...row,
          ms: round(row.ms),
          baselineMs: round(row.baselineMs),
          ratio: round(ratio),
          pass: ok && row.ms <= row.baselineMs * limit + plus,
        };
        out.push(r);
        log(
          `overTimeBench ${r.name} @${size}: ${r.ms} ms vs ${r.baselineMs} ms (${r.ratio}×, target ${String(r.target)}) ${r.pass ? 'ok' : 'MISSED'}`,
        );
      };

      // Membership flow: the same five groups from the engine and from the hand-written join.
      const flowHand = handFlow(from.relation, to.relation, activatedSql(from.asOf), activatedSql(to.asOf));
      const flow = await overTime.segmentFlow({ target: activated, from: from.id, to: to.id });
      const cells = cellsOf(await ws.query(flowHand));
      const handGroups = [
        sumCells(cells, 0, 0),
        sumCells(cells, 1, 0),
        sumCells(cells, 0, 1),
        sumCells(cells, null, 0),
        sumCells(cells, 0, null),
      ];
      const engineGroups = flow.kind === 'segment' ? [flow.stayed, flow.entered, flow.left, flow.new, flow.gone] : [];
      const flowSame = JSON.stringify(handGroups) === JSON.stringify(engineGroups);
      if (!flowSame)
        log(
          `overTimeBench: FLOW MISMATCH engine ${JSON.stringify(engineGroups)} vs hand-written ${JSON.stringify(handGroups)}`,
        );
      const [flowMs, flowBase] = await paired(
        runs,
        () => overTime.segmentFlow({ target: activated, from: from.id, to: to.id }),
        () => ws.query(flowHand),
      );
      push(
        {
          name: 'flow: Activated, two snapshots',
          rows: size,
          ms: flowMs,
          baselineMs: flowBase,
          target: '≤ 1.2× +5 ms',
          note: `hand-written FULL OUTER JOIN${flowSame ? '' : '; COUNTS DIFFER'}`,
        },
        1.2,
        5,
        flowSame,
      );

      // Tier movement: the transition matrix with new and gone.
      const tiersHand = handFlow(from.relation, to.relation, tiersSql, tiersSql);
      const moved = await overTime.segmentFlow({ target: valueTiers, from: from.id, to: to.id });
      const tcells = cellsOf(await ws.query(tiersHand));
      const handMatrix = [0, 1, 2].map((a) => [0, 1, 2].map((b) => sumCells(tcells, a, b)));
      const tiersSame =
        moved.kind === 'scheme' &&
        JSON.stringify(handMatrix) === JSON.stringify(moved.matrix) &&
        JSON.stringify([0, 1, 2].map((b) => sumCells(tcells, null, b))) === JSON.stringify(moved.new);
      if (!tiersSame)
        log(
          `overTimeBench: MATRIX MISMATCH engine ${JSON.stringify(moved)} vs hand-written ${JSON.stringify(handMatrix)}`,
        );
      const [tierMs, tierBase] = await paired(
        runs,
        () => overTime.segmentFlow({ target: valueTiers, from: from.id, to: to.id }),
        () => ws.query(tiersHand),
      );
      push(
        {
          name: 'tier matrix: Value tiers, two snapshots',
          rows: size,
          ms: tierMs,
          baselineMs: tierBase,
          target: '≤ 1.2× +5 ms',
          note: `hand-written FULL OUTER JOIN${tiersSame ? '' : '; COUNTS DIFFER'}`,
        },
        1.2,
        5,
        tiersSame,
      );

      // One count of Activated on the latest snapshot: the yardstick of trends and the threshold curve.
      const count = () => segments.countSegment({ target: activated });
      const handCount = `SELECT count(*) FROM ${to.relation} WHERE billable_ticket_usage_pct >= 2 AND date_diff('day', CAST(last_active_at AS DATE), DATE '${to.asOf}') <= 3`;
      const [, rawCountMs] = await paired(
        runs,
        async () => {},
        () => ws.query(handCount),
      );

      if (!big) {
        const records = await segments.measureSegment({ target: activated, allSnapshots: true });
        const trendSame = records.length === snaps.length;
        const [trendMs, countMs] = await paired(
          runs,
          () => segments.measureSegment({ target: activated, allSnapshots: true }),
          count,
        );
        push(
          {
            name: `trends: Activated on ${snaps.length} snapshots`,
            rows: size,
            ms: trendMs,
            baselineMs: countMs,
            target: `≤ ${snaps.length}× one count`,
            note: `baseline: one count (engine); raw SQL count ${round(rawCountMs)} ms${trendSame ? '' : '; RECORDS MISSING'}`,
          },
          snaps.length,
          0,
          trendSame,
        );
      }

      // The threshold curve on where.all[0] (billable_ticket_usage_pct ≥ 2): its point at 2 is the count.
      const curveReq = { target: activated, path: 'where.all[0]', points: 40 };
      // The first call also builds the grid.
      const [coldMs, curve] = await time(() => overTime.thresholdCurve(curveReq));
      const counted = await count();
      const atCurrent = curve.points.find((p) => p.threshold === 2)?.count;
      const curveSame = atCurrent === counted.count;
      if (!curveSame) log(`overTimeBench: CURVE MISMATCH point at 2: ${String(atCurrent)} vs count ${counted.count}`);
      const [curveMs, countMs] = await paired(runs, () => overTime.thresholdCurve(curveReq), count);
      push(
        {
          name: `threshold curve: ${curve.points.length} points`,
          rows: size,
          ms: curveMs,
          baselineMs: countMs,
          target: '≤ 2× one count',
          note: `baseline: one count (engine); first call (grid) ${round(coldMs)} ms; raw SQL count ${round(rawCountMs)} ms${curveSame ? '' : '; COUNTS DIFFER'}`,
        },
        2,
        0,
        curveSame,
      );
    } finally {
      await ws.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// `node --import tsx test/bench/overTimeBench.ts [rows...]` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  void run(sizes.length ? { sizes } : {}).then((rows) => console.log(JSON.stringify(rows, null, 2)));
}
