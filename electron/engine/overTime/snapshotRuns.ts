/**
 * One definition prepared on several snapshots of its entity table (docs/compare-and-over-time.md, SPEC §6 Over time):
 * each
 * snapshot's run reads the related tables at their snapshot for that date and, for an as-of of
 * `snapshot`, is evaluated at that snapshot's own as-of; every `now` resolves to one instant. Also
 * the per-row SQL the flow and path queries join: the key and its membership (0/1) or tier index.
 */
import { tierNames } from '../../../shared/segments/model';
import type { SnapshotInfo } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import { Frag } from '../../../shared/segments/compiler';
import { latestOf, type Workspace } from '../workspace/workspace';
import { assertCompiled, checkLookups, preparedFor } from '../segments/runs/compileAdapter';
import type { LoadedDefinition } from '../segments/definitions/definitionSource';
import { prepareRun, readCatalog, type RunContext } from '../segments/runs/runContext';
import { workspaceRunner } from '../sqlGuard/runners';
import { loadTarget } from '../segments/runs/targetRun';

export interface SnapshotRuns {
  loaded: LoadedDefinition;
  /** In the order asked for. */
  runs: RunContext[];
  scheme: boolean;
  /** Tier names (`otherwise` last); a segment's are ['in', 'out']. */
  tiers: string[];
  all: SnapshotInfo[];
}

/** The definition's entity table's snapshots, oldest first. */
export function tableSnapshots(all: readonly SnapshotInfo[], table: string): SnapshotInfo[] {
  return all.filter((s) => s.table === table);
}

export async function prepareOnSnapshots(
  ws: Workspace,
  target: DefinitionTarget,
  snapshots: readonly string[] | 'all' | 'latest',
): Promise<SnapshotRuns> {
  const loaded = loadTarget(ws, target);
  const all = await readCatalog(ws);
  const table = (loaded.definition.entity as { table?: unknown } | undefined)?.table;
  const own = typeof table === 'string' ? tableSnapshots(all, table) : [];
  const ids =
    snapshots === 'all'
      ? own.map((s) => s.id)
      : snapshots === 'latest'
        ? own.length
          ? [latestOf(own).id]
          : []
        : snapshots;
  for (const id of ids) {
    if (typeof table === 'string' && own.length && !own.some((s) => s.id === id)) {
      throw new ApiError(
        'not_found',
        `Table '${table}' has no snapshot '${id}' (it has ${own.map((s) => s.id).join(', ')}).`,
      );
    }
  }
  const now = new Date();
  const runs: RunContext[] = [];
  for (const snapshot of ids) {
    const ctx = await prepareRun(ws, workspaceRunner(ws), loaded, { snapshot, now }, all);
    await checkLookups(ws, ctx);
    runs.push(ctx);
  }
  const scheme = loaded.kind === 'scheme';
  const tiers = loaded.kind === 'scheme' ? tierNames(loaded.definition) : ['in', 'out'];
  return { loaded, runs, scheme, tiers, all };
}

/**
 * `(SELECT e.<key> AS k, <v> AS v FROM <source> AS e WHERE e.<key> IS NOT NULL)`: v is the tier's
 * index (first match wins, `otherwise` last) for a scheme, 0 (in) or 1 (out) for a segment.
 */
export function keyedRows(ctx: RunContext): Frag {
  const p = preparedFor(ctx);
  const value = p.tierIndex(); // a segment's: 0 in, 1 out
  assertCompiled(ctx);
  return new Frag([
    `(SELECT e.${p.key} AS k, `,
    ...value.parts,
    ' AS v FROM ',
    ...p.source.parts,
    ` AS e WHERE e.${p.key} IS NOT NULL)`,
  ]);
}
