// The member diff of two versions of one file on one snapshot: its counts (the over-time flow with
// `versus`, read by shared/segments/memberDiff) and the rows the grid and the export show for each
// group (memberDiffSelection as a grid view spec and as an export request), against
// sets worked out by hand on the fixture accounts and, in a property test, against the reference
// evaluator on random tables with NULL values and NULL keys.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverTimeService } from '../../../../electron/engine/overTime/overTimeService';
import { ViewCache } from '../../../../electron/engine/views/viewCache';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import type { ViewSpec } from '../../../../shared/api/dataApi';
import type { OverTimeApi } from '../../../../shared/api/overTimeApi';
import {
  memberDiffOf,
  memberDiffSelection,
  type MemberDiffRows,
  type MemberDiffScope,
  type MemberDiffSelection,
  type SchemeMemberDiff,
  type SegmentMemberDiff,
} from '../../../../shared/segments/memberDiff';
import type { Rule } from '../../../../shared/segments/model';
import { ReferenceEvaluator, type RefRow } from '../../../shared/segments/referenceEvaluator';
import { kinds, literal, row, rule } from '../../../shared/segments/compiler/ruleArbitraries';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segments/segmentsTestUtils';

let t: TestWorkspace;
let api: OverTimeApi;
let views: ViewCache;
let nov = '';

beforeAll(async () => {
  t = await openFixtureWorkspace();
  api = createOverTimeService({ workspace: () => t.ws, emit: () => {} });
  views = new ViewCache(t.ws);
  nov = t.snaps['accounts_2026-11.csv']!;
}, 60_000);
afterAll(() => t?.close());

/** Every key of the grid's view of a selection (the parts gridSegments.segmentParts puts in a view spec). */
async function gridKeys(scope: MemberDiffScope, sel: MemberDiffSelection, key: string): Promise<unknown[]> {
  const spec: ViewSpec = {
    table: scope.entity.table,
    snapshot: scope.snapshot,
    segment: sel.target,
    ...(sel.alsoIn ? { alsoIn: sel.alsoIn } : {}),
    ...(sel.notIn ? { notIn: sel.notIn } : {}),
    ...(sel.keysAt ? { keysAt: sel.keysAt } : {}),
  };
  const out: unknown[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await views.rows(spec, offset, 1000);
    out.push(...page.rows.map((r) => r[key]));
    if (offset + 1000 >= page.total) return out.sort();
  }
}

const pick = (scope: MemberDiffScope, rows: MemberDiffRows): MemberDiffSelection => {
  const f = memberDiffSelection(scope, rows);
  if (!f) throw new Error(`no selection for ${JSON.stringify(rows)}`);
  return f;
};
const keysOf = (scope: MemberDiffScope, rows: MemberDiffRows, key = 'account_id') =>
  gridKeys(scope, pick(scope, rows), key);

describe('the members two versions of a segment differ by (fixture accounts, 2026-11)', () => {
  // mrr: A1 100, A2 0, A3 20, A4 1000, A5 150, A6 120.
  // v1 mrr ≥ 100: A1 A4 A5 A6; v2 20 ≤ mrr ≤ 150: A1 A3 A5 A6 → added A3, removed A4, kept 3.
  const seg = (where: Rule) => ({ entity, asOf: { kind: 'snapshot' }, where });
  let file = '';
  beforeAll(async () => {
    file = (
      await t.api.saveDefinition({ name: 'Mid paying', definition: seg({ field: 'mrr', op: 'gte', value: 100 }) })
    ).file;
    await t.api.saveDefinition({
      file,
      name: 'Mid paying',
      definition: seg({ field: 'mrr', op: 'between', min: 20, max: 150 }),
      note: 'band',
    });
  });

  it('counts every added and removed member; the grid and the export show exactly those rows', async () => {
    const flow = await api.segmentFlow({
      target: { file, version: 1 },
      versus: { file, version: 2 },
      from: nov,
      to: nov,
    });
    const d = memberDiffOf(flow) as SegmentMemberDiff;
    expect(d).toEqual({ kind: 'segment', kept: 3, added: 1, removed: 1, countFrom: 4, countTo: 4 });
    const scope = { file, entity, from: 1, to: 2, snapshot: nov };
    expect(await keysOf(scope, { kind: 'added' })).toEqual(['A3']);
    expect(await keysOf(scope, { kind: 'removed' })).toEqual(['A4']);
    // The export dialog hands the engine the filter's target and narrowing (exportSlice).
    const f = pick(scope, { kind: 'removed' });
    const out = path.join(t.dir, 'removed.csv');
    const r = await t.api.exportMembers({
      target: f.target,
      notIn: f.notIn,
      keysAt: f.keysAt,
      snapshot: nov,
      out,
      columns: ['account_id', 'mrr'],
    });
    expect(r.rows).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('account_id,mrr\nA4,1000\n');
  });
});

