// Tier movement: every move counted once (tier → tier, new → tier, tier → gone), a heatmap whose
// rows are the `from` tiers then "new" and columns the `to` tiers then "gone", coloured by share of
// the row; a Sankey with each side's tiers as nodes and a link per non-empty move. Cells and links
// carry (i, j) for the grid (-1 = new or gone), and say "42 accounts moved Medium → High".
import { describe, expect, it } from 'vitest';
import { palettes } from '../../../renderer/charts/palette';

const tierColor = (t: string) => ({ High: '#aa1111', Medium: '#11aa11', Low: '#1111aa' })[t] ?? '#000000';
import {
  fromTotals,
  rowNoun,
  sankeyNodes,
  tierHeatmapOption,
  tierMoves,
  tierSankeyOption,
} from '../../../renderer/charts/tierMoveChart';
import { schemeFlow } from '../overTimeFixtures';

describe('tier movement', () => {
  const f = schemeFlow();

  it('lists every move with its count and a sentence', () => {
    const moves = tierMoves(f);
    expect(moves).toHaveLength(3 * 3 + 3 + 3);
    expect(moves.find((m) => m.i === 1 && m.j === 0)).toEqual({
      i: 1,
      j: 0,
      count: 42,
      tip: '42 accounts moved Medium → High (2026-10-01 → 2026-11-01)',
    });
    expect(moves.find((m) => m.i === 0 && m.j === 0)!.tip).toBe('80 accounts stayed High (2026-10-01 → 2026-11-01)');
    expect(moves.find((m) => m.i === -1 && m.j === 2)!.tip).toBe('20 accounts new as of 2026-11-01 are in Low');
    expect(moves.find((m) => m.i === 2 && m.j === -1)!.tip).toBe(
      '20 accounts in Low as of 2026-10-01 are gone as of 2026-11-01',
    );
    expect(fromTotals(f)).toEqual([100, 500, 350]);
    expect(rowNoun('accounts')).toBe('accounts');
    expect(rowNoun('usage_events')).toBe('usage events');
    expect(rowNoun('crm')).toBe('rows');
  });

  it('draws the heatmap: rows from, then new; columns to, then gone; colour = share of the row', () => {
    const o = tierHeatmapOption(f, palettes.light) as unknown as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      series: { data: { value: [number, number, number]; i: number; j: number; count: number }[] }[];
    };
    expect(o.yAxis.data).toEqual(['High', 'Medium', 'Low', 'new']);
    expect(o.xAxis.data).toEqual(['High', 'Medium', 'Low', 'gone']);
    const cell = (i: number, j: number) => o.series[0]!.data.find((c) => c.i === i && c.j === j)!;
    expect(cell(1, 0)).toMatchObject({ value: [0, 1, 42 / 500], count: 42 });
    expect(cell(1, -1)).toMatchObject({ value: [3, 1, 8 / 500], count: 8 });
    expect(cell(-1, 1)).toMatchObject({ value: [1, 3, 20 / 50], count: 20 });
    expect(o.series[0]!.data).toHaveLength(15);
  });

  it('draws the Sankey: a link per non-empty move, nodes only where links are', () => {
    const o = tierSankeyOption(f, tierColor, palettes.dark) as unknown as {
      series: {
        type: string;
        data: { name: string; depth: number }[];
        links: { source: string; target: string; value: number; i: number; j: number }[];
      }[];
    };
    const s = o.series[0]!;
    expect(s.type).toBe('sankey');
    const names = sankeyNodes(f);
    expect(names.from[1]).toBe('Medium · 2026-10-01');
    expect(s.links).toContainEqual(
      expect.objectContaining({ source: 'Medium · 2026-10-01', target: 'High · 2026-11-01', value: 42, i: 1, j: 0 }),
    );
    expect(s.links).toContainEqual(
      expect.objectContaining({ source: 'new · 2026-11-01', target: 'Low · 2026-11-01', value: 20, i: -1, j: 2 }),
    );
    expect(s.links.every((l) => l.value > 0)).toBe(true);
    // 7 non-empty cells of the matrix, 3 tiers with new keys, 3 with gone ones.
    expect(s.links).toHaveLength(13);
    expect(s.data.map((n) => [n.name, n.depth])).toEqual([
      ['High · 2026-10-01', 0],
      ['Medium · 2026-10-01', 0],
      ['Low · 2026-10-01', 0],
      ['new · 2026-11-01', 0],
      ['High · 2026-11-01', 1],
      ['Medium · 2026-11-01', 1],
      ['Low · 2026-11-01', 1],
      ['gone · 2026-10-01', 1],
    ]);
    const quiet = tierSankeyOption({ ...f, new: [0, 0, 0], gone: [0, 0, 0] }, tierColor, palettes.dark) as unknown as {
      series: { data: { name: string }[] }[];
    };
    expect(quiet.series[0]!.data.map((n) => n.name)).not.toContain('new · 2026-11-01');
  });
});
