/**
 * What a new version does to the members, read off the flow of one version to another on one
 * snapshot (overTimeApi `segmentFlow` with `versus`, from = to): a segment's kept / added /
 * removed, a scheme's rows per tier in each version and how they moved ("292 moved Medium → Low"),
 * with "entered" / "left" the scheme meaning a move out of / into `otherwise` (a scheme's count is
 * its rows in a named tier, docs/cli.md, SPEC §7). Rows are matched by key: rows with a NULL key match nothing
 * and are left out, as in every flow. Pure: the engine computes the flow, this only reads it.
 */
import type { FlowResult, SchemeFlow, SegmentFlow } from '../api/overTimeApi';
import type { DefinitionTarget } from '../api/segmentsApi';

export interface SegmentMemberDiff {
  kind: 'segment';
  /** Members of both versions. */
  kept: number;
  /** Members of the newer version only. */
  added: number;
  /** Members of the older version only. */
  removed: number;
  countFrom: number;
  countTo: number;
}

export interface TierMove {
  from: string;
  to: string;
  /** Index in the older version's tiers / the newer one's (`otherwise` last in each). */
  fromIndex: number;
  toIndex: number;
  rows: number;
}

export interface SchemeMemberDiff {
  kind: 'scheme';
  /** Tier names of the older / newer version, `otherwise` last. */
  tiersFrom: string[];
  tiersTo: string[];
  /** matrix[i][j] = rows in tier i of the older version and tier j of the newer. */
  matrix: number[][];
  /** Rows per tier in each version (the matrix's row and column sums). */
  countsFrom: number[];
  countsTo: number[];
  /** Rows in a tier of the same name in both versions. */
  stayed: number;
  /** Every move to a tier of another name, most rows first (zero cells left out). */
  moves: TierMove[];
  /** From `otherwise` into a named tier / from a named tier into `otherwise`. */
  entered: number;
  left: number;
  /** Rows in a named tier of both versions, under another name (High → Medium). */
  movedBetweenTiers: number;
}

export type MemberDiff = SegmentMemberDiff | SchemeMemberDiff;

function segmentDiff(f: SegmentFlow): SegmentMemberDiff {
  // On one snapshot every key is on both sides: `new` and `gone` are zero, added = entered.
  return {
    kind: 'segment',
    kept: f.stayed,
    added: f.entered + f.new,
    removed: f.left + f.gone,
    countFrom: f.countFrom,
    countTo: f.countTo,
  };
}

function schemeDiff(f: SchemeFlow): SchemeMemberDiff {
  const tiersFrom = f.tiers;
  const tiersTo = f.toTiers ?? f.tiers;
  const matrix = f.matrix;
  const countsFrom = tiersFrom.map((_, i) => (matrix[i] ?? []).reduce((a, n) => a + n, 0) + (f.gone[i] ?? 0));
  const countsTo = tiersTo.map((_, j) => matrix.reduce((a, row) => a + (row[j] ?? 0), 0) + (f.new[j] ?? 0));
  const otherFrom = tiersFrom.length - 1;
  const otherTo = tiersTo.length - 1;
  const moves: TierMove[] = [];
  let stayed = 0;
  let entered = 0;
  let left = 0;
  let movedBetweenTiers = 0;
  matrix.forEach((row, i) =>
    row.forEach((rows, j) => {
      if (rows === 0) return;
      const named = { from: i !== otherFrom, to: j !== otherTo };
      // `otherwise` is "not in the scheme" whatever each version calls it.
      const same = named.from && named.to ? tiersFrom[i] === tiersTo[j] : !named.from && !named.to;
      if (same) {
        stayed += rows;
        return;
      }
      moves.push({ from: tiersFrom[i]!, to: tiersTo[j]!, fromIndex: i, toIndex: j, rows });
      if (!named.from) entered += rows;
      else if (!named.to) left += rows;
      else movedBetweenTiers += rows;
    }),
  );
  moves.sort((a, b) => b.rows - a.rows || a.fromIndex - b.fromIndex || a.toIndex - b.toIndex);
  return {
    kind: 'scheme',
    tiersFrom,
    tiersTo,
    matrix,
    countsFrom,
    countsTo,
    stayed,
    moves,
    entered,
    left,
    movedBetweenTiers,
  };
}

/** The member diff of a version-vs-version flow on one snapshot. */
export function memberDiffOf(flow: FlowResult): MemberDiff {
  return flow.kind === 'segment' ? segmentDiff(flow) : schemeDiff(flow);
}

/** "292 moved Medium → Low". */
export function describeMove(m: TierMove, fmt: (n: number) => string = String): string {
  return `${fmt(m.rows)} moved ${m.from} → ${m.to}`;
}

/** Which rows of a diff: the added or removed members, or a move from tier `from` (older) to `to` (newer). */
export type MemberDiffRows = { kind: 'added' } | { kind: 'removed' } | { kind: 'move'; from: number; to: number };

export interface MemberDiffScope {
  file: string;
  entity: { table: string; key: string };
  from: number;
  to: number;
  /** The snapshot the diff was measured on. */
  snapshot: string;
  /** A scheme's tier names in each version, `otherwise` last (moves only). */
  tiersFrom?: readonly string[];
  tiersTo?: readonly string[];
}

/** A target and the member filters (segmentsApi `memberFilters`) that select some rows of a diff. */
export interface MemberDiffSelection {
  target: DefinitionTarget;
  alsoIn?: DefinitionTarget[];
  notIn?: DefinitionTarget[];
  keysAt?: { snapshot: string; target: DefinitionTarget; present: boolean }[];
}

/**
 * The rows of a diff as a grid view or a member export selects them, by key as the diff counts:
 * added = members of the newer version not of the older; removed the other way round; i → j =
 * tier j of the newer version with the key in tier i of the older. Added and removed also need a
 * non-NULL key (keysAt every row): `notIn` lets a NULL key through, and an export would write it.
 * Null for a move between tiers the scope does not name.
 */
export function memberDiffSelection(scope: MemberDiffScope, rows: MemberDiffRows): MemberDiffSelection | null {
  const { file, from, to } = scope;
  const at = (version: number, tier?: string): DefinitionTarget => ({
    file,
    version,
    ...(tier !== undefined ? { tier } : {}),
  });
  const everyRow = { definition: { entity: scope.entity, where: { all: [] } } };
  const keyed = [{ snapshot: scope.snapshot, target: everyRow, present: true }];
  if (rows.kind === 'added') return { target: at(to), notIn: [at(from)], keysAt: keyed };
  if (rows.kind === 'removed') return { target: at(from), notIn: [at(to)], keysAt: keyed };
  const a = scope.tiersFrom?.[rows.from];
  const b = scope.tiersTo?.[rows.to];
  return a === undefined || b === undefined ? null : { target: at(to, b), alsoIn: [at(from, a)] };
}
