// Member exports as the window uses them: metric columns beside entity columns (values computed by
// hand from the fixture), progress events while writing, and a cancel that lands between XLSX
// batches and leaves no file behind.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../../../electron/engine/import/importFile';
import { createSegmentsService } from '../../../../../electron/engine/segments/segmentsService';
import { Workspace } from '../../../../../electron/engine/workspace/workspace';
import type { ApiEvent } from '../../../../../shared/api/protocol';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segmentsTestUtils';

let t: TestWorkspace;
beforeAll(async () => {
  t = await openFixtureWorkspace();
});
afterAll(() => t.close());

describe('export columns', () => {
  it('exports a metric as a column, in the chosen order', async () => {
    const definition = {
      entity,
      asOf: { kind: 'fixed', at: '2026-11-01' },
      metrics: [{ name: 'inactive_days', kind: 'daysSince', of: 'last_active_at' }],
      where: { field: 'plan', op: 'eq', value: 'pro' },
    };
    const out = path.join(t.dir, '..', `${path.basename(t.dir)}-metric.csv`);
    const r = await t.api.exportMembers({ target: { definition }, out, columns: ['inactive_days', 'account_id'] });
    expect(r).toMatchObject({ rows: 3, columns: ['inactive_days', 'account_id'] });
    // pro: A1 last active 2026-10-30 (2 days before 2026-11-01), A5 2026-10-25 (7), A6 never (NULL).
    expect(readFileSync(out, 'utf8')).toBe('inactive_days,account_id\n2,A1\n7,A5\n,A6\n');
    rmSync(out);
    rmSync(r.metaFile);
  });

  it('still refuses a name that is neither a column nor a metric', async () => {
    const out = path.join(t.dir, '..', `${path.basename(t.dir)}-bad.csv`);
    await expect(
      t.api.exportMembers({
        target: { definition: { entity, where: { all: [] } } },
        out,
        columns: ['account_id', 'nope'],
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining("'nope'"),
    });
    expect(existsSync(out)).toBe(false);
  });
});

describe('export progress and cancel (30,000 rows: three XLSX batches of 10,000)', () => {
  const ROWS = 30_000;
  let dir: string;
  let ws: Workspace;
  let events: ApiEvent[];
  let api: ReturnType<typeof createSegmentsService>;
  const big = { table: 'big', key: 'id' };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'segwb-exp-'));
    const csv = path.join(dir, 'big.csv');
    writeFileSync(csv, 'id,n\n' + Array.from({ length: ROWS }, (_, i) => `${i + 1},${i % 7}`).join('\n') + '\n');
    ws = await Workspace.open(path.join(dir, 'ws'), { create: true, memoryLimit: '256MB' });
    await importFile(ws, { kind: 'path', path: csv }, { table: 'big' });
    events = [];
    api = createSegmentsService({ workspace: () => ws, emit: (e) => events.push(e) });
  });
  afterAll(async () => {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports rows written per XLSX batch, then done', async () => {
    const out = path.join(dir, 'all.xlsx');
    const r = await api.exportMembers({
      target: { definition: { entity: big, where: { all: [] } } },
      out,
      columns: ['id'],
      jobId: 'x1',
    });
    expect(r.rows).toBe(ROWS);
    const mine = events
      .filter((e) => e.kind === 'progress' && e.jobId === 'x1')
      .map((e) => (e.kind === 'progress' ? e.fraction : null));
    expect(mine).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
  });

  it('a cancel after the first batch stops the export: interrupted, and no file at the destination', async () => {
    const out = path.join(dir, 'cancelled.xlsx');
    const cancelOnFirstBatch = (e: ApiEvent) => {
      if (e.kind === 'progress' && e.jobId === 'x2' && e.fraction !== null && e.fraction > 0 && e.fraction < 1)
        ws.cancel('x2');
    };
    const events2: ApiEvent[] = [];
    const api2 = createSegmentsService({ workspace: () => ws, emit: (e) => (events2.push(e), cancelOnFirstBatch(e)) });
    await expect(
      api2.exportMembers({
        target: { definition: { entity: big, where: { all: [] } } },
        out,
        columns: ['id', 'n'],
        jobId: 'x2',
      }),
    ).rejects.toMatchObject({ code: 'interrupted' });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.segment-meta.json`)).toBe(false);
    expect(events2.filter((e) => e.kind === 'progress' && e.fraction === 1)).toEqual([]);
  });
});
