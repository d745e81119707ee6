/**
 * Compare half of the engine API (docs/compare-and-over-time.md, SPEC §6 Compare, §7 compare, §11): one
 * `compareSegments` call per
 * view state. The run (columns, merged source) is prepared; its membership bitmask is computed once
 * and kept (maskTable.ts); then only the parts asked for run, each read from the kept mask: the mask
 * scan (counts, overlaps, measure sums) and one median query per measure (both remembered per run),
 * then the breakdown, distribution, apart and concentration. A newer call with the same liveKey
 * interrupts the running one; progress is reported under the request's jobId.
 * Saved comparisons are files in the workspace (comparisonFiles.ts).
 */
import type { CompareApi, CompareGroup, CompareResult, MeasureStats } from '../../../shared/api/compareApi';
import { compareRequest, comparisonState } from '../../../shared/api/compareApi';
import { ApiError, type ApiEvent } from '../../../shared/api/protocol';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { LiveCounts } from '../segments/runs/liveCounts';
import { apart, concentration, distribution, maskGroups, medians } from './compareParts';
import { breakdown } from './breakdown';
import { checkMeasures } from './maskSql';
import { prepareCompare, type CompareRun } from './compareRun';
import { definitionsOf, humanRunError } from '../segments/runs/runErrors';
import { measureStats, shapeGroups, share, type MaskGroup, type Totals } from './compareShape';
import { deleteComparison, listComparisons, readComparison, renameComparison, saveComparison } from './comparisonFiles';
import { MaskTables, type MaskSource } from './maskTable';

export interface CompareDeps {
  workspace: () => Workspace | null;
  emit: (event: ApiEvent) => void;
}

type Medians = Awaited<ReturnType<typeof medians>>;

/** Per workspace: kept masks, and the mask scans and medians of recent runs (small results). */
interface WorkspaceCache {
  masks: MaskTables;
  groups: Map<string, Promise<MaskGroup[]>>;
  medians: Map<string, Promise<Medians>>;
}

const REMEMBERED = 24;

/** Remember `make()`'s promise under `key` (a few recent ones; failures forgotten). */
function remember<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const hit = map.get(key);
  if (hit) {
    map.delete(key);
    map.set(key, hit);
    return hit;
  }
  const p = make();
  p.catch(() => {
    if (map.get(key) === p) map.delete(key);
  });
  map.set(key, p);
  while (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
  return p;
}

