// The threshold explorer's binning: the histogram's bounds (threshold.ts; for ≥ and <, each bound
// is the double just below its threshold, so "value above the bound" is exactly "value at or above
// the threshold"), the kept bins' per-row bin (thresholdBins.ts) against a count in JS, and a
// snapshot that cannot keep bins (a column named rowid) giving the same curve as one that does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { below } from '../../../../electron/engine/overTime/threshold';
import { binExpr } from '../../../../electron/engine/overTime/thresholdBins';
import { createOverTimeService } from '../../../../electron/engine/overTime/overTimeService';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import { Frag, getDialect, render } from '../../../../shared/segments/compiler';
import { memoryDuckDb } from '../../../shared/segments/segmentsTestUtils';
import { openFixtureWorkspace } from '../segments/segmentsTestUtils';

describe('below', () => {
  it('is the largest double under t: nothing lies between it and t', () => {
    for (const t of [2, 1e-9, 3.5, 1e15, 123456.789, -2, -1e-300, Number.MAX_VALUE, 5e-324]) {
      const b = below(t);
      expect(b).toBeLessThan(t);
      const mid = b + (t - b) / 2;
      expect(mid === b || mid === t, `a double between ${b} and ${t}`).toBe(true);
    }
    expect(below(0)).toBe(-Number.MIN_VALUE);
    expect(below(1)).toBe(1 - Number.EPSILON / 2);
  });

  it('turns v ≥ t into v > below(t) for the doubles around t', () => {
    for (const t of [0.1, 2, -7.25, 0, 1e300]) {
      const next = -below(-t); // the smallest double above t
      for (const v of [below(below(t)), below(t), t, next, next * 2, t - 1])
        expect([t, v, v >= t]).toEqual([t, v, v > below(t)]);
    }
  });
});

describe('kept bins', () => {
  it('binExpr gives each value the number of thresholds it passes (≤ or <), NULL for NULL', async () => {
    const { conn, close } = await memoryDuckDb();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 41 }),
          fc.array(
            fc.option(
              fc.integer({ min: -25, max: 25 }).map((x) => x / 2),
              { nil: null },
            ),
            { maxLength: 15 },
          ),
          fc.boolean(),
          async (ts, values, inclusive) => {
            const thresholds = ts.sort((x, y) => x - y);
            const expr = render(new Frag(binExpr(new Frag(['v']), thresholds, inclusive)), getDialect('duckdb'));
            if (!values.length) return;
            const rows = values.map((v, i) => `(${i}, CAST(${v === null ? 'NULL' : v} AS DOUBLE))`).join(', ');
            const sql = `SELECT ${expr.sql} AS j FROM (VALUES ${rows}) AS x(i, v) ORDER BY i`;
            const got = (await conn.runAndReadAll(sql, expr.params as never)).getRowsJS().map((r) => r[0]);
            const want = values.map((v) =>
              v === null ? null : thresholds.filter((t) => (inclusive ? t <= v : t < v)).length,
            );
            expect(got.map((j) => (j === null ? null : Number(j)))).toEqual(want);
          },
        ),
        { numRuns: 100, seed: 3 },
      );
    } finally {
      close();
    }
  });

  it('a table with a column named rowid (no kept bins) gives the same curve, equal to counts one by one', async () => {
    const t = await openFixtureWorkspace();
    try {
      const accounts = await t.ws.resolveSnapshot('accounts');
      const copy = await addSnapshotFromQuery(t.ws, {
        table: 'accounts_rowid',
        asOf: '2026-11-01',
        sourceFile: 'test',
        select: `SELECT *, 7 AS rowid FROM ${accounts.relation}`,
      });
      expect(copy.rows).toBeGreaterThan(0);
      const api = createOverTimeService({ workspace: () => t.ws, emit: () => {} });
      const def = (table: string, v: number) => ({
        entity: { table, key: 'account_id' },
        asOf: { kind: 'snapshot' },
        where: {
          all: [
            { field: 'plan', op: 'neq', value: 'free' },
            { field: 'mrr', op: 'gte', value: v },
          ],
        },
      });
      const req = (table: string) => ({ target: { definition: def(table, 100) }, path: 'where.all[1]', points: 40 });
      const kept = await api.thresholdCurve(req('accounts'));
      const scanned = await api.thresholdCurve(req('accounts_rowid'));
      expect(scanned.points).toEqual(kept.points);
      for (const p of kept.points) {
        const n = await t.api.countSegment({ target: { definition: def('accounts', p.threshold) } });
        expect([p.threshold, p.count]).toEqual([p.threshold, n.count]);
      }
      // Redrawn with another condition changed: the kept bins still give the exact counts.
      const other = {
        ...def('accounts', 100),
        where: {
          all: [
            { field: 'plan', op: 'eq', value: 'pro' },
            { field: 'mrr', op: 'gte', value: 100 },
          ],
        },
      };
      const again = await api.thresholdCurve({ target: { definition: other }, path: 'where.all[1]', points: 40 });
      for (const p of again.points) {
        const at = { ...other, where: { all: [other.where.all[0]!, { field: 'mrr', op: 'gte', value: p.threshold }] } };
        expect([p.threshold, p.count]).toEqual([
          p.threshold,
          (await t.api.countSegment({ target: { definition: at } })).count,
        ]);
      }
    } finally {
      t.close();
    }
  });
});
