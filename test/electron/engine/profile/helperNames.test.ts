// Profiles of tables whose columns carry the profile queries' own aliases (b, n, v, lo, hi) and
// DuckDB's rowid: each column is profiled by its own values (hand-computed below), never an alias's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { headerSummaries, profileColumn, topValues } from '../../../../electron/engine/profile/profile';
import { tempDir } from '../engineTestUtils';

describe('profiles over columns named like helpers', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    const p = join(t.dir, 'h.csv');
    // rowid: 7,7,7,9,20 ; b: 1..5 ; n: x,x,y,y,y ; v: 0,0,0,0,10 ; lo/hi text
    writeFileSync(p, 'rowid,b,n,v,lo,hi\n7,1,x,0,a,q\n7,2,x,0,a,q\n7,3,y,0,b,r\n9,4,y,0,b,r\n20,5,y,10,b,r\n');
    await importFile(ws, { kind: 'path', path: p }, { table: 'h' });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('histograms of a number column beside a column named b', async () => {
    const prof = await profileColumn(ws, 'h', 'rowid');
    expect(prof).toMatchObject({ rows: 5, nulls: 0, distinct: 3, min: 7, max: 20 });
    // 20 bins of width (20 - 7) / 20 = 0.65: 7 → bin 0 (×3), 9 → bin 3 (2/0.65 = 3.07), 20 → last bin.
    const h = prof.histogram!;
    expect(h).toHaveLength(20);
    expect(h[0]!.count).toBe(3);
    expect(h[3]!.count).toBe(1);
    expect(h[19]!.count).toBe(1);
    expect(h.reduce((s, x) => s + x.count, 0)).toBe(5);
    const v = await profileColumn(ws, 'h', 'v');
    expect(v.histogram![0]!.count).toBe(4);
    expect(v.histogram![19]!.count).toBe(1);
  });

  it('top values of columns named n and v', async () => {
    expect((await profileColumn(ws, 'h', 'n')).top).toEqual([
      { value: 'y', count: 3 },
      { value: 'x', count: 2 },
    ]);
    expect((await topValues(ws, 'h', 'n', 5)).values).toEqual([
      { value: 'y', count: 3 },
      { value: 'x', count: 2 },
    ]);
    expect((await topValues(ws, 'h', 'v', 5)).values).toEqual([
      { value: 0, count: 4 },
      { value: 10, count: 1 },
    ]);
  });

  it('header summaries for every column', async () => {
    const hs = await headerSummaries(ws, 'h');
    expect(hs.map((x) => x.name)).toEqual(['rowid', 'b', 'n', 'v', 'lo', 'hi']);
    // b holds 1..5, one per bin at 12 bins over [1, 5]: bins 0, 3, 6, 9 and the last.
    expect(hs[1]!.bars.filter((x) => x === 1)).toHaveLength(5);
    // n: y ×3, x ×2 → bars 1 and 2/3; lo: b ×3, a ×2 likewise.
    expect(hs[2]!.bars).toEqual([1, 2 / 3]);
    expect(hs[4]!.bars).toEqual([1, 2 / 3]);
  });
});