export function createCompareService(deps: CompareDeps): CompareApi {
  const live = new LiveCounts();
  const caches = new WeakMap<Workspace, WorkspaceCache>();

  const requireWs = (): Workspace => {
    const ws = deps.workspace();
    if (!ws) throw new ApiError('not_found', 'No workspace is open; open or create one first.');
    return ws;
  };
  const cacheOf = (ws: Workspace): WorkspaceCache => {
    let c = caches.get(ws);
    if (!c) caches.set(ws, (c = { masks: new MaskTables(ws), groups: new Map(), medians: new Map() }));
    return c;
  };

  /** The kept mask, built under this call's job; a build interrupted for another call is built again. */
  const maskOf = async (
    cache: WorkspaceCache,
    run: CompareRun,
    opts: QueryOptions,
    check: () => void,
  ): Promise<MaskSource> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await cache.masks.get(run, opts);
      } catch (err) {
        check();
        if (attempt > 0 || !(err instanceof ApiError) || err.code !== 'interrupted') throw err;
      }
    }
  };

  return {
    async compareSegments(raw) {
      const req = compareRequest.parse(raw);
      const ws = requireWs();
      const started = performance.now();
      const progress = (fraction: number | null, message: string) => {
        if (req.jobId) deps.emit({ kind: 'progress', jobId: req.jobId, fraction, message });
      };
      const ticket = req.liveKey ? live.start(req.liveKey, (id) => ws.cancel(id), req.jobId) : req.jobId;
      const check = () => {
        if (req.liveKey) live.assertCurrent(req.liveKey, ticket!);
      };
      const opts: QueryOptions = ticket ? { jobId: ticket } : {};
      try {
        const run = await prepareCompare(ws, req.targets, {
          ...(req.snapshot ? { snapshot: req.snapshot } : {}),
          ...(req.asOf ? { asOf: req.asOf } : {}),
        });
        check();
        const cache = cacheOf(ws);
        const columns = run.members.length;
        progress(
          0,
          `Evaluating ${columns} ${columns === 1 ? 'segment' : 'segments and tiers'} on ${run.snapshot.rows.toLocaleString('en-US')} rows`,
        );
        const src = await maskOf(
          cache,
          run,
          { ...opts, onProgress: (f) => progress(f * 0.7, 'Evaluating membership') },
          check,
        );
        check();
        await checkMeasures(ws, run, src, req.measures);
        const groups = await remember(cache.groups, JSON.stringify([run.identity, req.measures]), () =>
          maskGroups(ws, src, req.measures, opts),
        );
        const shaped = shapeGroups(groups, columns, req.measures.length);
        const mids: Medians[] = [];
        for (const [i, m] of req.measures.entries()) {
          progress(0.7 + (0.2 * i) / Math.max(1, req.measures.length), `Medians of ${m}`);
          mids.push(
            await remember(cache.medians, JSON.stringify([run.identity, m]), () => medians(ws, src, m, columns, opts)),
          );
        }
        const total = shaped.baseline.rows;
        const baselineAvg = req.measures.map((_, k) => measureStats(shaped.baseline, k, null, null).avg);
        const statsOf = (t: Totals, median: (k: number) => number | null): Record<string, MeasureStats> =>
          Object.fromEntries(req.measures.map((m, k) => [m, measureStats(t, k, median(k), baselineAvg[k] ?? null)]));
        const group = (name: string, t: Totals, median: (k: number) => number | null): CompareGroup => ({
          name,
          count: t.rows,
          share: share(t.rows, total),
          measures: statsOf(t, median),
        });

        const result: CompareResult = {
          table: run.entity.table,
          snapshot: run.snapshot.id,
          snapshotAsOf: run.snapshot.asOf,
          asOf: run.asOf.iso,
          asOfSource: run.asOf.source,
          total,
          baseline: group('Whole table', shaped.baseline, (k) => mids[k]?.baseline ?? null),
          segments: run.members.map((m, i) => ({
            ...m.column,
            count: shaped.columns[i]!.rows,
            share: share(shaped.columns[i]!.rows, total),
            measures: statsOf(shaped.columns[i]!, (k) => mids[k]?.columns[i] ?? null),
          })),
          overlap: shaped.overlap,
          warnings: run.warnings,
          elapsedMs: 0,
        };
        if (columns === 1)
          result.rest = group(`Rest of ${run.entity.table}`, shaped.rest, (k) => mids[k]?.rest ?? null);
        if (req.breakdown) {
          progress(0.9, `Breakdown by ${req.breakdown.column}`);
          result.breakdown = await breakdown(ws, run, src, req.breakdown, opts);
        }
        if (req.distribution)
          result.distribution = await distribution(ws, run, src, req.distribution.measure, req.distribution.bins, opts);
        if (req.apart) result.apart = await apart(ws, run, src, req.apart.column, req.apart.against, opts);
        if (req.concentration)
          result.concentration = await concentration(ws, run, src, req.concentration.measure, opts);
        check();
        progress(1, 'Compared');
        result.elapsedMs = Math.round((performance.now() - started) * 10) / 10;
        return result;
      } catch (err) {
        // A DuckDB failure names the SQL part it comes from, never internal tables (segments/runErrors.ts).
        throw humanRunError(err, definitionsOf(ws, req.targets));
      } finally {
        if (req.liveKey) live.finish(req.liveKey, ticket!);
      }
    },

    async listComparisons() {
      return listComparisons(requireWs());
    },
    async readComparison(req) {
      return readComparison(requireWs(), req.file);
    },
    async saveComparison(req) {
      return saveComparison(requireWs(), {
        ...(req.file !== undefined ? { file: req.file } : {}),
        name: req.name,
        state: comparisonState.parse(req.state),
      });
    },
    async renameComparison(req) {
      return renameComparison(requireWs(), req.file, req.name);
    },
    async deleteComparison(req) {
      return deleteComparison(requireWs(), req.file);
    },
  };
}
