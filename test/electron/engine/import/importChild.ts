/**
 * Child process of the import tests that measure memory: imports FILE into a fresh workspace at
 * WORKSPACE_DIR (OPTIONS as JSON) and prints one JSON line: the outcome (rows and rejected, or the
 * error's code and message) and the process's peak RSS in MB. Run with a capped V8 heap, so a bomb
 * that would exhaust it fails the test instead of the test runner.
 * Usage: node --max-old-space-size=N --import tsx importChild.ts FILE WORKSPACE_DIR [OPTIONS]
 */
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { ApiError } from '../../../../shared/api/protocol';

const [file, dir, options] = process.argv.slice(2);
if (!file || !dir) throw new Error('usage: importChild.ts FILE WORKSPACE_DIR [OPTIONS]');
const ws = await Workspace.open(dir, { create: true });
let outcome: Record<string, unknown>;
try {
  const r = await importFile(ws, { kind: 'path', path: file }, options ? JSON.parse(options) : {});
  outcome = { ok: true, rows: r.rows, rejected: r.rejected, records: r.records };
} catch (err) {
  outcome = {
    ok: false,
    code: err instanceof ApiError ? err.code : 'unknown',
    message: err instanceof Error ? err.message : String(err),
  };
} finally {
  ws.close();
}
process.stdout.write(
  `${JSON.stringify({ ...outcome, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
