/**
 * Child of stuckQuery.test.ts: statements that ignore their interrupt, in a process of their own (a
 * stuck statement holds a thread until the process ends, and a process in that state cannot exit
 * normally). Stuck by construction: a scan of a named pipe nobody writes to. The pipe's write end,
 * opened here, opens exactly when DuckDB has opened the pipe to read it, inside its first chunk of
 * work; DuckDB looks for an interrupt only between chunks, and the read never returns, so the
 * cancel is known to reach a statement that cannot see it. (A statement stuck computing one value
 * is the same to the watchdog; test/electron/cli/parentDeath.test.ts runs one through the CLI.)
 * Prints one JSON line of what it saw, then ends itself the only way it can.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';

type Outcome = { code?: string; message?: string } | 'finished';
const settle = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    () => 'finished' as const,
    (err: { code?: string; message?: string }) => ({ code: err.code, message: err.message }),
  );
const seen: Record<string, unknown> = {};
const notices: unknown[] = [];
const ws = await Workspace.open(join(mkdtempSync(join(tmpdir(), 'segwb-stuck-')), 'ws'), {
  create: true,
  stuckAfterMs: 300,
  onStuck: (info) => notices.push(info),
});

/** Start a scan of a new pipe; resolves with the pipe's write end once DuckDB is reading it. */
async function scanPipe(
  name: string,
  jobId: string,
): Promise<{ outcome: Promise<Outcome>; writer: Awaited<ReturnType<typeof open>> }> {
  const pipe = join(ws.path, `${name}.csv`);
  execFileSync('mkfifo', [pipe]);
  const writer = open(pipe, 'w'); // opens once a reader has the pipe open
  const outcome = settle(
    ws.query(
      `SELECT count(*) FROM read_csv('${pipe}', columns = {'id': 'VARCHAR'}, header = false, auto_detect = false)`,
      [],
      { jobId },
    ),
  );
  return { outcome, writer: await writer };
}

const io = await scanPipe('never', 'io');
seen.cancelled = ws.cancel('io');
seen.outcome = await io.outcome;

seen.notices = notices;
seen.stuckStatements = ws.db.stuckStatements;
seen.after = await ws.query('SELECT 42 AS x'); // the other connections still serve
seen.close = await ws.close().then(
  () => 'closed',
  (err: { code?: string }) => err.code,
);
process.stdout.write(JSON.stringify(seen) + '\n', () => process.kill(process.pid, 'SIGKILL'));
