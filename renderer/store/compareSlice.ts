/**
 * The compare view (issue 8): chosen in the sidebar (or from the builder's draft), shown in the
 * Compare tab. Every change of what the view shows sends at most one `compareSegments` call: the
 * KPIs and overlap (always) plus the shown section's part, none for a section not shown and none
 * when the answer in hand is for the same request. Calls share one liveKey, so the engine
 * interrupts a stale one; answers to stale calls are dropped here. A cell of the overlap matrix
 * filters the grid (A ∩ B, A without B) and switches to it. The open comparison is kept in storage
 * (lastComparison.ts) for a reload.
 */
import type { DefinitionTarget } from '../../shared/api/segmentsApi';
import { isSchemeDefinition, type Definition, type Metric } from '../../shared/segments/model';
import { guessKey } from './builder/conditions';
import { compareFields, defaultDimension, defaultMeasure } from './compare/fields';
import { writeLastComparison } from './compare/lastComparison';
import {
  choicesFromState,
  clampApart,
  columnTargets,
  comparisonStateOf,
  DISTRIBUTION_BINS,
  keyOf,
  partOf,
  reportRequest,
  viewRequest,
} from './compare/request';
import { rangeSelection, selectableItems, selectionTargets, toggleSelection } from './compare/selection';
import type { ComparePart, ComparePartResults, CompareSlice, CompareView, PartState } from './compareTypes';
import { toUiError, type UiError } from './errors';
import type { GridSegmentFilter } from './gridSegments';
import type { SliceCreator, WorkbenchState } from './types';
import { savedRuleShown } from './unsaved';

export const COMPARE_LIVE_KEY = 'compare';
export const MAX_MEASURES = 10;

const compareHints: Partial<Record<UiError['code'], string>> = {
  invalid_input: 'Change what is compared (a column, a measure or the dimension) and the view asks again.',
  not_found: 'A definition or its table may have been removed or renamed: remove that column, or refresh the segments.',
  interrupted: 'Cancelled. Retry to compute it again.',
};

function compareError(err: unknown): UiError {
  const e = toUiError(err);
  return { ...e, hint: compareHints[e.code] ?? e.hint };
}

/** The entity table of the targets: a saved file's from the segments list, a draft's from its definition. */
function tableOf(s: WorkbenchState, targets: readonly DefinitionTarget[]): string | null {
  for (const t of targets) {
    const def = t.definition as Partial<Definition> | undefined;
    if (def?.entity?.table) return def.entity.table;
    const summary = [...s.segments, ...s.schemes].find((d) => d.file === t.file);
    if (summary?.entityTable) return summary.entityTable;
  }
  return s.selectedTable;
}

/** What a target is called before an answer names it. */
function labelOf(s: WorkbenchState, t: DefinitionTarget): string {
  if (t.definition) return 'Draft';
  const name = [...s.segments, ...s.schemes].find((d) => d.file === t.file)?.name ?? t.file ?? t.name ?? 'Definition';
  return t.tier ? `${name} / ${t.tier}` : name;
}

/** Columns a target adds: a whole scheme one per tier (its otherwise included). */
export function targetColumns(s: WorkbenchState, t: DefinitionTarget): number {
  if (t.tier !== undefined) return 1;
  const def = t.definition as Definition | undefined;
  if (def) return isSchemeDefinition(def) ? def.tiers.length + 1 : 1;
  const scheme = s.schemes.find((d) => d.file === t.file);
  return scheme ? Math.max(1, s.segmentCounts[scheme.file]?.tiers?.length ?? 1) : 1;
}

function newView(s: WorkbenchState, targets: DefinitionTarget[], labels: string[]): CompareView {
  const table = tableOf(s, targets);
  const columns = s.tables.find((t) => t.name === table)?.columns ?? [];
  const fields = table ? compareFields(table, columns, guessKey(table, columns)) : [];
  const prev = s.compare && s.compare.table === table ? s.compare : null;
  const measure = defaultMeasure(fields);
  return {
    targets,
    labels,
    table,
    fields,
    measures: prev ? prev.measures : measure ? [measure] : [],
    section: prev?.section ?? 'overview',
    breakdown: prev?.breakdown ?? {
      column: defaultDimension(fields),
      value: 'count',
      measure: null,
      layout: 'grouped',
    },
    distribution: prev?.distribution ?? { measure: null, bins: DISTRIBUTION_BINS, chart: 'box' },
    apart: clampApart(prev?.apart ?? { column: 0, against: 'rest', showAll: false, hideOwn: false }, targets.length),
    concentration: prev?.concentration ?? { measure: null },
    base: null,
    status: 'idle',
    error: null,
    pending: null,
    parts: {},
    saved: null,
    savedJson: null,
  };
}

