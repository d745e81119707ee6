// segwb count/measure/export/compile/validate run as real processes (SPEC §7): --json keys and exit
// codes (0 ok, 2 usage, 3 invalid input). The workspace holds the hand-made fixture tables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionFile } from '../../../../shared/segments/file';
import { hashDefinition } from '../../../../shared/segments/hash';
import { openFixtureWorkspace } from './segmentsTestUtils';

const root = path.resolve(__dirname, '../../../..');
const segwb = path.join(root, 'electron/cli/segwb.mjs');
let dir: string;
let ws: string;

function run(args: string[], cwd = dir): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [segwb, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const proDef = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  where: { field: 'plan', op: 'eq', value: 'pro' },
  fields: { accounts: { account_id: 'VARCHAR', plan: 'VARCHAR' } },
};

function writeDef(name: string, def: unknown, mutate?: (file: Record<string, unknown>) => void): string {
  const file = createDefinitionFile({
    kind: 'segment',
    id: `id-${name}`,
    name,
    definition: structuredClone(def) as never,
    now: '2026-11-02T09:00:00Z',
    note: 'test',
  }) as unknown as Record<string, unknown>;
  mutate?.(file);
  const p = path.join(dir, `${name}.segment.json`);
  writeFileSync(p, JSON.stringify(file, null, 2));
  return p;
}

beforeAll(async () => {
  const t = await openFixtureWorkspace();
  ws = t.dir;
  t.ws.close(); // release DuckDB's lock for the CLI's engine
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-cli-'));
  writeDef('pro', proDef);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(ws, { recursive: true, force: true });
});

