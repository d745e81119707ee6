// `segwb flow` and `segwb measure --snapshot all` as real processes (SPEC §7) on the hand-made
// fixture accounts (two snapshots; see test/electron/engine/overTime/overTime.test.ts for the rows):
// the normative JSON keys of a segment's flow and a scheme's tier moves, one measurement record per
// snapshot, and the exit codes.
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
let oct = '';
let nov = '';
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
  writeFileSync(
    path.join(dir, file),
    JSON.stringify(
      createDefinitionFile({
        kind,
        id: `id-${name}`,
        name,
        definition: definition as never,
        now: '2026-11-02T09:00:00Z',
        note: 'test',
      }),
    ),
  );
}

beforeAll(async () => {
  const t = await openFixtureWorkspace();
  ws = t.dir;
  oct = t.snaps['accounts_2026-10.csv']!;
  nov = t.snaps['accounts_2026-11.csv']!;
  t.ws.close();
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-flow-cli-'));
  writeDef('pro.segment.json', 'segment', 'Pro', {
    entity,
    asOf: { kind: 'snapshot' },
    where: { field: 'plan', op: 'eq', value: 'pro' },
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
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(ws, { recursive: true, force: true });
});

describe('segwb flow', () => {
  it('a segment: stayed, entered, left, new, gone', () => {
    const r = run(['flow', 'pro.segment.json', '--from', oct, '--to', nov, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ from: oct, to: nov, stayed: 1, entered: 0, left: 1, new: 2, gone: 0 });
  });

  it('a scheme: tiers (otherwise last), matrix, new and gone', () => {
    const r = run(['flow', 'value.scheme.json', '--from', oct, '--to', nov, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      from: oct,
      to: nov,
      tiers: ['High', 'Mid', 'Low'],
      matrix: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 1, 2],
      ],
      new: [1, 2, 0],
      gone: [0, 0, 0],
    });
    const text = run(['flow', 'value.scheme.json', '--from', oct, '--to', nov]);
    expect(text.stdout).toMatch(/^Low\s+0\s+1\s+2\s+0$/m);
  });

  it('exit codes: 2 without --from/--to, 3 for an unknown snapshot', () => {
    expect(run(['flow', 'pro.segment.json', '--from', oct]).code).toBe(2);
    const bad = run(['flow', 'pro.segment.json', '--from', oct, '--to', 'nope']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/no snapshot 'nope'/);
  });
});

describe('segwb measure --snapshot all', () => {
  it('prints one record per snapshot, each at its own as-of', () => {
    const r = run(['measure', 'pro.segment.json', '--snapshot', 'all', '--json']);
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout) as { snapshot: string; count: number; total: number; asOf: string }[];
    // Pro at 10: A1, A3 of 3; at 11: A1, A5, A6 of 6.
    expect(records.map((x) => [x.snapshot, x.count, x.total, x.asOf])).toEqual([
      [oct, 2, 3, '2026-10-01T00:00:00Z'],
      [nov, 3, 6, '2026-11-01T00:00:00Z'],
    ]);
  });
});

describe('segwb measure of a scheme', () => {
  it('records each tier\u2019s count (otherwise last) and prints them', () => {
    // At 11: A4 (1000) High; A1 (100), A5 (150), A6 (120) Mid; A2 (0), A3 (20) Low.
    const r = run(['measure', 'value.scheme.json', '--snapshot', nov, '--json']);
    expect(r.code).toBe(0);
    const [rec] = JSON.parse(r.stdout) as { count: number; tiers: { name: string; count: number }[] }[];
    expect(rec!.count).toBe(4);
    expect(rec!.tiers.map((t) => [t.name, t.count])).toEqual([
      ['High', 1],
      ['Mid', 3],
      ['Low', 2],
    ]);
    const text = run(['measure', 'value.scheme.json', '--snapshot', nov]);
    expect(text.stdout).toContain(`value.scheme.json on ${nov}: High 1 · Mid 3 · Low 2`);
  });
});
