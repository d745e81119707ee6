/**
 * PostgreSQL benchmark (issue 13 item 5): counting a saved definition on a PostgreSQL server through
 * the engine (connect, find the tables and check their columns, lookups, the count with its total,
 * disconnect) beside the same compiled SQL run by `psql` on the same server, timed by psql's own
 * \timing (the query alone): the statement the engine runs (members and table total in one scan),
 * parameters written in as literals. Target: engine ≤ 1.1 × psql + the connection time (a bare
 * connect and close, measured in the same run), i.e. what running a definition through the engine
 * costs over pasting its SQL into psql. The note also gives psql counting `segwb compile`'s members
 * alone (no total: a few % less work). Data: the demo generator's accounts and tickets (no usage
 * events: loading tens of millions of rows into the server would dominate the run), the templates
 * that read only those, at the smallest size of the run (1M accounts). Skipped with a note when
 * SEGWB_PG_URL or psql is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { accountsSelect, ticketsSelect } from '../../electron/engine/demo/generator';
import { TEMPLATES } from '../../electron/engine/demo/templates';
import { resolveServer } from '../../electron/engine/postgres/connection';
import { preparePgRun, renderSegmentCount, renderTierCount } from '../../electron/engine/postgres/pgRun';
import { createPostgresService } from '../../electron/engine/postgres/postgresService';
import { loadTarget } from '../../electron/engine/segments/runs/targetRun';
import { workspaceRunner } from '../../electron/engine/sqlGuard/runners';
import { relatedTables } from '../../electron/engine/segments/runs/runContext';
import { createSegmentsService } from '../../electron/engine/segments/segmentsService';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../electron/engine/workspace/addSnapshot';
import { pgTypeOf } from '../electron/engine/postgres/pgRunTestUtils';
import { fmtRows, type BenchContext, type BenchRow } from './benchUtils';

const AS_OF = '2026-11-01';

function psqlBin(): string | null {
  const r = spawnSync(
    'sh',
    ['-c', 'command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1'],
    { encoding: 'utf8' },
  );
  const bin = r.stdout.trim().split('\n')[0];
  return bin ? bin : null;
}

function skipped(note: string): BenchRow[] {
  return [
    {
      name: 'count on PostgreSQL',
      rows: 0,
      ms: NaN,
      baselineMs: NaN,
      ratio: NaN,
      target: '≤ 1.1× psql + connect',
      pass: true,
      note,
    },
  ];
}

/** A statement with its parameters written in as literals (what psql is given). */
const inline = (q: { sql: string; params: unknown[] }): string =>
  q.sql.replace(/\$(\d+)/g, (_, i: string) => lit(q.params[Number(i) - 1]));

const lit = (v: unknown): string =>
  typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);

