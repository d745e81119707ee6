/**
 * Child process of the page benchmark: the engine's own work (import the Parquet file, build a sort
 * permutation, read pages near the middle) alone in one process, so its peak RSS is the engine's
 * and not raw DuckDB's OFFSET baseline. Prints the peak RSS in MB on stdout.
 * Usage: node --import tsx test/bench/engineMemoryChild.ts FILE.parquet WORKSPACE_DIR
 */
import { Workspace } from '../../electron/engine/workspace/workspace';
import { importFile } from '../../electron/engine/import/importFile';
import { ViewCache } from '../../electron/engine/views/viewCache';

const [parquet, wsDir] = process.argv.slice(2);
if (!parquet || !wsDir) throw new Error('usage: engineMemoryChild.ts FILE.parquet WORKSPACE_DIR');
const ws = await Workspace.open(wsDir, { create: true });
try {
  const report = await importFile(ws, { kind: 'path', path: parquet }, { table: 'accounts' });
  const views = new ViewCache(ws);
  const sorted = { table: 'accounts', sort: [{ column: 'mrr', dir: 'desc' as const }] };
  await views.prepare(sorted);
  const deep = Math.floor(report.rows / 2);
  for (let i = 0; i < 5; i++) await views.rows(sorted, Math.max(0, deep - i * 100_003), 100);
  await views.rows({ table: 'accounts' }, deep, 100);
} finally {
  ws.close();
}
process.stdout.write(`${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