describe('segwb segment commands', () => {
  it('count --json prints the §7 keys', () => {
    const r = run(['count', 'pro.segment.json', '--workspace', ws, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // A1, A5, A6 of 6 accounts as of 2026-11-01
    expect(out).toMatchObject({
      count: 3,
      total: 6,
      share: 0.5,
      segment: 'pro',
      id: 'id-pro',
      version: 1,
      hash: hashDefinition(proDef),
      asOf: '2026-11-01T00:00:00Z',
    });
  });

  it('count with --as-of and --version; errors exit with §7 codes', () => {
    const inLast = writeDef('recent', {
      ...proDef,
      where: { field: 'last_active_at', op: 'inLast', n: 7, unit: 'day' },
      fields: { accounts: { account_id: 'VARCHAR', last_active_at: 'TIMESTAMP' } },
    });
    const r = run(['count', inLast, '--workspace', ws, '--as-of', '2026-10-01', '--version', '1', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ count: 1, asOf: '2026-10-01T00:00:00Z' });
    expect(run(['count', inLast, '--workspace', ws, '--as-of', '2026-13-01']).code).toBe(2);
    expect(run(['count', inLast, '--workspace', ws, '--bogus']).code).toBe(2);
    expect(run(['count', inLast, '--workspace', ws, '--version', '7']).code).toBe(3);
    expect(run(['count', 'missing.segment.json', '--workspace', ws]).code).toBe(3);
    expect(run(['count', inLast, '--workspace', dir]).code).toBe(3); // not a workspace
  });

  it('a tampered hash exits 3 naming the version', () => {
    const p = writeDef('tampered', proDef, (f) => {
      ((f.versions as Record<string, unknown>[])[0]!.definition as Record<string, unknown>).where = {
        field: 'plan',
        op: 'eq',
        value: 'free',
      };
    });
    const r = run(['count', p, '--workspace', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/hash/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a newer formatVersion exits 3', () => {
    const p = writeDef('newer', proDef, (f) => {
      f.formatVersion = 2;
    });
    const r = run(['count', p, '--workspace', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/formatVersion 2 is newer/);
  });

  it('a missing or retyped field exits 3 listing it', () => {
    const missing = writeDef('missing', {
      ...proDef,
      where: { field: 'churn', op: 'gt', value: 1 },
      fields: { accounts: { account_id: 'VARCHAR', churn: 'DOUBLE' } },
    });
    const r = run(['count', missing, '--workspace', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/accounts\.churn is missing/);
    const retyped = writeDef('retyped', { ...proDef, fields: { accounts: { account_id: 'VARCHAR', plan: 'BIGINT' } } });
    const r2 = run(['count', retyped, '--workspace', ws]);
    expect(r2.code).toBe(3);
    expect(r2.stderr).toMatch(/accounts\.plan changed type from BIGINT to VARCHAR/);
  });

  it('compile needs no workspace; unknown dialect exits 2', () => {
    const r = run(['compile', 'pro.segment.json', '--dialect', 'postgres', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dialect).toBe('postgres');
    expect(out.sql).toMatch(/^SELECT .*"account_id".* WHERE .*\$1/s);
    expect(out.params).toEqual(['pro']);
    expect(run(['compile', 'pro.segment.json', '--dialect', 'oracle']).code).toBe(2);
    expect(run(['compile', 'pro.segment.json']).code).toBe(2);
    const sqlRule = writeDef('sqlrule', { ...proDef, where: { sql: "plan ~~ 'p%'" } });
    const bad = run(['compile', sqlRule, '--dialect', 'snowflake']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/not portable to snowflake: ~~/);
  });

  it('compile --inline writes the values in; with --workspace an as-of of snapshot is the snapshot\u2019s', async () => {
    const recent = writeDef('recent', {
      ...proDef,
      where: { field: 'signup_date', op: 'inLast', n: 60, unit: 'day' },
      fields: { accounts: { account_id: 'VARCHAR', signup_date: 'DATE' } },
    });
    const inline = run(['compile', recent, '--dialect', 'duckdb', '--inline', '--as-of', '2026-11-01', '--json']);
    expect(inline.code).toBe(0);
    const out = JSON.parse(inline.stdout);
    expect(out.params).toEqual([]);
    // 60 days before 2026-11-01 is 2026-09-02, written in as a DATE literal.
    expect(out.sql).toContain("CAST('2026-09-02' AS DATE)");
    // It runs as it is: members signed up in [2026-09-02, 2026-11-01] of the fixture's latest snapshot (A2, A6).
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(
      `CREATE TABLE accounts AS SELECT * FROM read_csv('${path.join(root, 'test/electron/engine/segments/fixtures/accounts_2026-11.csv')}')`,
    );
    const rows = (await c.runAndReadAll(out.sql))
      .getRowObjectsJS()
      .map((r) => String(r.account_id))
      .sort();
    c.closeSync();
    db.closeSync();
    expect(rows).toEqual(['A2', 'A6']);
    // With the workspace: the latest accounts snapshot's as-of (2026-11-01), no note about today.
    const withWs = JSON.parse(
      run(['compile', recent, '--dialect', 'duckdb', '--inline', '--workspace', ws, '--json']).stdout,
    );
    expect(withWs.sql).toContain("CAST('2026-09-02' AS DATE)");
    expect(withWs.diagnostics.map((d: { message: string }) => d.message).join()).toMatch(
      /the snapshot's as-of date \(2026-11-01\)/,
    );
  });

  it('validate --json lists files with diagnostics; exit 3 when one is invalid', () => {
    const ok = run(['validate', 'pro.segment.json', '--json', '--workspace', ws]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([{ file: 'pro.segment.json', valid: true, diagnostics: [] }]);
    const broken = writeDef('broken', {
      ...proDef,
      where: {
        all: [
          { field: 'plan', op: 'eq', value: 'pro' },
          { field: 'plan', op: 'inLast', n: 2, unit: 'day' },
        ],
      },
    });
    const r = run(['validate', 'pro.segment.json', broken, 'tampered.segment.json', '--json']);
    expect(r.code).toBe(3);
    const reports = JSON.parse(r.stdout) as {
      file: string;
      valid: boolean;
      diagnostics: { path: string; message: string }[];
    }[];
    expect(reports.map((x) => x.valid)).toEqual([true, false, false]);
    expect(reports[1]!.diagnostics[0]!.path).toBe('versions[0].definition.where.all[1]');
    expect(reports[2]!.diagnostics.map((d) => d.path)).toContain('versions[0].hash');
    // With a workspace, a table or column the definition reads that is not there is an error, as for count.
    const elsewhere = writeDef('elsewhere', { ...proDef, entity: { table: 'nope', key: 'account_id' } });
    const missingTable = run(['validate', elsewhere, '--json', '--workspace', ws]);
    expect(missingTable.code).toBe(3);
    expect(JSON.parse(missingTable.stdout)[0].diagnostics[0].message).toMatch(
      /reads table 'nope', which is not in this workspace/,
    );
    const noColumn = writeDef('nocolumn', {
      ...proDef,
      where: { field: 'tier', op: 'eq', value: 'gold' },
      fields: { accounts: { account_id: 'VARCHAR', tier: 'VARCHAR' } },
    });
    const missingColumn = run(['validate', noColumn, '--json', '--workspace', ws]);
    expect(missingColumn.code).toBe(3);
    expect(
      JSON.parse(missingColumn.stdout)[0]
        .diagnostics.map((d: { message: string }) => d.message)
        .join('\n'),
    ).toMatch(/tier/);
  });

  it("validate prints the app's human messages, each followed by its path", () => {
    const abc = writeDef('abc', {
      ...proDef,
      where: {
        all: [
          { field: 'plan', op: 'eq', value: 'pro' },
          { field: 'mrr', op: 'gte', value: 'abc' },
        ],
      },
      fields: { accounts: { account_id: 'VARCHAR', plan: 'VARCHAR', mrr: 'BIGINT' } },
    });
    const r = run(['validate', abc, '--workspace', ws]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(
      `${abc}: INVALID\n  error: Condition 2 (mrr ≥ abc): mrr is a number; 'abc' is not. Type a number such as 1200 or 0.5 ` +
        '(digits only, no units or thousands separators) (at versions[0].definition.where.all[1].value)\n',
    );
  });

  it('measure appends records; export writes the chosen columns with a sidecar', () => {
    const m = run(['measure', 'pro.segment.json', '--snapshot', 'all', '--workspace', ws, '--json']);
    expect(m.code).toBe(0);
    const recs = JSON.parse(m.stdout) as { count: number; total: number; snapshot: string; hash: string }[];
    expect(recs.map((r) => [r.count, r.total])).toEqual([
      [2, 3],
      [3, 6],
    ]);
    const out = path.join(dir, 'pro.csv');
    const e = run([
      'export',
      'pro.segment.json',
      '--out',
      'pro.csv',
      '--columns',
      'account_id,mrr',
      '--workspace',
      ws,
      '--json',
    ]);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ file: out, rows: 3, format: 'csv' });
    expect(readFileSync(out, 'utf8')).toBe('account_id,mrr\nA1,100\nA5,150\nA6,120\n');
    expect(JSON.parse(readFileSync(`${out}.segment-meta.json`, 'utf8'))).toMatchObject({
      id: 'id-pro',
      version: 1,
      hash: hashDefinition(proDef),
    });
    expect(run(['export', 'pro.segment.json', '--out', 'pro.txt', '--workspace', ws]).code).toBe(2);
  });
});
