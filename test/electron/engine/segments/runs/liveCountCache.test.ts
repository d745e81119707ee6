// The live-count path caches the snapshot catalog between keystrokes (runContext.readCatalog and the
// stamp checked inside the count statement). These tests make sure the cache never answers from a
// stale catalog: a new snapshot of the entity table or of a related table changes the very next live
// count, a changed metric changes it, and a named older snapshot still counts the old rows. Expected
// counts are computed by hand from the generated rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSegmentsService } from '../../../../../electron/engine/segments/segmentsService';
import { readCatalog } from '../../../../../electron/engine/segments/runs/runContext';
import { Workspace } from '../../../../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../../../../electron/engine/workspace/addSnapshot';
import type { SegmentsApi } from '../../../../../shared/api/segmentsApi';

let dir: string;
let ws: Workspace;
let api: SegmentsApi;
const entity = { table: 'acc', key: 'id' };
const atLeast5 = { field: 'v', op: 'gte', value: 5 };
// Accounts 0..n-1 with v = id; tickets: account i has i % 4 tickets (first import).
const accounts = (n: number) => `SELECT i AS id, i AS v FROM range(${n}) t(i)`;
const tickets = (perAccount: string) =>
  `SELECT a.i AS account_id, k.j AS ticket FROM range(10) a(i), range(4) k(j) WHERE k.j < ${perAccount}`;
const live = (where: unknown, extra: Record<string, unknown> = {}) =>
  api.countSegment({ target: { definition: { entity, where, ...extra } }, liveKey: 'builder', measures: ['v'] });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-livecache-'));
  ws = await Workspace.open(dir, { create: true, memoryLimit: '256MB' });
  await addSnapshotFromQuery(ws, { table: 'acc', asOf: '2026-10-01', sourceFile: 'gen', select: accounts(10) });
  await addSnapshotFromQuery(ws, { table: 'tix', asOf: '2026-10-01', sourceFile: 'gen', select: tickets('a.i % 4') });
  api = createSegmentsService({ workspace: () => ws, emit: () => {} });
}, 60_000);
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('live count catalog cache', () => {
  it('a new entity snapshot changes the next live count (count, total, snapshot)', async () => {
    const before = await live(atLeast5);
    expect(before).toMatchObject({ count: 5, total: 10, share: 0.5 });
    expect(before.measures[0]).toMatchObject({ sum: 5 + 6 + 7 + 8 + 9, avg: 7 });
    // A second call is served from the cached catalog: same answer.
    expect((await live(atLeast5)).count).toBe(5);
    const s1 = before.snapshot;

    await addSnapshotFromQuery(ws, { table: 'acc', asOf: '2026-11-01', sourceFile: 'gen', select: accounts(20) });
    const after = await live(atLeast5);
    expect(after).toMatchObject({ count: 15, total: 20, share: 0.75 });
    expect(after.snapshot).not.toBe(s1);
    expect(after.measures[0]!.sum).toBe(((5 + 19) * 15) / 2);
    // The older snapshot, named, still counts its own rows.
    expect(
      await api.countSegment({ target: { definition: { entity, where: atLeast5 } }, liveKey: 'builder', snapshot: s1 }),
    ).toMatchObject({ count: 5, total: 10 });
  });

  it('readCatalog sees a snapshot added after it was cached', async () => {
    const n = (await readCatalog(ws)).length;
    await addSnapshotFromQuery(ws, { table: 'other', asOf: '2026-11-01', sourceFile: 'gen', select: 'SELECT 1 AS x' });
    expect((await readCatalog(ws)).length).toBe(n + 1);
  });

  it('metric changes and a new related snapshot change the next live count', async () => {
    const metric = (fn: string, extra: Record<string, unknown> = {}) => ({
      name: 'm',
      kind: 'aggregate',
      from: 'tix',
      on: { entity: 'id', related: 'account_id' },
      fn,
      ...extra,
    });
    // Ticket counts on accounts 0..9 are i % 4: 0,1,2,3,0,1,2,3,0,1 — ≥ 2 tickets: ids 2,3,6,7 (accounts 10..19 have
    // none).
    const byCount = await live({ field: 'm', op: 'gte', value: 2 }, { metrics: [metric('count')] });
    expect(byCount.count).toBe(4);
    // Same rule, metric changed to max(ticket): max ticket index is (i % 4) - 1, ≥ 2 only where i % 4 = 3: ids 3, 7.
    const byMax = await live({ field: 'm', op: 'gte', value: 2 }, { metrics: [metric('max', { of: 'ticket' })] });
    expect(byMax.count).toBe(2);
    // A newer tickets snapshot (every account 0..9 has 3 tickets) is read by the next count.
    await addSnapshotFromQuery(ws, { table: 'tix', asOf: '2026-11-01', sourceFile: 'gen', select: tickets('3') });
    const afterImport = await live({ field: 'm', op: 'gte', value: 2 }, { metrics: [metric('count')] });
    expect(afterImport.count).toBe(10);
    expect(afterImport.related.tix).not.toBe(byCount.related.tix);
  });
});
