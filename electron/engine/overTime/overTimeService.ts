/**
 * Over-time half of the engine API (docs/compare-and-over-time.md, SPEC §6 Over time, §7 `flow`): membership flow and
 * tier
 * movement between two snapshots, tier paths over several, and the threshold explorer. Live calls
 * (liveKey) interrupt their stale predecessor like live counts; progress goes under the jobId.
 */
import { flowRequest, pathsRequest, thresholdRequest, type OverTimeApi } from '../../../shared/api/overTimeApi';
import { ApiError, type ApiEvent } from '../../../shared/api/protocol';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { LiveCounts } from '../segments/runs/liveCounts';
import { flowOf, pathsOf } from './flows';
import { prepareOnSnapshots } from './snapshotRuns';
import { thresholdCurve } from './threshold';
import { inUserWords } from '../segments/runs/runErrors';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';

export interface OverTimeDeps {
  workspace: () => Workspace | null;
  emit: (event: ApiEvent) => void;
}

export function createOverTimeService(deps: OverTimeDeps): OverTimeApi {
  const live = new LiveCounts();
  const requireWs = (): Workspace => {
    const ws = deps.workspace();
    if (!ws) throw new ApiError('not_found', 'No workspace is open; open or create one first.');
    return ws;
  };
  /**
   * Run under a job: with a liveKey a newer call of the key interrupts this one. A DuckDB failure of
   * one of `targets` names its SQL part, never internal tables (segments/runErrors.ts).
   */
  const job = async <T>(
    ws: Workspace,
    targets: DefinitionTarget[],
    liveKey: string | undefined,
    jobId: string | undefined,
    fn: (opts: QueryOptions) => Promise<T>,
  ): Promise<T> =>
    inUserWords(ws, targets, async () => {
      if (!liveKey) return fn(jobId ? { jobId } : {});
      const ticket = live.start(liveKey, (id) => ws.cancel(id), jobId);
      try {
        return await fn({ jobId: ticket });
      } finally {
        live.finish(liveKey, ticket);
      }
    });

  return {
    async segmentFlow(raw) {
      const req = flowRequest.parse(raw);
      const ws = requireWs();
      return job(ws, [req.target, ...(req.versus ? [req.versus] : [])], req.liveKey, req.jobId, async (opts) => {
        if (!req.versus) return flowOf(ws, await prepareOnSnapshots(ws, req.target, [req.from, req.to]), opts);
        return flowOf(
          ws,
          await prepareOnSnapshots(ws, req.target, [req.from]),
          opts,
          await prepareOnSnapshots(ws, req.versus, [req.to]),
        );
      });
    },
    async tierPaths(raw) {
      const req = pathsRequest.parse(raw);
      const ws = requireWs();
      return job(ws, [req.target], undefined, req.jobId, async (opts) => {
        const runs = await prepareOnSnapshots(ws, req.target, req.snapshots ?? 'all');
        if (runs.runs.length < 2)
          throw new ApiError(
            'invalid_input',
            `Paths need at least two snapshots of ${runs.runs[0]?.entity.table ?? 'the table'}; it has ${runs.runs.length}.`,
          );
        return pathsOf(ws, runs, req.limit, opts);
      });
    },
    async thresholdCurve(raw) {
      const req = thresholdRequest.parse(raw);
      const ws = requireWs();
      const outcome = req.outcome?.kind === 'segment' ? [req.outcome.target] : [];
      return job(ws, [req.target, ...outcome], req.liveKey, req.jobId, (opts) => thresholdCurve(ws, req, opts));
    },
  };
}
