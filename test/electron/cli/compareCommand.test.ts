// `segwb compare` as a real process (SPEC §7) on the hand-made fixture accounts (six rows, see
// test/electron/engine/compare/compare.test.ts for their values): the normative --json keys, a scheme
// file expanding to its tiers (otherwise last), the KPI table as --csv, and the exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionFile } from '../../../shared/segments/file';
import { openFixtureWorkspace } from '../engine/segments/segmentsTestUtils';
import { segwbBin } from './cliTestUtils';

let dir: string;
let ws: string;
const entity = { table: 'accounts', key: 'account_id' };

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [segwbBin, ...args, '--workspace', ws], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeDef(file: string, kind: 'segment' | 'scheme', name: string, definition: unknown): void {
  const doc = createDefinitionFile({
    kind,
    id: `id-${name}`,
    name,
    definition: definition as never,
    now: '2026-11-02T09:00:00Z',
    note: 'test',
  });
  writeFileSync(path.join(dir, file), JSON.stringify(doc, null, 2));
}

beforeAll(async () => {
  const t = await openFixtureWorkspace();
  ws = t.dir;
  t.ws.close(); // release DuckDB's lock for the CLI's engine
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-cmp-cli-'));
  writeDef('pro.segment.json', 'segment', 'Pro', {
    entity,
    asOf: { kind: 'snapshot' },
    where: { field: 'plan', op: 'eq', value: 'pro' },
  });
  writeDef('promoters.segment.json', 'segment', 'Promoters', {
    entity,
    asOf: { kind: 'snapshot' },
    where: { field: 'nps', op: 'gte', value: 9 },
  });
  writeDef('value.scheme.json', 'scheme', 'Value', {
    entity,
    asOf: { kind: 'snapshot' },
    tiers: [
      { name: 'High', where: { field: 'mrr', op: 'gte', value: 500 } },
      { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
    ],
    otherwise: 'Low',
  });
  writeDef('elsewhere.segment.json', 'segment', 'Elsewhere', {
    entity: { table: 'nope', key: 'id' },
    asOf: { kind: 'snapshot' },
    where: { all: [] },
  });
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(ws, { recursive: true, force: true });
});

describe('segwb compare', () => {
  it('--json: segments in order, a scheme as its tiers, measures, overlap and a breakdown by the column\u2019s values', () => {
    const r = run([
      'compare',
      'pro.segment.json',
      'value.scheme.json',
      'promoters.segment.json',
      '--measure',
      'mrr',
      '--breakdown',
      'country',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ table: 'accounts', total: 6, asOf: '2026-11-01T00:00:00Z' });
    expect(typeof out.snapshot).toBe('string');
    // Pro = A1 A5 A6; High = A4; Mid = A1 A5 A6; Low = A2 A3; Promoters = A1 A4.
    expect(out.segments.map((s: { name: string; count: number }) => [s.name, s.count])).toEqual([
      ['Pro', 3],
      ['Value / High', 1],
      ['Value / Mid', 3],
      ['Value / Low', 2],
      ['Promoters', 2],
    ]);
    expect(out.segments[0]).toMatchObject({
      id: 'id-Pro',
      version: 1,
      hash: expect.stringMatching(/^sha256:/),
      share: 0.5,
      measures: { mrr: { sum: 370, median: 120 } },
    });
    expect(out.segments[0].measures.mrr.avg).toBeCloseTo(370 / 3, 12);
    expect(out.segments[3].measures.mrr).toMatchObject({ sum: 20, avg: 10, median: 10 });
    expect(out.overlap).toEqual([
      [3, 0, 3, 0, 1],
      [0, 1, 0, 0, 1],
      [3, 0, 3, 0, 1],
      [0, 0, 0, 2, 0],
      [1, 1, 1, 0, 2],
    ]);
    // country values sorted, NULL (A5) last as null.
    expect(out.breakdown).toEqual({
      column: 'country',
      categories: ['DE', 'FR', 'US', null],
      counts: [
        [0, 0, 2, 1],
        [0, 1, 0, 0],
        [0, 0, 2, 1],
        [1, 0, 1, 0],
        [0, 1, 1, 0],
      ],
      baseline: [1, 1, 3, 1],
    });
  });

  it('--csv prints the KPI table with exact numbers; text output rounds for reading', () => {
    const csv = run(['compare', 'pro.segment.json', 'promoters.segment.json', '--measure', 'mrr', '--csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('segment,version,hash,count,share,mrr sum,mrr avg,mrr median,mrr index');
    expect(lines[1]).toMatch(
      new RegExp(
        `^Pro,1,sha256:[0-9a-f]{64},3,0.5,370,${String(370 / 3).replace('.', '\\.')},120,${String(370 / 3 / (1390 / 6)).replace('.', '\\.')}$`,
      ),
    );
    expect(lines[2]).toMatch(/^Promoters,1,sha256:[0-9a-f]{64},2,0\.3333333333333333,1100,550,550,/);
    expect(lines[3]).toBe(`Whole table,,,6,1,1390,${1390 / 6},110,1`);
    const text = run(['compare', 'pro.segment.json', 'promoters.segment.json', '--measure', 'mrr']);
    expect(text.code).toBe(0);
    // 370 / 3 = 123.33…, shown as 123; the index 123.33 / 231.67 as 0.53×.
    expect(text.stdout).toMatch(/^Pro\s+v1\s+3\s+50\.0%\s+123\s+120\s+0\.53×$/m);
    expect(text.stdout).toMatch(/Overlap/);
  });

  it('exit codes: 2 for usage, 3 for invalid input', () => {
    expect(run(['compare']).code).toBe(2);
    expect(run(['compare', 'pro.segment.json', '--csv', '--json']).code).toBe(2);
    expect(run(['compare', 'pro.segment.json', '--as-of', '2026-13-01']).code).toBe(2);
    const missing = run(['compare', 'pro.segment.json', 'nothere.segment.json']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nothere\.segment\.json/);
    const table = run(['compare', 'elsewhere.segment.json']);
    expect(table.code).toBe(3);
    expect(table.stderr.trim().split('\n')).toHaveLength(1);
    expect(run(['compare', 'pro.segment.json', '--measure', 'plan']).code).toBe(3);
  });
});
