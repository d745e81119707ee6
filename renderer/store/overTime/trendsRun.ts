/**
 * One Trends request: read each definition's measurement log, and for every target whose chosen
 * version lacks a usable run on some snapshot, measure it on every snapshot (measureSegment
 * allSnapshots: appended to the log, so the history stays comparable and is recorded), then read
 * the log again. Targets are measured one after another, each under its own job id (the current one
 * is what Cancel interrupts); `alive()` turning false stops the run between steps. `force` measures
 * every target again.
 */
import type { WorkbenchClient } from '../../../shared/api/contract';
import type { MeasurementRecord } from '../../../shared/api/segmentsApi';
import type { TrendsResult, TrendTargetData } from '../overTimeTypes';
import type { SectionPlan } from './request';
import type { SnapshotRef } from './targets';
import { missingSnapshots, recordsOfTarget } from './trends';

type TrendsPlan = Extract<SectionPlan, { section: 'trends' }>;

export const LOG_LIMIT = 10_000;

export interface TrendsRunHooks {
  newJobId(): string;
  /** A measure call starts under this job id (Cancel interrupts it). */
  onJob(jobId: string, progress: { fraction: number; message: string }): void;
  alive(): boolean;
}

export class Stale extends Error {
  constructor() {
    super('stale');
  }
}

export async function runTrends(
  api: WorkbenchClient,
  plan: TrendsPlan,
  table: string,
  snapshots: readonly SnapshotRef[],
  hooks: TrendsRunHooks,
  force = false,
): Promise<TrendsResult> {
  const logs = new Map<string, MeasurementRecord[]>();
  const readLogs = async () => {
    for (const id of new Set(plan.targets.map((t) => t.segmentId).filter((x): x is string => x !== null))) {
      logs.set(id, await api.listMeasurements({ segmentId: id, limit: LOG_LIMIT }));
      if (!hooks.alive()) throw new Stale();
    }
  };
  const own = (t: TrendsPlan['targets'][number]) =>
    recordsOfTarget(t.segmentId ? (logs.get(t.segmentId) ?? []) : [], t.kind, t.target);
  await readLogs();
  let measured = 0;
  const todo = plan.targets.filter(
    (t) =>
      force || t.segmentId === null || missingSnapshots(own(t).own, t.version, plan.measures, snapshots).length > 0,
  );
  for (const [i, t] of todo.entries()) {
    const jobId = hooks.newJobId();
    hooks.onJob(jobId, {
      fraction: i / todo.length,
      message: `Measuring ${t.label} v${t.version} on ${snapshots.length} snapshot${snapshots.length === 1 ? '' : 's'}`,
    });
    const records = await api.measureSegment({ target: t.api, allSnapshots: true, measures: plan.measures, jobId });
    measured += records.length;
    if (!hooks.alive()) throw new Stale();
  }
  if (todo.length > 0) await readLogs();
  const targets: TrendTargetData[] = plan.targets.map((t) => {
    const r = own(t);
    return {
      target: t.target,
      label: t.label,
      segmentId: t.segmentId,
      version: t.version,
      records: r.own,
      schemeRecords: r.scheme,
    };
  });
  return { table, snapshots: [...snapshots], measures: plan.measures, targets, measured };
}
