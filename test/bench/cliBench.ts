/**
 * CLI benchmark (issue 12 item 1, SPEC §11): `segwb` as whole processes, start-up included, beside a
 * raw DuckDB process doing the same work in the same run. `segwb tables` (start, fork the engine,
 * open the workspace, list, close) against a Node process that opens the DuckDB file and reads the
 * snapshot list: target ≤ 0.4 s. `segwb import` of a 1M-row CSV (staging, reconciliation, typing,
 * fingerprint, snapshot) against a Node process doing `read_csv` into a table and CHECKPOINT:
 * target ≤ 1.4×. Medians, engine and raw timed alternately.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { accountsFiles, fmtRows, type BenchContext, type BenchRow } from './benchUtils';

const segwb = fileURLToPath(new URL('../../electron/cli/segwb.mjs', import.meta.url));
const duckdbUrl = pathToFileURL(createRequire(import.meta.url).resolve('@duckdb/node-api')).href;

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const log = ctx.log ?? console.log;
  const dir = join(ctx.workDir!, 'cli');
  mkdirSync(dir, { recursive: true });
  const rawOpen = join(dir, 'rawOpen.mjs');
  writeFileSync(
    rawOpen,
    `import { DuckDBInstance } from '${duckdbUrl}';
const db = await DuckDBInstance.create(process.argv[2]);
const c = await db.connect();
(await c.runAndReadAll('SELECT table_name, id, rows FROM meta.snapshots ORDER BY seq')).getRows();
c.closeSync(); db.closeSync();\n`,
  );
  const rawImport = join(dir, 'rawImport.mjs');
  writeFileSync(
    rawImport,
    `import { DuckDBInstance } from '${duckdbUrl}';
const db = await DuckDBInstance.create(process.argv[3], { memory_limit: '1GB' });
const c = await db.connect();
await c.run(\`CREATE TABLE accounts AS SELECT * FROM read_csv('\${process.argv[2]}')\`);
await c.run('CHECKPOINT');
c.closeSync(); db.closeSync();\n`,
  );

  const rows = 1_000_000;
  log(`cli: generating ${fmtRows(rows)} accounts…`);
  const { csv } = await accountsFiles(ctx.workDir!, rows);
  const runs = ctx.runs ?? 5;
  const out: BenchRow[] = [];

  // Import: each run into a fresh workspace / a fresh database file.
  const imports: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ws = join(dir, `ws-${i}`);
    const db = join(dir, `raw-${i}.duckdb`);
    rmSync(ws, { recursive: true, force: true });
    rmSync(db, { force: true });
    imports.push(timed([segwb, 'import', csv, '--workspace', ws, '--table', 'accounts']));
    raws.push(timed([rawImport, csv, db]));
    if (i < runs - 1) rmSync(ws, { recursive: true, force: true });
    rmSync(db, { force: true });
  }
  const importMs = median(imports);
  const rawImportMs = median(raws);
  out.push({
    name: 'segwb import (whole process)',
    rows,
    ms: round(importMs),
    baselineMs: round(rawImportMs),
    ratio: round(importMs / rawImportMs),
    target: 1.4,
    pass: importMs <= rawImportMs * 1.4,
    note: 'raw: read_csv + CHECKPOINT in a Node process',
  });
  log(`cli import @${rows}: ${round(importMs)} ms vs ${round(rawImportMs)} ms raw`);

  // tables: on the workspace the last import left.
  const ws = join(dir, `ws-${runs - 1}`);
  const tables: number[] = [];
  const opens: number[] = [];
  for (let i = 0; i < runs + 4; i++) {
    tables.push(timed([segwb, 'tables', '--workspace', ws]));
    opens.push(timed([rawOpen, join(ws, 'workspace.duckdb')]));
  }
  const tablesMs = median(tables);
  const openMs = median(opens);
  out.push({
    name: 'segwb tables (whole process)',
    rows,
    ms: round(tablesMs),
    baselineMs: round(openMs),
    ratio: round(tablesMs / openMs),
    target: '≤ 400 ms',
    pass: tablesMs <= 400,
    note: 'raw: open the file and read the snapshot list in a Node process',
  });
  log(`cli tables: ${round(tablesMs)} ms vs ${round(openMs)} ms raw`);
  rmSync(dir, { recursive: true, force: true });
  return out;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

// `node --import tsx test/bench/cliBench.ts` runs it alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void run({ workDir: join(process.env.TMPDIR ?? '/tmp', `segwb-clibench-${process.pid}`) }).then((r) =>
    console.log(JSON.stringify(r, null, 2)),
  );
}
