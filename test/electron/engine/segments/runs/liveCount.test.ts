// Stale live counts are interrupted (SPEC §10, §11): an endless count is running when a newer count
// with the same liveKey arrives; the old one ends as `interrupted` and the new one answers. An XLSX
// export beyond the sheet limit is refused before anything is written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmentsService } from '../../../../../electron/engine/segments/segmentsService';
import { LiveCounts } from '../../../../../electron/engine/segments/runs/liveCounts';
import { Workspace } from '../../../../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../../../../electron/engine/workspace/addSnapshot';
import type { SegmentsApi } from '../../../../../shared/api/segmentsApi';

let dir: string;
let ws: Workspace;
let api: SegmentsApi;
const ROWS = 2_000_000;
const entity = { table: 'big', key: 'id' };
// Slow by construction, whatever the machine: the `endless` snapshot is replaced by a view over five
// billion generated rows (minutes of work anywhere), so its count is surely still running when the
// newer count arrives, and can only end by being interrupted.
const endless = { table: 'endless', key: 'id' };
const anyRow = { field: 'n', op: 'gte', value: 0 };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-live-'));
  ws = await Workspace.open(dir, { create: true, memoryLimit: '512MB' });
  await addSnapshotFromQuery(ws, {
    table: 'big',
    asOf: '2026-11-01',
    sourceFile: 'generated',
    select: `SELECT 'k' || i AS id, i % 100 AS n FROM range(${ROWS}) t(i)`,
  });
  const snap = await addSnapshotFromQuery(ws, {
    table: 'endless',
    asOf: '2026-11-01',
    sourceFile: 'generated',
    select: `SELECT 'k' || i AS id, i % 100 AS n FROM range(10) t(i)`,
  });
  await ws.run(`DROP TABLE ${snap.relation}`);
  await ws.run(
    `CREATE VIEW ${snap.relation} AS SELECT 'k' || range AS id, CAST(hash(range) % 100 AS BIGINT) AS n FROM range(5000000000)`,
  );
  api = createSegmentsService({ workspace: () => ws, emit: () => {} });
}, 120_000);
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('live counts', () => {
  it('LiveCounts cancels the previous job of the same key only', () => {
    const live = new LiveCounts();
    const cancelled: string[] = [];
    const a = live.start('k1', (id) => cancelled.push(id));
    const b = live.start('k2', (id) => cancelled.push(id));
    const c = live.start('k1', (id) => cancelled.push(id));
    expect(cancelled).toEqual([a]);
    live.finish('k1', a); // a stale finish does not forget the newer job
    live.start('k1', (id) => cancelled.push(id));
    expect(cancelled).toEqual([a, c]);
    expect(b).not.toBe(c);
    // A call superseded while it was still preparing never starts its query.
    const d = live.start('k3', () => {});
    live.start('k3', () => {});
    expect(() => live.assertCurrent('k3', d)).toThrow(expect.objectContaining({ code: 'interrupted' }));
    expect(() => live.assertCurrent('k2', b)).not.toThrow();
  });

  it('a newer count with the same liveKey interrupts the running one', async () => {
    const first = api.countSegment({ target: { definition: { entity: endless, where: anyRow } }, liveKey: 'builder' });
    // Let it start its scan (whether it has yet or not, it can only end interrupted).
    await new Promise((r) => setTimeout(r, 200));
    const second = api.countSegment({
      target: { definition: { entity, where: { field: 'n', op: 'lt', value: 10 } } },
      liveKey: 'builder',
    });
    const firstOutcome = await first.then(
      () => 'finished',
      (err: { code?: string }) => err.code,
    );
    expect(firstOutcome).toBe('interrupted');
    // n < 10: 10 of every 100 rows
    expect((await second).count).toBe(ROWS / 10);
    // A different key is not disturbed.
    const other = await api.countSegment({
      target: { definition: { entity, where: { field: 'n', op: 'eq', value: 3 } } },
      liveKey: 'sidebar',
    });
    expect(other.count).toBe(ROWS / 100);
  });
});

describe('a live count with its own job id', () => {
  it('is cancelled by that id (as cancelJob does), not only by a newer count of its key', async () => {
    const running = api.countSegment({
      target: { definition: { entity: endless, where: anyRow } },
      liveKey: 'panel',
      jobId: 'mine',
    });
    await new Promise((r) => setTimeout(r, 200));
    ws.cancel('mine');
    expect(
      await running.then(
        () => 'finished',
        (err: { code?: string }) => err.code,
      ),
    ).toBe('interrupted');
  });
});

describe('export limits', () => {
  it('refuses an XLSX export of more than 1,048,576 rows with a clear message', async () => {
    const out = path.join(dir, '..', `${path.basename(dir)}-all.xlsx`);
    await expect(
      api.exportMembers({ target: { definition: { entity, where: { all: [] } } }, out }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/XLSX holds at most 1,048,576 rows.*2,000,000 members/),
    });
    expect(existsSync(out)).toBe(false);
  });
});
