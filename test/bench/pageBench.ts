/**
 * Page benchmark (issue 2 item 10, SPEC §11.4): first page and a deep page in natural order, the
 * sort build, and sorted pages, engine (ViewCache over a workspace snapshot) beside raw DuckDB on
 * the same rows in the same run. Raw sorted paging is `ORDER BY … LIMIT 100 OFFSET n`, what one
 * writes without a permutation. Targets: pages ≤ 20 ms natural / ≤ 40 ms sorted at 10M, build ≤ 2.5 s.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { importFile } from '../../electron/engine/import/importFile';
import { ViewCache } from '../../electron/engine/views/viewCache';
import type { SortSpec } from '../../shared/api/dataApi';
import { accountsFiles, fmtRows, median, rawDuck, time, type BenchContext, type BenchRow } from './benchUtils';

const LIMIT = 100;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const log = ctx.log ?? console.log;
  const runs = ctx.runs ?? 7;
  for (const rows of ctx.sizes ?? [1_000_000, 10_000_000]) {
    const deep = Math.min(5_000_000, Math.floor(rows / 2));
    log(`pages: preparing ${fmtRows(rows)} rows…`);
    const files = await accountsFiles(ctx.workDir!, rows);
    const wsDir = join(ctx.workDir!, `ws-pages-${rows}`);
    const rawDir = join(ctx.workDir!, `raw-pages-${rows}`);
    rmSync(wsDir, { recursive: true, force: true });
    rmSync(rawDir, { recursive: true, force: true });
    const ws = await Workspace.open(wsDir, { create: true });
    await importFile(ws, { kind: 'path', path: files.parquet }, { table: 'accounts' });
    const raw = await rawDuck(join(rawDir, 'raw.duckdb'), join(rawDir, 'tmp'));
    await raw.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${files.parquet}')`);
    await raw.run('CHECKPOINT');
    const views = new ViewCache(ws);
    const natural = { table: 'accounts' };
    const sort: SortSpec = [{ column: 'mrr', dir: 'desc' }];
    const sorted = { table: 'accounts', sort };
    const row = (name: string, ms: number, baselineMs: number, limit: number | null, note: string): BenchRow => ({
      name,
      rows,
      ms,
      baselineMs,
      ratio: ms / baselineMs,
      target: limit === null ? 'report' : `≤ ${limit} ms`,
      pass: limit === null || ms <= limit,
      note,
    });
    try {
      out.push(
        row(
          'first page (natural)',
          await median(runs, () => views.rows(natural, 0, LIMIT)),
          await median(runs, () => raw.run(`SELECT * FROM t LIMIT ${LIMIT}`)),
          20,
          'rowid range',
        ),
      );
      out.push(
        row(
          `page at ${fmtRows(deep)} (natural)`,
          await median(runs, () => views.rows(natural, deep, LIMIT)),
          await median(runs, () => raw.run(`SELECT * FROM t LIMIT ${LIMIT} OFFSET ${deep}`)),
          20,
          'rowid range vs OFFSET',
        ),
      );
      const [buildMs] = await time(() => views.prepare(sorted));
      const [rawBuild] = await time(() =>
        raw.run(`CREATE TEMP TABLE p AS SELECT rowid AS rid FROM t ORDER BY mrr DESC NULLS LAST, rowid`),
      );
      out.push(row('sort build (mrr desc)', buildMs, rawBuild, 2500, 'permutation, once per sort order'));
      const [firstSorted] = await time(() => views.rows(sorted, 0, LIMIT));
      out.push(
        row(
          'sorted first page (first touch)',
          firstSorted,
          await median(3, () => raw.run(`SELECT * FROM t ORDER BY mrr DESC NULLS LAST LIMIT ${LIMIT}`)),
          40,
          'raw: ORDER BY LIMIT (top-N)',
        ),
      );
      // First touch: median over distinct, far-apart positions never fetched before.
      const colds: number[] = [];
      for (let i = 0; i < 5; i++)
        colds.push((await time(() => views.rows(sorted, Math.max(0, deep - i * 100_003), LIMIT)))[0]);
      colds.sort((a, b) => a - b);
      const rawDeep = await median(3, () =>
        raw.run(`SELECT * FROM t ORDER BY mrr DESC NULLS LAST, rowid LIMIT ${LIMIT} OFFSET ${deep}`),
      );
      out.push(
        row(
          `sorted page near ${fmtRows(deep)} (first touch)`,
          colds[2]!,
          rawDeep,
          40,
          'median of 5 offsets; rowids from the permutation, rows by pushed-down rowid filter; raw: ORDER BY OFFSET',
        ),
      );
      const [nextMs] = await time(() => views.rows(sorted, deep + LIMIT, LIMIT));
      out.push(row(`sorted next page (scrolling)`, nextMs, rawDeep, 40, 'served by the read-ahead'));
    } finally {
      raw.close();
      ws.close();
      rmSync(wsDir, { recursive: true, force: true });
      rmSync(rawDir, { recursive: true, force: true });
    }
    // The engine's peak memory, measured alone in a child (this process also holds raw DuckDB).
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./engineMemoryChild.ts', import.meta.url)), files.parquet, wsDir],
      { encoding: 'utf8' },
    );
    rmSync(wsDir, { recursive: true, force: true });
    const rss = Number(child.stdout.trim());
    if (child.status !== 0 || !Number.isFinite(rss)) throw new Error(`engine memory child failed: ${child.stderr}`);
    out.push({
      name: 'engine peak RSS (import, sort build, pages)',
      rows,
      ms: rss,
      baselineMs: NaN,
      ratio: NaN,
      target: '≤ 2048 MB',
      pass: rss <= 2048,
      note: 'MB, not ms; engine alone in a child process',
    });
    log(`pages ${fmtRows(rows)} done`);
  }
  return out;
}