describe('how rows move between the tiers of two versions of a scheme', () => {
  // v1 High ≥ 500, Mid ≥ 100, else Low: A4 High; A1 A5 A6 Mid; A2 A3 Low.
  // v2 High ≥ 120, Mid ≥ 20, else Rest: A4 A5 A6 High; A1 A3 Mid; A2 Rest.
  // Moves: Mid → High 2 (A5, A6), Low → Mid 1 (A3, entered the scheme); A4, A1, A2 stay.
  const scheme = (high: number, mid: number, otherwise: string) => ({
    entity,
    asOf: { kind: 'snapshot' },
    otherwise,
    tiers: [
      { name: 'High', where: { field: 'mrr', op: 'gte', value: high } },
      { name: 'Mid', where: { field: 'mrr', op: 'gte', value: mid } },
    ],
  });
  let file = '';
  beforeAll(async () => {
    file = (await t.api.saveDefinition({ kind: 'scheme', name: 'Bands', definition: scheme(500, 100, 'Low') })).file;
    await t.api.saveDefinition({
      kind: 'scheme',
      file,
      name: 'Bands',
      definition: scheme(120, 20, 'Rest'),
      note: 'lower bars',
    });
  });

  it('lists every move with its rows; transitions add up to each version\u2019s tier counts', async () => {
    const flow = await api.segmentFlow({
      target: { file, version: 1 },
      versus: { file, version: 2 },
      from: nov,
      to: nov,
    });
    const d = memberDiffOf(flow) as SchemeMemberDiff;
    expect(d.tiersFrom).toEqual(['High', 'Mid', 'Low']);
    expect(d.tiersTo).toEqual(['High', 'Mid', 'Rest']);
    expect(d.moves.map((m) => [m.from, m.to, m.rows])).toEqual([
      ['Mid', 'High', 2],
      ['Low', 'Mid', 1],
    ]);
    expect({ stayed: d.stayed, entered: d.entered, left: d.left, between: d.movedBetweenTiers }).toEqual({
      stayed: 3,
      entered: 1,
      left: 0,
      between: 2,
    });
    expect(d.countsFrom).toEqual([1, 3, 2]);
    expect(d.countsTo).toEqual([3, 2, 1]);
    // The same per-tier counts as each version's own count.
    for (const [version, counts] of [
      [1, d.countsFrom],
      [2, d.countsTo],
    ] as const) {
      const c = await t.api.countSegment({ target: { file, version }, snapshot: nov });
      expect(c.tiers!.map((x) => x.count)).toEqual(counts);
    }
    const scope = { file, entity, from: 1, to: 2, snapshot: nov, tiersFrom: d.tiersFrom, tiersTo: d.tiersTo };
    expect(await keysOf(scope, { kind: 'move', from: 1, to: 0 })).toEqual(['A5', 'A6']);
    expect(await keysOf(scope, { kind: 'move', from: 2, to: 1 })).toEqual(['A3']);
    expect(await keysOf(scope, { kind: 'move', from: 2, to: 2 })).toEqual(['A2']);
    expect(memberDiffSelection(scope, { kind: 'move', from: 3, to: 0 })).toBeNull();
  });
});

