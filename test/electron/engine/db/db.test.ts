import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { ApiError } from '../../../../shared/api/protocol';
import { tempDir } from '../engineTestUtils';

describe('DuckDB configuration and locking (SPEC §10)', () => {
  const outside = tempDir('segwb-outside-');
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    writeFileSync(join(outside.dir, 'secret.csv'), 'a,b\n1,2\n');
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
    outside.cleanup();
  });

  it('runs in UTC with an explicit memory limit, spill folder inside the workspace, no autoinstall', async () => {
    const [r] = await ws.query(
      `SELECT current_setting('TimeZone') AS tz, current_setting('temp_directory') AS tmp,
              current_setting('autoinstall_known_extensions') AS ai, current_setting('memory_limit') AS mem,
              current_setting('lock_configuration') AS locked, current_setting('enable_external_access') AS ext`,
    );
    expect(r).toMatchObject({ tz: 'UTC', tmp: join(ws.path, '.tmp', 'duckdb'), ai: false, locked: true, ext: false });
    expect(String(r!.mem)).toMatch(/MiB|GiB/);
  });

  it('refuses files outside the workspace, and settings cannot be changed back', async () => {
    const secret = join(outside.dir, 'secret.csv');
    await expect(ws.query(`SELECT * FROM read_csv($1)`, [secret])).rejects.toThrow(
      /Permission Error|disabled by configuration/,
    );
    await expect(
      ws.query(`SELECT * FROM read_csv($1)`, [join(ws.path, '..', '..', outside.dir, 'secret.csv')]),
    ).rejects.toThrow();
    await expect(ws.run(`SET enable_external_access = true`)).rejects.toThrow(/locked/);
    await expect(ws.run(`SET TimeZone = 'Europe/Paris'`)).rejects.toThrow(/locked/);
    await expect(ws.run(`COPY (SELECT 1) TO '${join(outside.dir, 'x.csv')}'`)).rejects.toThrow(/Permission/);
  });

  it('reads a file inside the workspace', async () => {
    writeFileSync(join(ws.stagingDir, 'in.csv'), 'a,b\n1,2\n3,4\n');
    const rows = await ws.query(`SELECT sum(a) AS s FROM read_csv($1)`, [join(ws.stagingDir, 'in.csv')]);
    expect(rows).toEqual([{ s: 4 }]);
  });

  it('never runs multi-statement text', async () => {
    await expect(ws.query(`SELECT 1; DROP SCHEMA meta CASCADE`)).rejects.toThrow(/multiple statements/);
    expect((await ws.query(`SELECT count(*) AS n FROM meta.snapshots`))[0]).toEqual({ n: 0 });
  });

  it('converts values to wire values in one place', async () => {
    const [r] = await ws.query(
      `SELECT 9007199254740993::BIGINT AS big, 42::BIGINT AS small, DATE '2026-03-04' AS d,
              TIMESTAMP '2026-03-04 05:06:07.5' AS ts, 12.34::DECIMAL(9,2) AS dec, NULL AS n, $1 AS pd, $2 AS pt`,
      [
        { type: 'DATE', value: '2026-11-01' },
        { type: 'TIMESTAMP', value: '2026-11-01T10:00:00+02:00' },
      ],
    );
    expect(r).toEqual({
      big: '9007199254740993',
      small: 42,
      d: '2026-03-04',
      ts: '2026-03-04T05:06:07.500Z',
      dec: 12.34,
      n: null,
      pd: '2026-11-01',
      pt: '2026-11-01T08:00:00.000Z',
    });
  });

  it('closing right after a failed job is safe (its connection is reset before the failure is reported)', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'closeAfterFailureChild.ts')],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.signal).toBeNull();
    expect(child.stdout).toContain('closed cleanly');
    expect(child.status).toBe(0);
  });

  it('cancels a long job by id and reports it as interrupted', async () => {
    // range(5e9) is minutes of work on any machine: only the cancel can end it within the test's time.
    const p = ws.query(`SELECT count(*) FROM range(5000000000) WHERE hash(range) % 7 = 1`, [], { jobId: 'long' });
    await new Promise((r) => setTimeout(r, 300));
    expect(ws.cancel('long')).toBe(true);
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('interrupted');
    expect(ws.cancel('long')).toBe(false);
  });

  it('a job cancelled before it starts starts cancelled; a finished job id can be reused', async () => {
    expect(ws.cancel('early')).toBe(false);
    await expect(ws.query('SELECT 1 AS x', [], { jobId: 'early' })).rejects.toMatchObject({ code: 'interrupted' });
    expect(await ws.query('SELECT 1 AS x', [], { jobId: 'reused' })).toEqual([{ x: 1 }]);
    expect(ws.cancel('reused')).toBe(false);
    expect(await ws.query('SELECT 2 AS x', [], { jobId: 'reused' })).toEqual([{ x: 2 }]);
  });
});
