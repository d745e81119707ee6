/**
 * `npm run bench` (issue 2 item 10): runs each bench module (`run(ctx) → Promise<BenchRow[]>`) and
 * prints one table with the engine's time, raw DuckDB's time in the same run, the ratio and the
 * target. `--quick` runs only 1M rows (and an XLSX of 200k instead of 1.2M). countBench.ts (segment
 * engine) is included when present; cliBench.ts (segwb as whole processes), compareBench.ts
 * (compare of the templates) and overTimeBench.ts (flows, tier matrix, trends, threshold curve,
 * `--only=overtime`) always; pgBench.ts
 * (counts on PostgreSQL beside psql, skipped with a note when no server is set up).
 * `--browser` adds the live-count browser benchmark (test/e2e/liveCountBench.ts: keystroke to count
 * on screen through the web host, time-to-cancel, longest main-thread task; needs `vite build`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchRow } from './benchUtils';
import { fmtRows } from './benchUtils';

type Module = { run: (ctx: BenchContext) => Promise<BenchRow[]> };

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const sizes = quick ? [1_000_000] : [1_000_000, 10_000_000];
  const here = fileURLToPath(new URL('.', import.meta.url));
  const workDir = process.env.SEGWB_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'segwb-bench-'));
  const ctx: BenchContext = { sizes, workDir, log: (l) => process.stderr.write(`${l}\n`) };
  const modules: [string, string][] = [
    ['import', './importBench.ts'],
    ['xlsx', './xlsxBench.ts'],
    ['pages', './pageBench.ts'],
  ];
  if (existsSync(join(here, 'countBench.ts'))) modules.push(['count', './countBench.ts']);
  modules.push(['cli', './cliBench.ts']);
  modules.push(['compare', './compareBench.ts']);
  modules.push(['overtime', './overTimeBench.ts']);
  modules.push(['postgres', './pgBench.ts']);
  if (process.argv.includes('--browser')) modules.push(['live', '../e2e/liveCountBench.ts']);
  const rows: BenchRow[] = [];
  try {
    for (const [name, path] of modules) {
      if (only && only !== name) continue;
      const mod = (await import(path)) as Module;
      rows.push(...(await mod.run(ctx)));
    }
  } finally {
    if (!process.env.SEGWB_BENCH_DIR) rmSync(workDir, { recursive: true, force: true });
  }
  printTable(rows);
  return rows.every((r) => r.pass) ? 0 : 1;
}

function printTable(rows: BenchRow[]): void {
  const head = ['benchmark', 'rows', 'engine', 'raw DuckDB', 'ratio', 'target', 'ok', 'note'];
  const num = (v: number, unit = ' ms') =>
    Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)}${unit}` : '—';
  const body = rows.map((r) => [
    r.name,
    fmtRows(r.rows),
    num(r.ms, r.note?.startsWith('MB') ? ' MB' : ' ms'),
    num(r.baselineMs),
    Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '—',
    typeof r.target === 'number' ? `≤ ${r.target}×` : r.target,
    r.pass ? 'yes' : 'NO',
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const b of body) console.log(line(b));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
