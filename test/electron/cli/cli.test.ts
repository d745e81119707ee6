/**
 * The real segwb CLI, spawned as users run it (from a folder that is not the repo), on the real
 * Telco churn export: 7,043 customers, 21 columns, customerID unique, TotalCharges with 11 cells
 * that are a single space (figures from the file's README, not from our code).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSegwb, segwbBin, telcoCsv } from './cliTestUtils';

let base: string;
let ws: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'segwb-cli-'));
  ws = join(base, 'ws');
});

interface ImportJson {
  table: string;
  snapshot: string;
  rows: number;
  rejected: number;
  warnings: string[];
  columns: { name: string; type: string }[];
}
interface ProfileJson {
  table: string;
  rows: number;
  columns: { name: string; type: string; nulls: number; distinct: number }[];
}

describe('segwb on the Telco export', () => {
  let imported: ImportJson;

  it('import --json creates the workspace in a missing folder and reconciles every row', async () => {
    const r = await runSegwb(['import', telcoCsv, '--workspace', 'ws', '--as-of', '2026-11-01', '--json'], base);
    expect(r.code, r.stderr).toBe(0);
    imported = JSON.parse(r.stdout) as ImportJson;
    expect(imported.rows).toBe(7043);
    expect(imported.rejected).toBe(0);
    expect(typeof imported.table).toBe('string');
    expect(typeof imported.snapshot).toBe('string');
    expect(Array.isArray(imported.warnings)).toBe(true);
    expect(imported.columns).toHaveLength(21);
    expect(imported.columns.map((c) => c.name)).toContain('customerID');
  });

  it('tables --json lists the table with its rows, snapshot and columns', async () => {
    const r = await runSegwb(['tables', '--json'], ws);
    expect(r.code, r.stderr).toBe(0);
    const tables = JSON.parse(r.stdout) as {
      name: string;
      rows: number;
      snapshots: { id: string; asOf: string }[];
      columns: unknown[];
    }[];
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ name: imported.table, rows: 7043 });
    expect(tables[0]!.snapshots).toHaveLength(1);
    expect(tables[0]!.snapshots[0]).toMatchObject({ id: imported.snapshot, asOf: '2026-11-01' });
    expect(tables[0]!.columns).toHaveLength(21);
  });

  it('profile --json gives exact distinct counts and NULLs (blank TotalCharges cells)', async () => {
    const r = await runSegwb(['profile', imported.table, '--workspace', ws, '--json'], base);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as ProfileJson;
    expect(p).toMatchObject({ table: imported.table, rows: 7043 });
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(col('customerID')).toMatchObject({ distinct: 7043, nulls: 0 });
    expect(col('gender').distinct).toBe(2);
    expect(col('TotalCharges').nulls).toBe(11);
  });

  it('human output is readable text, not JSON', async () => {
    const r = await runSegwb(['tables'], ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${imported.table}\\s+7,043\\s+21\\s+1`));
  });

  it('exits 3 for a missing table, 1 when the workspace is held by a running serve', { timeout: 150_000 }, async () => {
    const missing = await runSegwb(['profile', 'no_such_table', '--json'], ws);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no_such_table');

    // SEGWB_HOME: serve keeps its recent workspaces there, not in the machine's home.
    const env = { ...process.env, SEGWB_HOME: join(ws, '.segwb-home') };
    const serve = spawn(process.execPath, [segwbBin, 'serve', '--json'], {
      cwd: ws,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const info = JSON.parse(line) as { url: string; port: number; token: string };
    expect(info.url).toBe(`http://127.0.0.1:${info.port}/?token=${info.token}`);
    expect(info.token).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(`http://127.0.0.1:${info.port}/`)).status).toBe(401);
    const locked = await runSegwb(['tables'], ws);
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim().split('\n')).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => serve.on('exit', (code) => resolve(code)));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('--type makes a few bad values rejects at their lines; --invalid null loads them as NULL', async () => {
    const file = join(base, 'amounts.csv');
    writeFileSync(file, `id,amount\n1,10\n2,abc\n3, \n4,40\n5,50\n`);
    const types = join(base, 'ws-types');
    const plain = await runSegwb(['import', file, '--workspace', types, '--table', 'plain', '--json'], base);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).typeIssues).toEqual([
      { column: 'amount', type: 'BIGINT', bad: 1, values: 4, examples: ['abc'], lines: [3], sampled: false },
    ]);
    const typed = await runSegwb(
      ['import', file, '--workspace', types, '--table', 'typed', '--type', 'amount=DOUBLE', '--json'],
      base,
    );
    expect(typed.code).toBe(0);
    const out = JSON.parse(typed.stdout);
    expect([out.rows, out.rejected, out.records]).toEqual([4, 1, 5]);
    expect(out.rejects).toEqual([
      { line: 3, column: 'amount', reason: "line 3: 'abc' in amount is not a number", raw: '2,abc' },
    ]);
    const nulls = await runSegwb(
      [
        'import',
        file,
        '--workspace',
        types,
        '--table',
        'nulls',
        '--type',
        'amount=DOUBLE',
        '--invalid',
        'null',
        '--json',
      ],
      base,
    );
    expect(JSON.parse(nulls.stdout)).toMatchObject({ rows: 5, rejected: 0, invalidAsNull: { amount: 1 } });
    for (const bad of [
      ['--type', 'amount'],
      ['--invalid', 'skip'],
    ])
      expect((await runSegwb(['import', file, '--workspace', types, ...bad], base)).code).toBe(2);
  });

  it('--strict refuses a file with a rejected record (exit 3) and loads nothing', async () => {
    writeFileSync(join(base, 'ragged.csv'), 'id,name\n1,a\n2,b,EXTRA,MORE\n3,c\n');
    const r = await runSegwb(['import', join(base, 'ragged.csv'), '--table', 'ragged', '--strict', '--json'], ws);
    expect(r.code).toBe(3);
    const t = JSON.parse((await runSegwb(['tables', '--json'], ws)).stdout) as { name: string }[];
    expect(t.map((x) => x.name)).not.toContain('ragged');
  });
});

describe('segwb exit codes without data', () => {
  it('2 for an unknown command, an unknown flag, a malformed --as-of, a missing argument', async () => {
    for (const args of [
      ['frobnicate'],
      ['tables', '--bogus'],
      ['import', telcoCsv, '--as-of', '2026-13-01'],
      ['import', telcoCsv, '--as-of', 'yesterday'],
      ['profile'],
      ['serve', '--port', 'x'],
    ]) {
      const r = await runSegwb(args, base);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('3 for an unreadable file and for a folder that is not a workspace', async () => {
    const notWs = join(base, 'not-a-workspace');
    mkdirSync(notWs, { recursive: true });
    writeFileSync(join(notWs, 'notes.txt'), 'hello');
    const cases = [
      ['import', join(base, 'nope.csv'), '--workspace', join(base, 'fresh')],
      ['tables', '--workspace', notWs],
      ['profile', 'x', '--workspace', notWs],
      ['import', telcoCsv, '--workspace', notWs],
    ];
    for (const args of cases) {
      const r = await runSegwb(args, base);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('0 and usage text for --help', async () => {
    const r = await runSegwb(['--help'], base);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('segwb');
    const i = await runSegwb(['import', '--help'], base);
    expect(i.code).toBe(0);
    expect(i.stdout).toContain('empty');
  });
});