export async function run(ctx: BenchContext = {}): Promise<BenchRow[]> {
  const log = ctx.log ?? ((line: string) => console.log(line));
  const url = process.env.SEGWB_PG_URL;
  if (!url) return skipped('skipped: no PostgreSQL server (SEGWB_PG_URL is not set; eval "$(bash test/pg/start.sh)")');
  const psql = psqlBin();
  if (!psql) return skipped('skipped: psql not found');
  const size = Math.min(...(ctx.sizes ?? [1_000_000]));
  const runs = 7;
  const dir = mkdtempSync(path.join(ctx.workDir ?? tmpdir(), 'segwb-pgbench-'));
  const ws = await Workspace.open(dir, { create: true, memoryLimit: '1GB' });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // SEGWB_PGBENCH_KEEP=1 keeps the loaded tables on the server under a fixed name and reuses them
  // on the next run of that size (for EXPLAINing its queries by hand, and quicker reruns).
  const keep = process.env.SEGWB_PGBENCH_KEEP === '1';
  const schema = keep ? `pgrun_bench_kept_${size}` : `pgrun_bench_${process.pid}`;
  const out: BenchRow[] = [];
  try {
    log(`pgBench: generating ${size.toLocaleString('en-US')} accounts with tickets and loading them into PostgreSQL`);
    const accounts = await addSnapshotFromQuery(ws, {
      table: 'accounts',
      asOf: AS_OF,
      sourceFile: 'bench',
      select: accountsSelect(AS_OF),
      params: [size],
    });
    const tickets = await addSnapshotFromQuery(ws, {
      table: 'tickets',
      asOf: AS_OF,
      sourceFile: 'bench',
      select: ticketsSelect(accounts.relation, AS_OF),
    });
    const kept =
      keep &&
      (await admin
        .query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.accounts`)
        .then((r) => Number(r.rows[0]?.n) === size)
        .catch(() => false));
    if (!kept) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    for (const [table, snap] of kept
      ? []
      : ([
          ['accounts', accounts],
          ['tickets', tickets],
        ] as const)) {
      const cols = await ws.columns(snap.relation);
      await admin.query(
        `CREATE TABLE ${schema}.${table} (${cols.map((c) => `"${c.name}" ${pgTypeOf(c.type)}`).join(', ')})`,
      );
      const csv = path.join(ws.stagingDir, `${table}.csv`);
      await ws.run(
        `COPY (SELECT ${cols.map((c) => `CAST("${c.name}" AS VARCHAR) AS "${c.name}"`).join(', ')} FROM ${snap.relation}) TO '${csv}' (HEADER)`,
      );
      const loaded = spawnSync(psql, ['-X', '-q', url, '-c', `\\copy ${schema}.${table} FROM '${csv}' CSV HEADER`], {
        encoding: 'utf8',
      });
      if (loaded.status !== 0) throw new Error(`psql \\copy failed: ${loaded.stderr}`);
      rmSync(csv, { force: true });
    }
    await admin.query(`ANALYZE ${schema}.accounts; ANALYZE ${schema}.tickets`);

    const service = createPostgresService({ workspace: () => ws, emit: () => {} });
    const segments = createSegmentsService({ workspace: () => ws, emit: () => {} });
    const server = { url, schema };
    // A bare session: connect and close (what every run pays before its query).
    const connectTimes: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      connectTimes.push(performance.now() - t0);
    }
    const connectMs = connectTimes.sort((a, b) => a - b)[Math.floor(connectTimes.length / 2)]!;
    const chosen = TEMPLATES.filter((t) => relatedTables(t.definition).every((r) => r === 'tickets'));
    for (const t of chosen) {
      // Saved in the workspace (so "fields" is recorded), compiled as `segwb compile` does.
      const { file } = await segments.saveDefinition({
        kind: t.kind,
        name: t.name,
        definition: t.definition,
        note: 'bench',
      });
      const compiled = await segments.compileDefinition({ target: { file }, dialect: 'postgres', asOf: AS_OF });
      const scheme = t.kind === 'scheme';
      const inlined = inline(compiled);
      // What `segwb compile` gives, counted: the members only (no table total).
      const membersOnlySql = scheme
        ? `SELECT tier, count(*) FROM (${inlined}) m GROUP BY 1`
        : `SELECT count(*) FROM (${inlined}) m`;
      // The statement the engine runs: the same compiled rule, members and table total in one scan.
      const statement = await engineStatement(url, schema, ws, file);
      const viaPsql = (sql: string): { ms: number; out: string } => {
        const r = spawnSync(
          psql,
          ['-X', '-q', '-A', '-t', url, '-c', `SET search_path TO ${schema}`, '-c', '\\timing on', '-c', sql],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        const m = /Time: ([\d.]+) ms/.exec(r.stdout);
        if (r.status !== 0 || !m) throw new Error(`psql failed: ${r.stderr}`);
        return { ms: Number(m[1]), out: r.stdout };
      };
      const viaEngine = () => service.countOnPostgres({ target: { file }, server, asOf: AS_OF });
      // The same numbers first: psql's count(s) of the compiled members equal the engine's, and
      // psql's run of the engine's statement gives the engine's count and total.
      const first = await viaEngine();
      const psqlOut = viaPsql(membersOnlySql).out;
      const statementOut = viaPsql(statement).out;
      const same = scheme
        ? (first.tiers ?? []).every((tier) => tier.count === 0 || psqlOut.includes(`${tier.name}|${tier.count}`))
        : psqlOut.split('\n').some((l) => l.trim() === String(first.count)) &&
          statementOut.split('\n').some((l) => l.trim() === `${first.count}|${first.total}`);
      const e: number[] = [];
      const q: number[] = [];
      const b: number[] = [];
      const m: number[] = [];
      // Alternated, so machine noise hits both alike; a definition slow on the server runs fewer times.
      const n = first.elapsedMs > 5000 ? 2 : runs;
      // Each run starts on a settled server and process: the previous session's backend has exited
      // and this process has handled its socket's close (psql's spawnSync blocks the event loop).
      const settle = () => new Promise((resolve) => setTimeout(resolve, 25));
      for (let i = 0; i < n; i++) {
        await settle();
        const t0 = performance.now();
        const r = await viaEngine();
        e.push(performance.now() - t0);
        q.push(r.elapsedMs);
        await settle();
        b.push(viaPsql(statement).ms);
        await settle();
        m.push(viaPsql(membersOnlySql).ms);
      }
      const mid = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
      const [ms, baselineMs, queryMs, membersOnlyMs] = [mid(e), mid(b), mid(q), mid(m)];
      out.push({
        name: `count on PostgreSQL: ${t.name}`,
        rows: size,
        ms: round(ms),
        baselineMs: round(baselineMs),
        ratio: round(ms / baselineMs),
        target: `≤ 1.1× psql + connect (${round(connectMs)} ms)`,
        pass: same && ms <= 1.1 * baselineMs + connectMs,
        note: `engine's own query ${round(queryMs)} ms; baseline: psql \\timing of the engine's compiled statement; psql counting \`segwb compile\`'s members alone (no total) ${round(membersOnlyMs)} ms${same ? '' : '; COUNTS DIFFER'}`,
      });
      log(
        `pgBench ${t.name} @${fmtRows(size)}: ${round(ms)} ms (its query ${round(queryMs)} ms) vs psql ${round(baselineMs)} ms (members alone ${round(membersOnlyMs)} ms; connect ${round(connectMs)} ms)`,
      );
    }
  } finally {
    if (keep) log(`pgBench: kept schema ${schema}`);
    else await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The count statement the engine runs for a saved definition, its parameters written in as literals. */
async function engineStatement(url: string, schema: string, ws: Workspace, file: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const server = resolveServer({ url, schema });
    const loaded = loadTarget(ws, { file });
    const run = await preparePgRun(client, server, loaded, workspaceRunner(ws), { asOf: AS_OF });
    const q = loaded.kind === 'scheme' ? renderTierCount(run, []) : renderSegmentCount(run, []);
    return inline(q);
  } finally {
    await client.end();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// `node --import tsx test/bench/pgBench.ts [rows]` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  void run(sizes.length ? { sizes } : {}).then((rows) => console.log(JSON.stringify(rows, null, 2)));
}
