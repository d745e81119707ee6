/**
 * The sidebar's stability figure (docs/README.md, SPEC §1 "stable"): per saved segment, the share of its members at
 * the table's second-latest snapshot still members at the latest ("92% kept", the flow's
 * retention). Cheap by construction: one segmentFlow per segment, only when the table has two
 * snapshots or more, one at a time (the sidebar's counts go first), and only for a segment whose
 * file hash or snapshot pair changed since its figure was computed. Asked again after the segments
 * list or the tables reload.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { OverTimeSlice, StabilityFigure } from './overTimeTypes';
import { toUiError } from './errors';
import type { StoreDeps, WorkbenchState } from './types';

type Set = StoreApi<WorkbenchState>['setState'];
type Get = StoreApi<WorkbenchState>['getState'];

interface Job {
  file: string;
  key: string;
  from: string;
  to: string;
}

export function createStabilityPart(
  deps: StoreDeps,
  set: Set,
  get: Get,
): Pick<OverTimeSlice, 'stability' | 'refreshStability'> {
  const queue: Job[] = [];
  let running: Promise<void> | null = null;

  const put = (file: string, f: StabilityFigure) => set({ stability: { ...get().stability, [file]: f } });

  const work = async () => {
    try {
      await drain();
    } finally {
      // Set in the same turn as the last empty shift: a job queued after it starts a new worker.
      running = null;
    }
  };

  const drain = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const cur = get().stability[job.file];
      // Superseded while it waited (a new version, new data, a deleted file).
      if (cur?.key !== job.key || cur.status !== 'loading') continue;
      try {
        const r = await deps.api.segmentFlow({ target: { file: job.file }, from: job.from, to: job.to });
        if (get().stability[job.file]?.key !== job.key) continue;
        if (r.kind !== 'segment') continue;
        put(job.file, {
          ...cur,
          status: 'ready',
          fromAsOf: r.fromAsOf.slice(0, 10),
          toAsOf: r.toAsOf.slice(0, 10),
          retention: r.retention,
          stayed: r.stayed,
          countFrom: r.countFrom,
          error: null,
        });
      } catch (err) {
        if (get().stability[job.file]?.key === job.key)
          put(job.file, { ...cur, status: 'error', error: toUiError(err).message });
      }
    }
  };

  return {
    stability: {},

    refreshStability() {
      const s = get();
      const next: Record<string, StabilityFigure> = {};
      for (const d of s.segments) {
        if (!d.valid || d.kind !== 'segment') continue;
        const snaps = s.tables.find((t) => t.name === d.entityTable)?.snapshots ?? [];
        if (snaps.length < 2) continue;
        const from = snaps[snaps.length - 2]!;
        const to = snaps[snaps.length - 1]!;
        const key = JSON.stringify([d.file, d.hash, from.id, to.id]);
        const had = s.stability[d.file];
        if (had?.key === key && had.status !== 'error') {
          next[d.file] = had;
          continue;
        }
        next[d.file] = {
          key,
          status: 'loading',
          from: from.id,
          to: to.id,
          fromAsOf: from.asOf,
          toAsOf: to.asOf,
          retention: null,
          stayed: null,
          countFrom: null,
          error: null,
        };
        queue.push({ file: d.file, key, from: from.id, to: to.id });
      }
      set({ stability: next });
      running ??= work();
      return running;
    },
  };
}
