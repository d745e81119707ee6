// Column profiles on hand-made data with hand-computed expectations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { headerSummaries, profileColumn, topValues } from '../../../../electron/engine/profile/profile';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import { tempDir } from '../engineTestUtils';

describe('profiles', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const p = join(t.dir, 'p.csv');
    // mrr: 0,10,10,20,40,NULL ; plan: pro x3, free x2, NULL ; d: dates over 10 days
    writeFileSync(
      p,
      'id,mrr,plan,d\n1,0,pro,2026-01-01\n2,10,pro,2026-01-02\n3,10,free,2026-01-05\n4,20,,2026-01-11\n5,40,free,2026-01-11\n6,,pro,\n',
    );
    await importFile(ws, { kind: 'path', path: p }, { table: 'p' });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('numbers: nulls, exact distinct without NULL, min/max, histogram counting every non-null', async () => {
    const prof = await profileColumn(ws, 'p', 'mrr');
    expect(prof).toMatchObject({ rows: 6, nulls: 1, distinct: 4, min: 0, max: 40 });
    const h = prof.histogram!;
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(h[0]).toEqual({ lo: 0, hi: 2, count: 1 });
    expect(h.at(-1)).toEqual({ lo: 38, hi: 40, count: 1 });
    expect(h.find((b) => b.lo === 10)?.count).toBe(2);
  });

  it('text: top values by count', async () => {
    const prof = await profileColumn(ws, 'p', 'plan');
    expect(prof).toMatchObject({ nulls: 1, distinct: 2, min: 'free', max: 'pro' });
    expect(prof.top).toEqual([
      { value: 'pro', count: 3 },
      { value: 'free', count: 2 },
    ]);
  });

  it('dates: ISO min/max and a histogram with date bounds', async () => {
    const prof = await profileColumn(ws, 'p', 'd');
    expect(prof).toMatchObject({ type: 'DATE', nulls: 1, distinct: 4, min: '2026-01-01', max: '2026-01-11' });
    expect(prof.histogram![0]!.lo).toBe('2026-01-01');
    expect(prof.histogram!.at(-1)!.hi).toBe('2026-01-11');
    expect(prof.histogram!.at(-1)!.count).toBe(2);
  });

  it('header summaries: one per column, bars in 0..1, null share', async () => {
    const hs = await headerSummaries(ws, 'p');
    expect(hs.map((h) => h.name)).toEqual(['id', 'mrr', 'plan', 'd']);
    expect(hs.find((h) => h.name === 'plan')).toEqual({
      name: 'plan',
      type: 'VARCHAR',
      bars: [1, 2 / 3],
      nullShare: 1 / 6,
    });
    for (const h of hs) {
      expect(h.bars.length).toBeLessThanOrEqual(12);
      expect(Math.max(...h.bars)).toBe(1);
    }
  });

  it('an unknown column is not found', async () => {
    await expect(profileColumn(ws, 'p', 'MRR')).rejects.toThrow(/no column 'MRR'/);
    await expect(topValues(ws, 'p', 'MRR', 5)).rejects.toThrow(/no column 'MRR'/);
  });

  it('top values of a small table: exact, most frequent first, no NULL, limited', async () => {
    expect(await topValues(ws, 'p', 'plan', 10)).toEqual({
      values: [
        { value: 'pro', count: 3 },
        { value: 'free', count: 2 },
      ],
      rows: 6,
      sampled: false,
    });
    expect((await topValues(ws, 'p', 'plan', 1)).values).toEqual([{ value: 'pro', count: 3 }]);
  });

  it('top values of a big table come from a sample: every frequent value, no unique ids', async () => {
    // 1M rows: id unique; tier = i % 4 (a quarter each); rare = 'x' on 10 rows only.
    await addSnapshotFromQuery(ws, {
      table: 'big',
      asOf: '2026-01-01',
      sourceFile: 'test',
      select: `SELECT i AS id, 'tier' || (i % 4) AS tier, CASE WHEN i % 100000 = 0 THEN 'x' ELSE 'y' END AS rare FROM range(1000000) r(i)`,
    });
    const tiers = await topValues(ws, 'big', 'tier', 10);
    expect(tiers.sampled).toBe(true);
    expect(tiers.rows).toBeGreaterThan(100_000);
    expect(tiers.rows).toBeLessThan(400_000);
    expect(tiers.values.map((v) => v.value).sort()).toEqual(['tier0', 'tier1', 'tier2', 'tier3']);
    for (const v of tiers.values) expect(v.count / tiers.rows).toBeCloseTo(0.25, 1);
    expect((await topValues(ws, 'big', 'id', 10)).values).toEqual([]);
    expect((await topValues(ws, 'big', 'rare', 10)).values[0]?.value).toBe('y');
  });
});
