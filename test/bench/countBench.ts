/**
 * Count benchmark (issue 3 item 7, SPEC §11): the segment engine's counts end to end through the
 * segments service, each beside the best hand-written DuckDB SQL for the same question in the same
 * run and on the same snapshot: a 2-condition rule, a 6-condition nested rule, 8 segments at once
 * (against UNION ALL of pushed-down WHERE counts, with one 8-FILTER query shown for reference) and a
 * metric rule (tickets in the last 30 days). Medians of warm runs, engine and hand-written timed
 * alternately; targets ≤ 1.2× (+5 ms, SPEC §11), 8 at once ≤ 1.1× (+5 ms). The baseline runs on the
 * same workspace connection pool (the database file is locked to the workspace), so the ratio is the
 * cost of the engine's path: catalog read, validation, compile and the query shape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { accountsSelect, ticketsSelect } from '../../electron/engine/demo/generator';
import { addSnapshotFromQuery } from '../../electron/engine/workspace/addSnapshot';
import { createSegmentsService } from '../../electron/engine/segments/segmentsService';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { paired, type BenchContext, type BenchRow } from './benchUtils';

const entity = { table: 'accounts', key: 'account_id' };
const AS_OF = '2026-11-01 00:00:00';

const twoCond = {
  all: [
    { field: 'plan', op: 'in', values: ['pro', 'enterprise'] },
    { field: 'mrr', op: 'gte', value: 100 },
  ],
};
const sixCond = {
  all: [
    { field: 'status', op: 'neq', value: 'churned' },
    {
      any: [
        { field: 'health_score', op: 'lt', value: 40 },
        { field: 'cancellation_requested', op: 'isTrue' },
        { field: 'last_active_at', op: 'olderThan', n: 14, unit: 'day' },
      ],
    },
    { not: { field: 'plan', op: 'eq', value: 'free' } },
    { field: 'seats', op: 'between', min: 5, max: 200 },
  ],
};
const eight = [
  { field: 'plan', op: 'eq', value: 'pro' },
  { field: 'mrr', op: 'gte', value: 500 },
  { field: 'nps', op: 'gte', value: 9 },
  { field: 'status', op: 'eq', value: 'churned' },
  { field: 'health_score', op: 'lt', value: 30 },
  { field: 'channel', op: 'in', values: ['paid_search', 'partner'] },
  { field: 'signup_date', op: 'inLast', n: 90, unit: 'day' },
  { field: 'features_used', op: 'gte', value: 8 },
];
const eightSql = [
  `plan = 'pro'`,
  `mrr >= 500`,
  `nps >= 9`,
  `status = 'churned'`,
  `health_score < 30`,
  `channel IN ('paid_search', 'partner')`,
  `signup_date BETWEEN DATE '2026-08-03' AND DATE '2026-11-01'`,
  `features_used >= 8`,
];
const ticketsMetric = {
  name: 'tickets_30d',
  kind: 'aggregate',
  from: 'tickets',
  on: { entity: 'account_id', related: 'account_id' },
  fn: 'count',
  window: { column: 'created_at', n: 30, unit: 'day' },
};

export async function run(ctx: BenchContext = {}): Promise<BenchRow[]> {
  const sizes = ctx.sizes ?? [1_000_000, 10_000_000];
  const runs = ctx.runs ?? 9;
  const log = ctx.log ?? ((line: string) => console.log(line));
  const out: BenchRow[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(ctx.workDir ?? tmpdir(), 'segwb-countbench-'));
    const ws = await Workspace.open(dir, { create: true, memoryLimit: '1GB' });
    try {
      log(`countBench: generating ${size.toLocaleString('en-US')} accounts`);
      // The demo generator's accounts (one snapshot) and tickets: what these counts read.
      const accounts = await addSnapshotFromQuery(ws, {
        table: 'accounts',
        asOf: '2026-11-01',
        sourceFile: 'bench',
        select: accountsSelect('2026-11-01'),
        params: [size],
      });
      await addSnapshotFromQuery(ws, {
        table: 'tickets',
        asOf: '2026-11-01',
        sourceFile: 'bench',
        select: ticketsSelect(accounts.relation, '2026-11-01'),
      });
      const api = createSegmentsService({ workspace: () => ws, emit: () => {} });
      const acc = (await ws.resolveSnapshot('accounts')).relation;
      const tix = (await ws.resolveSnapshot('tickets')).relation;
      const row = async (
        name: string,
        target: number,
        engine: () => Promise<unknown>,
        baseline: () => Promise<unknown>,
        note?: string,
      ): Promise<void> => {
        const [ms, baselineMs] = await paired(runs, engine, baseline);
        const ratio = ms / baselineMs;
        const r: BenchRow = {
          name,
          rows: size,
          ms: round(ms),
          baselineMs: round(baselineMs),
          ratio: round(ratio),
          target: `≤ ${target}× +5 ms`,
          pass: ms <= baselineMs * target + 5,
          ...(note ? { note } : {}),
        };
        out.push(r);
        log(
          `countBench ${name} @${size}: ${r.ms} ms vs ${r.baselineMs} ms hand-written (${r.ratio}×, target ${target}×) ${r.pass ? 'ok' : 'SLOW'}`,
        );
      };
      const count = (where: unknown, metrics?: unknown[]) => () =>
        api.countSegment({ target: { definition: { entity, where, ...(metrics ? { metrics } : {}) } } });

      await row('count 2 conditions', 1.2, count(twoCond), () =>
        ws.query(`SELECT count(*) FROM ${acc} WHERE plan IN ('pro', 'enterprise') AND mrr >= 100`),
      );
      await row('count 6 conditions nested', 1.2, count(sixCond), () =>
        ws.query(
          `SELECT count(*) FROM ${acc} WHERE status IS DISTINCT FROM 'churned' AND (health_score < 40 OR cancellation_requested OR last_active_at < TIMESTAMP '2026-10-18 00:00:00') AND plan IS DISTINCT FROM 'free' AND seats BETWEEN 5 AND 200`,
        ),
      );
      const unionAll = eightSql
        .map((w, i) => `SELECT ${i} AS k, count(*) AS n FROM ${acc} WHERE ${w}`)
        .join(' UNION ALL ');
      const filters = eightSql.map((w, i) => `count(*) FILTER (WHERE ${w}) AS n${i}`).join(', ');
      const [filterMs] = await paired(
        runs,
        () => ws.query(`SELECT ${filters} FROM ${acc}`),
        async () => {},
      );
      await row(
        '8 segments at once',
        1.1,
        () => api.countSegments({ targets: eight.map((where) => ({ definition: { entity, where } })) }),
        () => ws.query(unionAll),
        `one 8-FILTER query: ${round(filterMs)} ms`,
      );
      await row(
        'metric: tickets in the last 30 days',
        1.2,
        count({ field: 'tickets_30d', op: 'gte', value: 3 }, [ticketsMetric]),
        () =>
          ws.query(
            `SELECT count(*) FROM ${acc} a JOIN (SELECT account_id, count(*) AS n FROM ${tix} WHERE created_at BETWEEN TIMESTAMP '2026-10-02 00:00:00' AND TIMESTAMP '${AS_OF}' GROUP BY account_id) t ON t.account_id = a.account_id WHERE t.n >= 3`,
          ),
      );
    } finally {
      ws.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// `node --import tsx test/bench/countBench.ts [rows...]` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  void run(sizes.length ? { sizes } : {}).then((rows) => console.log(JSON.stringify(rows, null, 2)));
}
