// Property test of compareSegments against the independent reference evaluator: random tables (NULLs,
// blanks, quotes, month ends) and 1–5 random rule trees compared side by side. Counts, the overlap
// matrix (symmetric, diagonal = counts), measure sums and medians (quantile_cont by hand), the
// breakdown by a text column (totals = counts) and the whole table must equal what plain JS computes
// from the rows with the reference's membership.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createCompareService } from '../../../../electron/engine/compare/compareService';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import type { CompareApi } from '../../../../shared/api/compareApi';
import { ReferenceEvaluator, type RefRow } from '../../../shared/segments/referenceEvaluator';
import { asOfs, kinds, literal, row, rule } from '../../../shared/segments/compiler/ruleArbitraries';

let dir: string;
let ws: Workspace;
let api: CompareApi;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-cmp-prop-'));
  ws = await Workspace.open(dir, { create: true, memoryLimit: '256MB' });
  api = createCompareService({ workspace: () => ws, emit: () => {} });
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) / 2;
  return s[Math.floor(pos)]! + (pos - Math.floor(pos)) * (s[Math.ceil(pos)]! - s[Math.floor(pos)]!);
};
const close = (a: number | null | undefined, b: number | null) =>
  a === null || a === undefined ? b === null : b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('compareSegments agrees with the reference evaluator', () => {
  it('on 150 random tables and sets of rules', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 14 }),
        fc.array(rule, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...asOfs),
        async (rows, rules, asOf) => {
          const values = rows.map(
            (r, i) =>
              `(${[
                literal(i, 'id'),
                literal(r.s, 'string'),
                literal(r.n, 'number'),
                literal(r.x, 'number'),
                literal(r.d, 'date'),
                literal(r.t, 'timestamp'),
                literal(r.b, 'boolean'),
                literal(r.dc, 'number'),
                literal(r.tz, 'tz'),
              ].join(', ')})`,
          );
          const cols =
            'id INTEGER, s VARCHAR, n INTEGER, x DOUBLE, d DATE, t TIMESTAMP, b BOOLEAN, dc DECIMAL(10,2), tz TIMESTAMPTZ';
          const select = values.length
            ? `SELECT * FROM (VALUES ${values.join(', ')}) AS v(${cols
                .split(', ')
                .map((c) => c.split(' ')[0])
                .join(', ')})`
            : `SELECT * FROM (SELECT ${cols
                .split(', ')
                .map((c) => `CAST(NULL AS ${c.split(' ').slice(1).join(' ')}) AS ${c.split(' ')[0]}`)
                .join(', ')}) WHERE FALSE`;
          const table = `t${++run}`;
          // Typed like the compiler's schema: the VALUES columns are cast to the declared types.
          await addSnapshotFromQuery(ws, {
            table,
            asOf: asOf.slice(0, 10),
            sourceFile: 'property',
            select: `SELECT ${cols
              .split(', ')
              .map((c) => `CAST(${c.split(' ')[0]} AS ${c.split(' ').slice(1).join(' ')}) AS ${c.split(' ')[0]}`)
              .join(', ')} FROM (${select})`,
          });
          const refRows = rows.map((r) => ({ ...r }) as RefRow);
          const ref = new ReferenceEvaluator({ rows: refRows, kinds }, asOf);
          const members = rules.map((w) => refRows.map((r) => ref.matches(w, r)));
          const r = await api.compareSegments({
            targets: rules.map((where) => ({
              definition: { entity: { table, key: 'id' }, asOf: { kind: 'fixed', at: asOf }, where },
            })),
            measures: ['x', 'n'],
            breakdown: { column: 's', mode: 'values' },
          });
          const fail = (what: string, got: unknown, want: unknown) => {
            throw new Error(
              `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}\nrules ${JSON.stringify(rules)}\nrows ${JSON.stringify(rows)}`,
            );
          };
          if (r.total !== rows.length) fail('total', r.total, rows.length);
          members.forEach((m, i) => {
            const count = m.filter(Boolean).length;
            if (r.segments[i]!.count !== count) fail(`count ${i}`, r.segments[i]!.count, count);
            members.forEach((o, j) => {
              const both = m.filter((v, k) => v && o[k]).length;
              if (r.overlap[i]![j] !== both) fail(`overlap ${i},${j}`, r.overlap[i]![j], both);
            });
            for (const measure of ['x', 'n'] as const) {
              const xs = rows
                .filter((_, k) => m[k])
                .map((row) => row[measure])
                .filter((v): v is number => v !== null);
              const stats = r.segments[i]!.measures[measure]!;
              const sum = xs.length ? xs.reduce((a, b) => a + b, 0) : null;
              if (stats.values !== xs.length || !close(stats.sum, sum) || !close(stats.median, median(xs)))
                fail(`${measure} of ${i}`, stats, { values: xs.length, sum, median: median(xs) });
            }
            // Breakdown by s: each category's count is the members with that value (NULL as null).
            const b = r.breakdown!;
            b.categories.forEach((cat, c) => {
              const want = rows.filter((row, k) => m[k] && (row.s ?? null) === cat).length;
              if (b.counts[i]![c] !== want) fail(`breakdown ${i} '${String(cat)}'`, b.counts[i]![c], want);
            });
            if (b.counts[i]!.reduce((a, v) => a + v, 0) !== count) fail(`breakdown total ${i}`, b.counts[i], count);
          });
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  }, 180_000);
});
