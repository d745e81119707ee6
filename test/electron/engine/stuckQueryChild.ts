/**
 * Child of stuckQuery.test.ts: a statement that ignores its interrupt, in a process of its own (the
 * statement keeps a thread busy until the process ends, and a process in that state cannot exit
 * normally). One value takes hours by construction: ILIKE with three backtracking wildcards over
 * 100,000 characters is ~1.7e14 steps, and DuckDB checks for an interrupt only between chunks.
 * Prints one JSON line of what it saw, then ends itself the only way it can.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../electron/engine/workspace';

const STUCK = `SELECT repeat('a', 100000 + CAST(range AS INTEGER)) ILIKE '%a%a%a%b' AS v FROM range(1)`;
const seen: Record<string, unknown> = {};
const stuckNotices: unknown[] = [];
const ws = await Workspace.open(join(mkdtempSync(join(tmpdir(), 'segwb-stuck-')), 'ws'), { create: true, stuckAfterMs: 300, onStuck: (info) => stuckNotices.push(info) });
const outcome = ws.query(STUCK, [], { jobId: 'stuck' }).then(() => 'finished', (err: { code?: string; message?: string }) => ({ code: err.code, message: err.message }));
while (!ws.db.isRunning('stuck')) await new Promise((r) => setTimeout(r, 10));
seen.cancelled = ws.cancel('stuck');
seen.outcome = await outcome;
seen.notices = stuckNotices;
seen.stuckStatements = ws.db.stuckStatements;
// The other connections still serve.
seen.after = await ws.query('SELECT 42 AS x');
seen.close = await ws.close().then(() => 'closed', (err: { code?: string }) => err.code);
process.stdout.write(JSON.stringify(seen) + '\n');
process.kill(process.pid, 'SIGKILL');
