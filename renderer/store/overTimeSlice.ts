/**
 * The Over time view (issue 10): saved segments and scheme tiers chosen in the sidebar (or taken
 * from the compare view), shown in the Over time tab in four sections. Every change of what the
 * view shows sends at most one request, for the shown section only, and none when the answer in
 * hand is for the same request (overTime/request.ts keys: resolved versions, snapshot ids). Flow and
 * tier movement share one liveKey per section, so the engine interrupts a stale call; trends and
 * paths run under job ids that a newer request or Cancel interrupts; answers to stale requests are
 * dropped here. Flow groups and tier moves open the grid on their rows (gridViews.ts), and the export
 * dialog on exactly those rows (member exports narrow by keysAt as grid views do).
 */
import type { DefinitionTarget } from '../../shared/api/segmentsApi';
import type { SchemeFlow, SegmentFlow } from '../../shared/api/overTimeApi';
import { defaultMeasure, compareFields } from './compare/fields';
import { selectableItems, selectionTargets } from './compare/selection';
import { guessKey } from './builder/conditions';
import { toUiError, type UiError } from './errors';
import { flowGroupFilter, tierMoveFilter, toTiersOf } from './overTime/gridViews';
import { planSection, type Plan, type SectionPlan } from './overTime/request';
import { sameTarget, snapshotRefs, targetLabel } from './overTime/targets';
import { runTrends, Stale } from './overTime/trendsRun';
import { createStabilityPart } from './overTimeStability';
import type {
  OverTimePart,
  OverTimeResults,
  OverTimeSection,
  OverTimeSlice,
  OverTimeTarget,
  OverTimeViewState,
} from './overTimeTypes';
import type { GridSegmentFilter } from './gridSegments';
import type { SliceCreator, WorkbenchState } from './types';

export const FLOW_LIVE_KEY = 'overtime-flow';
export const TIERS_LIVE_KEY = 'overtime-tiers';

const hints: Partial<Record<UiError['code'], string>> = {
  interrupted: 'Cancelled. Retry to compute it again.',
  not_found: 'A definition or a snapshot may have been removed: refresh the segments, or pick other snapshots.',
  invalid_input: 'Change what the view follows (a segment, a version or the snapshots) and it asks again.',
};

function overTimeError(err: unknown): UiError {
  const e = toUiError(err);
  return { ...e, hint: hints[e.code] ?? e.hint };
}

/** The entity table the targets are defined on (else the grid's). */
function tableOf(s: WorkbenchState, targets: readonly OverTimeTarget[]): string | null {
  for (const t of targets) {
    const d = [...s.segments, ...s.schemes].find((x) => x.file === t.file);
    if (d?.entityTable) return d.entityTable;
  }
  return s.selectedTable;
}

function newView(s: WorkbenchState, targets: OverTimeTarget[]): OverTimeViewState {
  const defs = [...s.segments, ...s.schemes];
  const table = tableOf(s, targets);
  const prev = s.overTime && s.overTime.table === table ? s.overTime : null;
  const columns = s.tables.find((t) => t.name === table)?.columns ?? [];
  const measure = table ? defaultMeasure(compareFields(table, columns, guessKey(table, columns))) : null;
  return {
    targets,
    labels: targets.map((t) => targetLabel(defs, t)),
    table,
    section: prev?.section ?? 'trends',
    measures: prev?.measures ?? (measure ? [measure] : []),
    trend: prev?.trend ?? { metric: 'count', asRecorded: true },
    flow: { target: null, from: prev?.flow.from ?? null, to: prev?.flow.to ?? null },
    scheme: { file: null },
    tiers: prev?.tiers ?? { from: null, to: null, chart: 'heatmap' },
    parts: {},
    pending: null,
  };
}

/**
 * Whole schemes become their tiers (one series each, as a comparison has one column each) when the sidebar knows them.
 */