describe('agrees with the reference evaluator', () => {
  it('on 40 random tables (NULL values and NULL keys) and pairs of versions of a segment and a scheme', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(row, fc.integer({ min: 0, max: 7 })), { maxLength: 12 }),
        rule,
        rule,
        rule,
        rule,
        async (drawn, r1, r2, t1, t2) => {
          const table = `vd${++run}`;
          // One row in eight has a NULL key; the others have distinct ids.
          const rows = drawn.map(([r, k], i) => ({ ...r, id: k === 0 ? null : i }));
          const cols =
            'id INTEGER, s VARCHAR, n INTEGER, x DOUBLE, d DATE, t TIMESTAMP, b BOOLEAN, dc DECIMAL(10,2), tz TIMESTAMPTZ';
          const names = cols.split(', ').map((c) => c.split(' ')[0]!);
          const types = cols.split(', ').map((c) => c.split(' ').slice(1).join(' '));
          const values = rows.map(
            (r) =>
              `(${[
                r.id === null ? 'NULL' : literal(r.id, 'id'),
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
          const select = values.length
            ? `SELECT * FROM (VALUES ${values.join(', ')}) AS v(${names.join(', ')})`
            : `SELECT ${names.map((n, i) => `CAST(NULL AS ${types[i]}) AS ${n}`).join(', ')} WHERE FALSE`;
          const { id: snap } = await addSnapshotFromQuery(t.ws, {
            table,
            asOf: '2026-03-31',
            sourceFile: 'property',
            select: `SELECT ${names.map((n, i) => `CAST(${n} AS ${types[i]}) AS ${n}`).join(', ')} FROM (${select})`,
          });
          const ent = { table, key: 'id' };
          const asOf = { kind: 'fixed', at: '2026-03-31T10:00:00Z' };
          const ref = new ReferenceEvaluator(
            { rows: rows.map((r) => ({ ...r }) as RefRow), kinds },
            '2026-03-31T10:00:00Z',
          );
          const keyed = rows.filter((r) => r.id !== null);
          const fail = (what: string, got: unknown, want: unknown) => {
            throw new Error(
              `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}\nrules ${JSON.stringify([r1, r2, t1, t2])}\nrows ${JSON.stringify(rows)}`,
            );
          };

          // A segment: v1 where r1, v2 where r2.
          const seg = await t.api.saveDefinition({
            name: `Seg ${table}`,
            definition: { entity: ent, asOf, where: r1 },
          });
          // Equal rules append no version: the diff is then of v1 with itself.
          const segTo = (
            await t.api.saveDefinition({
              file: seg.file,
              name: `Seg ${table}`,
              definition: { entity: ent, asOf, where: r2 },
              note: 'v2',
            })
          ).version;
          const flow = await api.segmentFlow({
            target: { file: seg.file, version: 1 },
            versus: { file: seg.file, version: segTo },
            from: snap,
            to: snap,
          });
          const d = memberDiffOf(flow) as SegmentMemberDiff;
          const wantAdded = keyed
            .filter((r) => ref.matches(r2, r as RefRow) && !ref.matches(r1, r as RefRow))
            .map((r) => r.id)
            .sort();
          const wantRemoved = keyed
            .filter((r) => ref.matches(r1, r as RefRow) && !ref.matches(r2, r as RefRow))
            .map((r) => r.id)
            .sort();
          if (d.added !== wantAdded.length || d.removed !== wantRemoved.length)
            fail('added/removed counts', [d.added, d.removed], [wantAdded.length, wantRemoved.length]);
          const scope = { file: seg.file, entity: ent, from: 1, to: segTo, snapshot: snap };
          const added = await keysOf(scope, { kind: 'added' }, 'id');
          const removed = await keysOf(scope, { kind: 'removed' }, 'id');
          if (JSON.stringify(added) !== JSON.stringify(wantAdded)) fail('added keys', added, wantAdded);
          if (JSON.stringify(removed) !== JSON.stringify(wantRemoved)) fail('removed keys', removed, wantRemoved);
          // The export of the added members writes the same keys (a NULL-key row is in no diff).
          const fa = pick(scope, { kind: 'added' });
          const out = path.join(t.dir, `${table}-added.csv`);
          await t.api.exportMembers({
            target: fa.target,
            notIn: fa.notIn,
            keysAt: fa.keysAt,
            snapshot: snap,
            out,
            columns: ['id'],
          });
          // Not trimmed: a NULL key would be an empty line (last, as DuckDB sorts NULLs last).
          const exported = readFileSync(out, 'utf8')
            .split('\n')
            .slice(1, -1)
            .map((x) => (x === '' ? null : Number(x)))
            .sort();
          if (JSON.stringify(exported) !== JSON.stringify(wantAdded)) fail('exported added keys', exported, wantAdded);

          // A scheme: tiers A (t1), B (t2) in v1; B (t1), A (r1) in v2 — renamed and reordered; otherwise Z.
          const v1 = {
            entity: ent,
            asOf,
            tiers: [
              { name: 'A', where: t1 },
              { name: 'B', where: t2 },
            ],
            otherwise: 'Z',
          };
          const v2 = {
            entity: ent,
            asOf,
            tiers: [
              { name: 'B', where: t1 },
              { name: 'A', where: r1 },
            ],
            otherwise: 'Z',
          };
          const sch = await t.api.saveDefinition({ kind: 'scheme', name: `Sch ${table}`, definition: v1 });
          const schTo = (
            await t.api.saveDefinition({
              kind: 'scheme',
              file: sch.file,
              name: `Sch ${table}`,
              definition: v2,
              note: 'v2',
            })
          ).version;
          const sf = memberDiffOf(
            await api.segmentFlow({
              target: { file: sch.file, version: 1 },
              versus: { file: sch.file, version: schTo },
              from: snap,
              to: snap,
            }),
          ) as SchemeMemberDiff;
          const tierOf = (tiers: { where: Rule }[], r: RefRow) => {
            const i = tiers.findIndex((x) => ref.matches(x.where, r));
            return i < 0 ? tiers.length : i;
          };
          const matrix = [0, 1, 2].map(() => [0, 0, 0]);
          const v2s = schTo === 1 ? v1 : v2;
          for (const r of keyed) matrix[tierOf(v1.tiers, r as RefRow)]![tierOf(v2s.tiers, r as RefRow)]!++;
          if (JSON.stringify(sf.matrix) !== JSON.stringify(matrix)) fail('transition matrix', sf.matrix, matrix);
          // Row sums are v1's tier counts and column sums v2's, over the keyed rows.
          const counts = (tiers: { where: Rule }[]) =>
            [0, 1, 2].map((i) => keyed.filter((r) => tierOf(tiers, r as RefRow) === i).length);
          if (
            JSON.stringify(sf.countsFrom) !== JSON.stringify(counts(v1.tiers)) ||
            JSON.stringify(sf.countsTo) !== JSON.stringify(counts(v2s.tiers))
          )
            fail('tier counts', [sf.countsFrom, sf.countsTo], [counts(v1.tiers), counts(v2s.tiers)]);
          const movedRows = sf.moves.reduce((a, m) => a + m.rows, 0);
          if (movedRows + sf.stayed !== keyed.length || sf.entered + sf.left + sf.movedBetweenTiers !== movedRows)
            fail('moves add up', { movedRows, stayed: sf.stayed }, keyed.length);
          // Each move's grid rows are exactly its keys (one move checked per table: the largest).
          const m = sf.moves[0];
          if (m) {
            const want = keyed
              .filter(
                (r) => tierOf(v1.tiers, r as RefRow) === m.fromIndex && tierOf(v2s.tiers, r as RefRow) === m.toIndex,
              )
              .map((r) => r.id)
              .sort();
            const got = await keysOf(
              { ...scope, file: sch.file, to: schTo, tiersFrom: sf.tiersFrom, tiersTo: sf.tiersTo },
              { kind: 'move', from: m.fromIndex, to: m.toIndex },
              'id',
            );
            if (JSON.stringify(got) !== JSON.stringify(want)) fail(`move ${m.from} → ${m.to}`, got, want);
          }
        },
      ),
      { numRuns: 40, seed: 20261202 },
    );
  }, 240_000);
});