export const createCompareSlice: SliceCreator<CompareSlice> = (deps) => (set, get) => {
  let seq = 0;
  let fieldsSeq = 0;
  /** Metrics and key of each definition file version read (they never change for a version). */
  const definitions = new Map<string, { metrics: Metric[]; key: string } | null>();

  const patch = (p: Partial<CompareView>) => {
    const v = get().compare;
    if (v) set({ compare: { ...v, ...p } });
  };
  const persist = () => writeLastComparison(deps.storage, get().workspace?.path ?? null, get().compare, get().mainTab);
  const snapshotFor = (table: string | null) =>
    table && get().selectedTable === table ? get().selectedSnapshot : null;
  const items = () => selectableItems(get().segments, get().schemes, get().segmentCounts);
  /** What an answer depends on beyond the request: the table's latest snapshot and the targets' latest hashes. */
  const dataOf = (v: CompareView) => {
    const s = get();
    const latest = s.tables.find((t) => t.name === v.table)?.snapshots.at(-1);
    const defs = [...s.segments, ...s.schemes];
    return [
      latest ? [latest.id, latest.rows] : null,
      v.targets.map((t) =>
        t.file && t.version === undefined ? (defs.find((d) => d.file === t.file)?.hash ?? null) : null,
      ),
    ];
  };

  /** Ask for what the view shows unless the answer in hand (or in flight) is for that request. */
  const refresh = (force = false) => {
    const v = get().compare;
    if (!v || v.targets.length === 0 || get().mainTab !== 'compare') return;
    const { request, baseKey, part, partKey } = viewRequest(v, snapshotFor(v.table), dataOf(v));
    const baseDone = v.base?.key === baseKey || (!force && v.error?.key === baseKey);
    const p = part ? v.parts[part] : undefined;
    const partDone =
      !part || !partKey || (p?.key === partKey && (p.status === 'ready' || (!force && p.status === 'error')));
    if (baseDone && partDone) return;
    if (!force && v.pending?.baseKey === baseKey && v.pending.partKey === partKey) return;
    const mine = ++seq;
    const jobId = deps.newJobId();
    const parts = { ...v.parts };
    if (part && partKey)
      parts[part] = { key: partKey, status: 'loading', result: p?.result ?? null, error: null } as never;
    patch({ status: 'loading', error: null, pending: { jobId, baseKey, partKey, progress: null }, parts });
    const off = deps.api.onEvent((e) => {
      const pending = get().compare?.pending;
      if (e.kind === 'progress' && pending?.jobId === jobId)
        patch({ pending: { ...pending, progress: { fraction: e.fraction, message: e.message } } });
    });
    const setPart = <K extends ComparePart>(k: K, state: PartState<K>) => ({ ...get().compare!.parts, [k]: state });
    deps.api.compareSegments({ ...request, liveKey: COMPARE_LIVE_KEY, jobId }).then(
      (r) => {
        off();
        if (mine !== seq || !get().compare) return;
        const cur = get().compare!;
        const apart = clampApart(cur.apart, r.segments.length);
        patch({
          base: { key: baseKey, result: r },
          status: 'ready',
          error: null,
          pending: null,
          parts:
            part && partKey
              ? setPart(part, {
                  key: partKey,
                  status: 'ready',
                  result: (r[part] ?? null) as ComparePartResults[typeof part] | null,
                  error: null,
                })
              : cur.parts,
          apart,
        });
        // The answer showed fewer columns than the apart choice named: ask again with a valid one.
        if (apart.column !== cur.apart.column || apart.against !== cur.apart.against) refresh();
      },
      (err: unknown) => {
        off();
        if (mine !== seq || !get().compare) return;
        const e = compareError(err);
        const cur = get().compare!;
        const parts =
          part && partKey ? setPart(part, { key: partKey, status: 'error', result: null, error: e }) : cur.parts;
        if (cur.base?.key === baseKey) patch({ status: 'ready', pending: null, parts });
        else patch({ status: 'error', error: { ...e, key: baseKey }, pending: null, parts });
      },
    );
  };

  /** The metrics of the targets' definitions (and the entity key) for the pickers. */
  const loadFields = async () => {
    const v = get().compare;
    if (!v?.table) return;
    const mine = ++fieldsSeq;
    const metrics: Metric[] = [];
    let key: string | null = null;
    for (const t of v.targets) {
      const info = await definitionInfo(t);
      if (info) {
        metrics.push(...info.metrics);
        key ??= info.key;
      }
    }
    const cur = get().compare;
    if (mine !== fieldsSeq || !cur || cur.targets !== v.targets) return;
    const columns = get().tables.find((t) => t.name === cur.table)?.columns ?? [];
    const fields = compareFields(cur.table!, columns, key ?? guessKey(cur.table!, columns), metrics);
    // A measure that no column or remaining definition defines would only fail the request.
    const known = new Set(fields.map((f) => f.name));
    const measures = cur.measures.filter((m) => known.has(m));
    patch({ fields, measures });
    if (measures.length !== cur.measures.length) refresh();
  };

  const definitionInfo = async (t: DefinitionTarget): Promise<{ metrics: Metric[]; key: string } | null> => {
    const fromDef = (d: Partial<Definition> | undefined) =>
      d?.entity ? { metrics: d.metrics ?? [], key: d.entity.key } : null;
    if (t.definition) return fromDef(t.definition as Partial<Definition>);
    if (!t.file) return null;
    const cacheKey = `${t.file}@${t.version ?? 'latest'}`;
    // A version never changes; "latest" may, so it is read again.
    if (t.version !== undefined && definitions.has(cacheKey)) return definitions.get(cacheKey)!;
    try {
      const doc = await deps.api.readDefinition({ file: t.file });
      const versions =
        (doc.content as { versions?: { version?: number; definition?: Definition }[] } | null)?.versions ?? [];
      const chosen =
        t.version === undefined ? versions[versions.length - 1] : versions.find((x) => x.version === t.version);
      const info = fromDef(chosen?.definition);
      if (t.version !== undefined) definitions.set(cacheKey, info);
      return info;
    } catch {
      // The pickers then offer the table's columns only; the comparison itself reports the problem.
      return null;
    }
  };

  /** Apply a change of the view's choices, keep it for a reload, and ask for what it now shows. */
  const change = (p: Partial<CompareView>) => {
    patch(p);
    persist();
    refresh();
  };

  return {
    mainTab: 'grid',
    compareSelection: [],
    compareAnchor: null,
    compare: null,

    setMainTab(tab) {
      if (get().mainTab === tab) return;
      set({ mainTab: tab });
      persist();
      refresh();
      get().refreshOverTime();
    },

    selectForCompare(key, mode) {
      const list = items();
      const selection =
        mode === 'range'
          ? rangeSelection(get().compareSelection, list, get().compareAnchor, key)
          : toggleSelection(get().compareSelection, list, key);
      set({ compareSelection: selection, compareAnchor: key });
    },

    clearCompareSelection() {
      set({ compareSelection: [], compareAnchor: null });
    },

    compareSelected() {
      const { targets, labels } = selectionTargets(get().compareSelection, items());
      if (targets.length) get().openCompare(targets, labels);
    },

    compareWithDraft() {
      const b = get().builder;
      if (!b) return;
      const unchanged = savedRuleShown(b);
      const draft: DefinitionTarget = unchanged ? { file: b.file } : { definition: b.definition };
      const chosen = selectionTargets(get().compareSelection, items());
      const others = chosen.targets
        .map((t, i) => ({ t, label: chosen.labels[i]! }))
        .filter((x) => !(unchanged && x.t.file === b.file && x.t.tier === undefined));
      get().openCompare(
        [draft, ...others.map((x) => x.t)],
        [unchanged ? b.name : `${b.name} (draft)`, ...others.map((x) => x.label)],
      );
    },

    openCompare(targets, labels) {
      if (targets.length === 0) return;
      seq++; // an answer for the previous view must not land in this one
      set({ compare: newView(get(), targets, labels), mainTab: 'compare' });
      persist();
      void loadFields();
      refresh();
    },

    openComparisonState(state, saved, tab = 'compare') {
      seq++;
      const s = get();
      const base = newView(
        { ...s, compare: null },
        state.targets,
        state.targets.map((t) => labelOf(s, t)),
      );
      const choices = choicesFromState(state, base.fields);
      const view: CompareView = {
        ...base,
        ...choices,
        breakdown: { ...choices.breakdown, column: choices.breakdown.column ?? base.breakdown.column },
        apart: clampApart(choices.apart, base.targets.length),
        saved,
      };
      set({ compare: { ...view, savedJson: saved ? keyOf(comparisonStateOf(view)) : null }, mainTab: tab });
      persist();
      void loadFields();
      refresh();
    },

    addCompareTarget(target, label) {
      const v = get().compare;
      if (!v || v.targets.some((t) => keyOf(t) === keyOf(target))) return;
      change({ targets: [...v.targets, target], labels: [...v.labels, label] });
      void loadFields();
    },

    removeCompareTarget(index) {
      const v = get().compare;
      if (!v || index < 0 || index >= v.targets.length) return;
      const targets = v.targets.filter((_, i) => i !== index);
      change({ targets, labels: v.labels.filter((_, i) => i !== index), apart: clampApart(v.apart, targets.length) });
      void loadFields();
    },

    toggleCompareMeasure(name) {
      const v = get().compare;
      if (!v) return;
      const on = v.measures.includes(name);
      if (!on && v.measures.length >= MAX_MEASURES) return;
      change({ measures: on ? v.measures.filter((m) => m !== name) : [...v.measures, name] });
    },

    setCompareSection(section) {
      change({ section });
    },

    setBreakdown(p) {
      const v = get().compare;
      if (v) change({ breakdown: { ...v.breakdown, ...p } });
    },

    setDistribution(p) {
      const v = get().compare;
      if (v) change({ distribution: { ...v.distribution, ...p } });
    },

    setApart(p) {
      const v = get().compare;
      if (v) change({ apart: clampApart({ ...v.apart, ...p }, v.base?.result.segments.length ?? v.targets.length) });
    },

    setConcentration(p) {
      const v = get().compare;
      if (v) change({ concentration: { ...v.concentration, ...p } });
    },

    retryCompare() {
      refresh(true);
    },

    refreshCompare() {
      refresh();
    },

    async cancelCompare() {
      const v = get().compare;
      const pending = v?.pending;
      if (!v || !pending) return;
      // Cancelled for the user at once: the answer, if the engine still sends one, is dropped.
      seq++;
      const e: UiError = { code: 'interrupted', message: 'Cancelled.', hint: compareHints.interrupted! };
      const part = partOf(v.section);
      const parts = { ...v.parts };
      const p = part ? parts[part] : undefined;
      if (part && p && p.key === pending.partKey) parts[part] = { ...p, status: 'error', error: e } as never;
      if (v.base?.key === pending.baseKey) patch({ pending: null, status: 'ready', parts });
      else patch({ pending: null, status: 'error', error: { ...e, key: pending.baseKey }, parts });
      await deps.api.cancelJob({ jobId: pending.jobId }).catch(() => undefined);
    },

    closeCompare() {
      seq++;
      const pending = get().compare?.pending;
      if (pending) void deps.api.cancelJob({ jobId: pending.jobId }).catch(() => undefined);
      set({ compare: null, mainTab: 'grid' });
      persist();
    },

    showOverlapInGrid(i, j, mode) {
      const v = get().compare;
      const r = v?.base?.result;
      const a = r?.segments[i];
      const b = r?.segments[j];
      if (!v || !r || !a || !b) return;
      const targets = columnTargets(v.targets, r.segments);
      const ta = targets[i];
      const tb = targets[j];
      if (!ta || !tb) return;
      const filter: GridSegmentFilter =
        i === j
          ? { table: r.table, source: 'compare', label: a.name, target: ta }
          : mode === 'both'
            ? { table: r.table, source: 'compare', label: `${a.name} ∩ ${b.name}`, target: ta, alsoIn: [tb] }
            : { table: r.table, source: 'compare', label: `${a.name} without ${b.name}`, target: ta, notIn: [tb] };
      // The rows of the snapshot the comparison ran on.
      const snapshot = snapshotFor(v.table);
      if (get().selectedTable !== r.table) get().selectTable(r.table, snapshot);
      get().setGridSegment(filter);
      set({ mainTab: 'grid' });
      persist();
    },

    fetchCompareReport() {
      const v = get().compare;
      if (!v || v.targets.length === 0) return Promise.reject(new Error('nothing to compare'));
      return deps.api.compareSegments({ ...reportRequest(v, snapshotFor(v.table)), jobId: deps.newJobId() });
    },
  };
};