function expandSchemes(s: WorkbenchState, targets: readonly DefinitionTarget[]): OverTimeTarget[] {
  return targets.flatMap((t): OverTimeTarget[] => {
    if (!t.file) return [];
    const version = t.version !== undefined ? { version: t.version } : {};
    if (t.tier !== undefined) return [{ file: t.file, tier: t.tier, ...version }];
    const tiers = s.schemes.some((x) => x.file === t.file) ? s.segmentCounts[t.file]?.tiers : undefined;
    return tiers?.length
      ? tiers.map((x) => ({ file: t.file!, tier: x.name, ...version }))
      : [{ file: t.file, ...version }];
  });
}

export const createOverTimeSlice: SliceCreator<OverTimeSlice> = (deps) => (set, get) => {
  let seq = 0;
  /** Entity (table and key) per definition file version: what "every row" means for keysAt. */
  const entities = new Map<string, { table: string; key: string }>();

  const patch = (p: Partial<OverTimeViewState>) => {
    const v = get().overTime;
    if (v) set({ overTime: { ...v, ...p } });
  };
  const setPart = <K extends OverTimeSection>(k: K, part: OverTimePart<K>) =>
    patch({ parts: { ...get().overTime!.parts, [k]: part } });
  const snapshotsOf = (table: string | null) => snapshotRefs(get().tables.find((t) => t.name === table)?.snapshots);
  const planOf = (v: OverTimeViewState): Plan =>
    planSection(v, { segments: get().segments, schemes: get().schemes, snapshots: snapshotsOf(v.table) });

  const run = (
    plan: SectionPlan,
    jobId: string,
    alive: () => boolean,
    force: boolean,
  ): Promise<OverTimeResults[OverTimeSection]> => {
    switch (plan.section) {
      case 'trends':
        return runTrends(
          deps.api,
          plan,
          get().overTime!.table ?? '',
          snapshotsOf(get().overTime!.table),
          {
            newJobId: deps.newJobId,
            alive,
            onJob: (id, progress) => {
              const p = get().overTime?.pending;
              if (alive() && p) patch({ pending: { ...p, jobId: id, progress } });
            },
          },
          force,
        );
      case 'flow':
        return deps.api
          .segmentFlow({ target: plan.target, from: plan.from.id, to: plan.to.id, liveKey: FLOW_LIVE_KEY, jobId })
          .then((r) => {
            if (r.kind !== 'segment') throw new Error(`${plan.label} is a scheme: its flow is under Tier movement.`);
            return r;
          });
      case 'tiers':
        return deps.api
          .segmentFlow({ target: plan.target, from: plan.from.id, to: plan.to.id, liveKey: TIERS_LIVE_KEY, jobId })
          .then((r) => {
            if (r.kind !== 'scheme') throw new Error(`${plan.label} is a segment, not a scheme.`);
            return r;
          });
      case 'paths':
        return deps.api.tierPaths({
          target: plan.target,
          snapshots: plan.snapshots.map((s) => s.id),
          limit: 20,
          jobId,
        });
    }
  };

  /** Ask for the shown section unless the answer in hand (or in flight) is for that request. */
  const refresh = (force = false) => {
    const v = get().overTime;
    if (!v || get().mainTab !== 'overTime') return;
    const plan = planOf(v);
    if (plan.key === null) return;
    const part = v.parts[v.section];
    if (!force && part?.key === plan.key && part.status !== 'loading') return;
    if (!force && v.pending?.key === plan.key) return;
    // A request for another state interrupts the one in flight (flows also by their liveKey).
    if (v.pending) void deps.api.cancelJob({ jobId: v.pending.jobId }).catch(() => undefined);
    const mine = ++seq;
    const alive = () => mine === seq;
    const jobId = deps.newJobId();
    const section = v.section;
    setPart(section, { key: plan.key, status: 'loading', result: (part?.result ?? null) as never, error: null });
    patch({ pending: { section, key: plan.key, jobId, progress: null } });
    const off = deps.api.onEvent((e) => {
      const p = get().overTime?.pending;
      if (e.kind === 'progress' && alive() && p && p.jobId === e.jobId && section !== 'trends')
        patch({ pending: { ...p, progress: { fraction: e.fraction, message: e.message } } });
    });
    run(plan, jobId, alive, force && section === 'trends').then(
      (result) => {
        off();
        if (!alive() || !get().overTime) return;
        setPart(section, { key: plan.key, status: 'ready', result: result as never, error: null });
        patch({ pending: null });
      },
      (err: unknown) => {
        off();
        if (!alive() || !get().overTime || err instanceof Stale) return;
        setPart(section, { key: plan.key, status: 'error', result: null, error: overTimeError(err) });
        patch({ pending: null });
      },
    );
  };

  const change = (p: Partial<OverTimeViewState>) => {
    patch(p);
    refresh();
  };

  const entityOf = async (t: DefinitionTarget): Promise<{ table: string; key: string }> => {
    const cacheKey = `${t.file}@${t.version ?? 'latest'}`;
    const known = t.version !== undefined ? entities.get(cacheKey) : undefined;
    if (known) return known;
    const doc = await deps.api.readDefinition({ file: t.file! });
    const versions =
      (
        doc.content as {
          versions?: { version?: number; definition?: { entity?: { table: string; key: string } } }[];
        } | null
      )?.versions ?? [];
    const chosen = t.version === undefined ? versions.at(-1) : versions.find((x) => x.version === t.version);
    const entity = chosen?.definition?.entity;
    if (!entity) throw new Error(`${t.file} has no entity table and key to match rows by`);
    if (t.version !== undefined) entities.set(cacheKey, entity);
    return entity;
  };

  /** Show a filter pinned to its snapshot in the grid (the latest shows as the grid's default). */
  const showInGrid = (filter: GridSegmentFilter) => {
    const latest = get()
      .tables.find((t) => t.name === filter.table)
      ?.snapshots.at(-1)?.id;
    get().selectTable(filter.table, filter.snapshot === latest ? null : (filter.snapshot ?? null));
    get().setGridSegment(filter);
    set({ mainTab: 'grid' });
  };

  const flowAnswer = (): { plan: Extract<SectionPlan, { section: 'flow' }>; flow: SegmentFlow } | null => {
    const v = get().overTime;
    const part = v?.parts.flow;
    if (!v || !part?.result || part.status !== 'ready') return null;
    const plan = planOf({ ...v, section: 'flow' });
    return plan.section === 'flow' && plan.key === part.key ? { plan, flow: part.result } : null;
  };

  const flowFilter = async (
    group: Parameters<OverTimeSlice['showFlowGroupInGrid']>[0],
  ): Promise<GridSegmentFilter | null> => {
    const a = flowAnswer();
    if (!a) return null;
    const entity = await entityOf(a.plan.target);
    return flowGroupFilter(group, a.plan.target, a.plan.label, entity, a.plan.from, a.plan.to);
  };

  const tierFilter = async (i: number, j: number): Promise<GridSegmentFilter | null> => {
    const v = get().overTime;
    const part = v?.parts.tiers;
    if (!v || !part?.result || part.status !== 'ready') return null;
    const plan = planOf({ ...v, section: 'tiers' });
    if (plan.section !== 'tiers' || plan.key !== part.key) return null;
    const r: SchemeFlow = part.result;
    const entity = await entityOf(plan.target);
    return tierMoveFilter(
      {
        file: plan.target.file!,
        ...(plan.target.version !== undefined ? { version: plan.target.version } : {}),
        name: plan.label,
      },
      { from: r.tiers, to: toTiersOf(r) },
      i,
      j,
      entity,
      plan.from,
      plan.to,
    );
  };

  return {
    overTime: null,
    ...createStabilityPart(deps, set, get),

    openOverTime(targets) {
      seq++;
      const pending = get().overTime?.pending;
      if (pending) void deps.api.cancelJob({ jobId: pending.jobId }).catch(() => undefined);
      set({ overTime: newView(get(), targets), mainTab: 'overTime' });
      refresh();
    },

    overTimeFromSelection() {
      const { targets } = selectionTargets(
        get().compareSelection,
        selectableItems(get().segments, get().schemes, get().segmentCounts),
      );
      get().openOverTime(expandSchemes(get(), targets));
    },

    overTimeFromCompare() {
      const v = get().compare;
      if (!v) return;
      get().openOverTime(
        expandSchemes(
          get(),
          v.targets.filter((t) => t.file !== undefined),
        ),
      );
    },

    addOverTimeTarget(target) {
      const v = get().overTime;
      if (!v) return get().openOverTime([target]);
      if (v.targets.some((t) => sameTarget(t, target))) return;
      const targets = [...v.targets, target];
      change({
        targets,
        labels: targets.map((t) => targetLabel([...get().segments, ...get().schemes], t)),
        table: v.table ?? tableOf(get(), targets),
      });
    },

    removeOverTimeTarget(index) {
      const v = get().overTime;
      if (!v || index < 0 || index >= v.targets.length) return;
      change({ targets: v.targets.filter((_, i) => i !== index), labels: v.labels.filter((_, i) => i !== index) });
    },

    setOverTimeVersion(index, version) {
      const v = get().overTime;
      const t = v?.targets[index];
      if (!v || !t) return;
      const apply = (x: OverTimeTarget): OverTimeTarget => {
        const { version: _old, ...rest } = x;
        return version === null ? rest : { ...rest, version };
      };
      // One file is measured at one version throughout: a scheme's tiers share it.
      change({ targets: v.targets.map((x) => (x.file === t.file ? apply(x) : x)) });
    },

    setOverTimeSection(section) {
      change({ section });
    },

    toggleOverTimeMeasure(name) {
      const v = get().overTime;
      if (!v) return;
      const on = v.measures.includes(name);
      if (!on && v.measures.length >= 10) return;
      const measures = on ? v.measures.filter((m) => m !== name) : [...v.measures, name];
      const metric = v.trend.metric;
      // A plotted measure that is no longer measured falls back to members.
      const dropped = on && (metric === `sum:${name}` || metric === `avg:${name}`);
      change({ measures, ...(dropped ? { trend: { ...v.trend, metric: 'count' } } : {}) });
    },

    setTrend(p) {
      const v = get().overTime;
      if (v) patch({ trend: { ...v.trend, ...p } });
    },

    setFlow(p) {
      const v = get().overTime;
      if (v) change({ flow: { ...v.flow, ...p } });
    },

    setOverTimeScheme(file) {
      change({ scheme: { file } });
    },

    setTiers(p) {
      const v = get().overTime;
      if (!v) return;
      // The chart is drawn from the answer in hand: a new pair asks, a new chart does not.
      if (p.from === undefined && p.to === undefined) patch({ tiers: { ...v.tiers, ...p } });
      else change({ tiers: { ...v.tiers, ...p } });
    },

    refreshOverTime() {
      refresh();
    },

    retryOverTime() {
      refresh(true);
    },

    async cancelOverTime() {
      const v = get().overTime;
      const pending = v?.pending;
      if (!v || !pending) return;
      // Cancelled for the user at once: a late answer is dropped.
      seq++;
      const part = v.parts[pending.section];
      const e: UiError = { code: 'interrupted', message: 'Cancelled.', hint: hints.interrupted! };
      if (part) setPart(pending.section, { ...part, status: 'error', result: null, error: e } as never);
      patch({ pending: null });
      await deps.api.cancelJob({ jobId: pending.jobId }).catch(() => undefined);
    },

    closeOverTime() {
      seq++;
      const pending = get().overTime?.pending;
      if (pending) void deps.api.cancelJob({ jobId: pending.jobId }).catch(() => undefined);
      set({ overTime: null, mainTab: 'grid' });
    },

    async showFlowGroupInGrid(group) {
      const f = await flowFilter(group);
      if (f) showInGrid(f);
    },

    async showTierMoveInGrid(i, j) {
      const f = await tierFilter(i, j);
      if (f) showInGrid(f);
    },

    async exportFlowGroup(group) {
      const f = await flowFilter(group);
      if (f) await get().openExportForGridFilter(f);
    },
  };
};
