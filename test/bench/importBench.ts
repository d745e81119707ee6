/**
 * Import benchmark (issue 2 item 10): CSV and Parquet of generated accounts, the engine's import
 * (staging, reconciliation, blank-aware typing, key check, fingerprint, snapshot) against raw
 * `CREATE TABLE AS SELECT * FROM read_csv/read_parquet` in a fresh DuckDB, same run. Target ≤ 1.4×.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/engine/workspace/workspace';
import { importFile } from '../../electron/engine/import/importFile';
import { accountsFiles, fmtRows, rawDuck, time, type BenchContext, type BenchRow } from './benchUtils';

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const log = ctx.log ?? console.log;
  for (const rows of ctx.sizes ?? [1_000_000, 10_000_000]) {
    log(`import: generating ${fmtRows(rows)} accounts…`);
    const files = await accountsFiles(ctx.workDir!, rows);
    for (const [format, file] of [
      ['CSV', files.csv],
      ['Parquet', files.parquet],
    ] as const) {
      // Alternate raw and engine (twice below 10M rows) and keep each one's best: the machine is shared.
      const rounds = rows < 10_000_000 ? 2 : 1;
      let baselineMs = Infinity;
      let ms = Infinity;
      let report: Awaited<ReturnType<typeof importFile>> | undefined;
      for (let round = 0; round < rounds; round++) {
        const rawDir = join(ctx.workDir!, `raw-import-${rows}-${format}`);
        rmSync(rawDir, { recursive: true, force: true });
        const raw = await rawDuck(join(rawDir, 'raw.duckdb'), join(rawDir, 'tmp'));
        const reader = format === 'CSV' ? `read_csv('${file}')` : `read_parquet('${file}')`;
        const [rawMs] = await time(() => raw.run(`CREATE TABLE t AS SELECT * FROM ${reader}`));
        raw.close();
        rmSync(rawDir, { recursive: true, force: true });
        baselineMs = Math.min(baselineMs, rawMs);

        const wsDir = join(ctx.workDir!, `ws-import-${rows}-${format}`);
        rmSync(wsDir, { recursive: true, force: true });
        const ws = await Workspace.open(wsDir, { create: true });
        const [engineMs, r] = await time(() =>
          importFile(ws, { kind: 'path', path: file }, { table: 'accounts', key: 'account_id' }),
        );
        ws.close();
        rmSync(wsDir, { recursive: true, force: true });
        ms = Math.min(ms, engineMs);
        report = r;
      }
      const ratio = ms / baselineMs;
      out.push({
        name: `import ${format}`,
        rows,
        ms,
        baselineMs,
        ratio,
        target: 1.4,
        pass: ratio <= 1.4 && report?.rows === rows,
        note: `${Math.round(rows / (ms / 1000) / 1000)}k rows/s; loaded ${report?.rows}, rejected ${report?.rejected}; best of ${rounds}`,
      });
      log(`import ${format} ${fmtRows(rows)}: engine ${ms.toFixed(0)} ms, raw ${baselineMs.toFixed(0)} ms`);
    }
  }
  return out;
}
