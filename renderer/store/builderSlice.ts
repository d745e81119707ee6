/**
 * The rule builder's draft, a segment or a scheme: every edit is a RuleEdit at a rule's location (a
 * segment's `where`, a tier's, an aggregate metric's filter) or a TierEdit, applied immutably,
 * recorded for undo/redo, validated locally at once (diagnostics beside the rules) and, when valid,
 * counted live (a scheme's count has per-tier counts). Counts use one liveKey so the engine
 * interrupts the previous one; answers to stale edits are dropped; a segment's funnel follows the
 * count and its stale job is cancelled; an open explanation of a row is asked again after each count.
 */
import { ApiError } from '../../shared/api/protocol';
import { isSchemeDefinition, isSqlRule, type Definition, type SchemeDefinition, type SegmentDefinition } from '../../shared/segments/model';
import { collectFields } from '../../shared/segments/compat';
import { familyOf } from '../../shared/segments/types';
import { validateDefinition } from '../../shared/segments/validate';
import { pickMeasure } from './defaultMeasure';
import { guessKey, suggestionKey } from './builder/conditions';
import { applyRuleEdit } from './builder/ruleEdit';
import { locationPath, ruleAt, withRuleAt, WHERE } from './builder/ruleLocation';
import { remapDefinition } from './builder/remap';
import { applyTierEdit } from './builder/tiers';
import { saveBlocker } from './builder/saveGate';
import { historyOf } from './builderVersions';
import { isInterrupted, toUiError } from './errors';
import type { BuilderCoreSlice, BuilderState, LiveCount } from './builderTypes';
import type { SliceCreator, WorkbenchState } from './types';

const idleLive: LiveCount = { status: 'idle', count: null, total: null, share: null, measures: [], elapsedMs: null, asOf: null, error: null };
const HISTORY = 200;
const FUNNEL_PAUSE_MS = 250;
const SAVE_HINT = 'Nothing was saved. Fix what the message names, then save again; warnings (in amber) do not block.';

/**
 * Warnings about the definition's `fields` record are not the editor's business: save recomputes
 * the record from the tables (SPEC §5), so they would only distract while editing.
 */
const aboutFields = (d: { path: string; severity: string }): boolean =>
  d.severity !== 'error' && /(^|\.)fields($|[.[])/.test(d.path);

function schemasOf(s: WorkbenchState) {
  return Object.fromEntries(s.tables.map((t) => [t.name, t.columns]));
}

/** The grid's snapshot when it shows the entity table: counts follow what the user is looking at. */
function runSnapshot(s: WorkbenchState, table: string): { snapshot?: string } {
  return s.selectedTable === table && s.selectedSnapshot ? { snapshot: s.selectedSnapshot } : {};
}

/** The entity table's default measure (defaultMeasure.ts): money-like, never the key or a 0/1 flag. */
function defaultMeasure(s: WorkbenchState, table: string, key: string): string | null {
  const cols = s.tables.find((t) => t.name === table)?.columns ?? [];
  return pickMeasure(cols.filter((c) => c.name !== key && familyOf(c.type) === 'number'));
}

/** A builder on `definition` with nothing loaded yet (no file, history, counts). */
function draftState(s: WorkbenchState, definition: Definition, name: string): BuilderState {
  return {
    file: null, sourceFile: null, name, description: '', savedMeta: null, definition, savedJson: null, past: [], future: [], diagnostics: [],
    measure: defaultMeasure(s, definition.entity.table, definition.entity.key), live: idleLive, funnel: null, saving: false, saveError: null, lastSaved: null, explain: null,
    sqlPreview: null, segmentId: null, history: null, compare: null, fileDiagnostics: [], fileHasSql: false, viewing: null, measurements: { status: 'idle', records: [], error: null },
  };
}

export const createBuilderSlice: SliceCreator<BuilderCoreSlice> = (deps) => (set, get) => {
  let seq = 0;
  // The latest explanation asked for: an older answer (another row, or an earlier edit) is dropped.
  let explainSeq = 0;
  let funnelJob: string | null = null;
  // Typing in one operand is one undo step: patches of the same condition and keys within a short
  // window replace the last history entry instead of adding one.
  let lastPatch: { key: string; at: number } | null = null;
  const COALESCE_MS = 1000;

  const patch = (p: Partial<BuilderState>) => {
    const b = get().builder;
    if (b) set({ builder: { ...b, ...p } });
  };

  /** Validate, then count and funnel the current draft; later edits supersede earlier ones. */
  const refresh = async () => {
    const b = get().builder;
    if (!b) return;
    const mine = ++seq;
    if (funnelJob) void deps.api.cancelJob({ jobId: funnelJob }).catch(() => undefined);
    funnelJob = null;
    let diagnostics = validateDefinition(b.definition, schemasOf(get()));
    let errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0 && /"sql":/.test(JSON.stringify(b.definition))) {
      // SQL text is checked by the engine (DuckDB's parser + the allowlist), with paths, before counting.
      try {
        const report = await deps.api.validateDefinition({ target: { definition: b.definition as unknown as Record<string, unknown> } });
        if (mine !== seq) return;
        const seen = new Set(diagnostics.map((d) => `${d.path}|${d.message}`));
        diagnostics = [...diagnostics, ...report.diagnostics.filter((d) => !seen.has(`${d.path}|${d.message}`) && !aboutFields(d))];
        errors = diagnostics.filter((d) => d.severity === 'error');
      } catch {
        // Validation unavailable: the count below reports SQL problems as its error.
      }
    }
    if (errors.length > 0) {
      patch({ diagnostics, funnel: null, live: { ...b.live, status: 'invalid', error: { code: 'invalid_input', message: errors[0]!.message, hint: 'Fix the rule marked in red to see the count.' } } });
      return;
    }
    patch({ diagnostics, live: { ...b.live, status: 'counting', error: null } });
    const preview = get().builder?.sqlPreview;
    if (preview) void get().previewSql(preview.dialect);
    const target = { definition: b.definition as unknown as Record<string, unknown> };
    try {
      const r = await deps.api.countSegment({ target, liveKey: 'builder', ...runSnapshot(get(), b.definition.entity.table), ...(b.measure ? { measures: [b.measure] } : {}) });
      if (mine !== seq) return;
      patch({ live: { status: 'ready', count: r.count, total: r.total, share: r.share, measures: r.measures, elapsedMs: r.elapsedMs, asOf: r.asOf, error: null, ...(r.tiers ? { tiers: r.tiers } : {}) } });
      // An open explanation follows the edit: the row may have changed sides.
      const open = get().builder?.explain;
      if (open) void get().explainRow(open.key);
    } catch (err) {
      if (mine !== seq || isInterrupted(err)) return;
      patch({ live: { ...idleLive, status: 'error', error: toUiError(err) } });
      return;
    }
    // A scheme's funnel would count each tier alone, not first-match: its tier counts say more.
    if (isSchemeDefinition(b.definition)) return;
    // The funnel waits for a pause in editing so it never competes with the next keystroke's count.
    await new Promise((r) => setTimeout(r, FUNNEL_PAUSE_MS));
    if (mine !== seq) return;
    const jobId = deps.newJobId();
    funnelJob = jobId;
    try {
      const funnel = await deps.api.segmentFunnel({ target, jobId, ...runSnapshot(get(), b.definition.entity.table) });
      if (mine === seq) patch({ funnel });
    } catch {
      // The funnel is extra detail; the count above already answered the edit.
    } finally {
      if (funnelJob === jobId) funnelJob = null;
    }
  };

  const commit = (definition: Definition, coalesceKey: string | null = null) => {
    const b = get().builder;
    if (!b || definition === b.definition) return;
    const now = Date.now();
    const coalesce = coalesceKey !== null && lastPatch?.key === coalesceKey && now - lastPatch.at < COALESCE_MS && b.past.length > 0;
    lastPatch = coalesceKey === null ? null : { key: coalesceKey, at: now };
    patch({ definition, past: coalesce ? b.past : [...b.past, b.definition].slice(-HISTORY), future: [], saveError: null });
    void refresh();
  };

  return {
    builder: null,
    suggestions: {},

    newSegment() {
      const s = get();
      const table = s.tables.find((t) => t.name === s.selectedTable) ?? s.tables[0];
      if (!table) return;
      const definition: SegmentDefinition = { entity: { table: table.name, key: guessKey(table.name, table.columns) }, asOf: { kind: 'snapshot' }, where: { all: [] } };
      lastPatch = null;
      set({ suggestions: {}, builder: draftState(s, definition, 'New segment'), threshold: null });
      void refresh();
    },

    newScheme() {
      const s = get();
      const table = s.tables.find((t) => t.name === s.selectedTable) ?? s.tables[0];
      if (!table) return;
      const definition: SchemeDefinition = {
        entity: { table: table.name, key: guessKey(table.name, table.columns) }, asOf: { kind: 'snapshot' }, tiers: [{ name: 'Tier 1', where: { all: [] } }], otherwise: 'Other',
      };
      lastPatch = null;
      set({ suggestions: {}, builder: draftState(s, definition, 'New scheme'), threshold: null });
      void refresh();
    },

    async openSharedFile(picked) {
      try {
        const ref = await deps.stageFile(picked);
        const file = ref.kind === 'path' ? ref.path : `.staging/${ref.name}`;
        await get().openSegment(file);
        const b = get().builder;
        // Not a workspace file: Save writes a new one under segments/.
        if (b && b.sourceFile === file) {
          patch({ file: null, segmentId: null, savedJson: null, savedMeta: null, measurements: { status: 'idle', records: [], error: null } });
        }
      } catch (err) {
        set({ segmentsError: toUiError(err) });
      }
    },

    async openSegment(file) {
      try {
        const doc = await deps.api.readDefinition({ file });
        // A file the engine could not use (duplicate keys, numbers JSON cannot hold, not a definition)
        // has no content: say why, by path, rather than open a guess of what it means (§5).
        if (!doc.content) {
          const errors = doc.diagnostics.filter((d) => d.severity === 'error');
          const head = errors.slice(0, 3).map((d) => d.message).join('; ') || 'not a Segment Workbench definition file';
          throw new ApiError('invalid_input', `${file} cannot be opened: ${head}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}. Fix the file and open it again.`, { diagnostics: errors });
        }
        const versions = (doc.content as { versions?: { definition: Definition }[] }).versions ?? [];
        const definition = versions[versions.length - 1]?.definition;
        const editable = definition && (isSchemeDefinition(definition) ? Array.isArray(definition.tiers) : 'where' in definition);
        if (!definition || !editable) throw new Error(`${file} has no segment or scheme version to edit`);
        lastPatch = null;
        const meta = { name: doc.name, description: doc.description ?? '' };
        set({ threshold: null, suggestions: {}, builder: { ...draftState(get(), definition, doc.name), file: doc.file, sourceFile: doc.file, description: meta.description, savedMeta: meta, savedJson: JSON.stringify(definition) } });
        patch({ history: historyOf(doc), fileDiagnostics: doc.diagnostics.filter((d) => !aboutFields(d)), fileHasSql: doc.hasSql, segmentId: doc.id });
        void get().loadMeasurements();
        if (get().selectedTable !== definition.entity.table && get().tables.some((t) => t.name === definition.entity.table)) get().selectTable(definition.entity.table, null);
        void refresh();
      } catch (err) {
        set({ segmentsError: toUiError(err) });
      }
    },

    recount() {
      void refresh();
    },

    closeBuilder() {
      seq++;
      set({ builder: null, threshold: null });
    },

    editRule(edit, at = WHERE) {
      const b = get().builder;
      const rule = b && ruleAt(b.definition, at);
      if (!b || !rule) return;
      // Typing a SQL rule replaces it on each keystroke: one undo step too.
      const key = edit.type === 'patchCondition'
        ? `${locationPath(at)}:${edit.path.join('.')}:${Object.keys(edit.patch).sort().join(',')}`
        : edit.type === 'replace' && isSqlRule(edit.rule) ? `${locationPath(at)}:${edit.path.join('.')}:sql` : null;
      commit(withRuleAt(b.definition, at, applyRuleEdit(rule, edit)), key);
    },

    editTiers(edit) {
      const b = get().builder;
      if (!b || !isSchemeDefinition(b.definition)) return;
      // Typing a tier's name (or the otherwise name) is one undo step, as typing an operand is.
      const key = edit.type === 'renameTier' ? `tier-name:${edit.index}` : edit.type === 'setOtherwise' ? 'otherwise' : null;
      commit(applyTierEdit(b.definition, edit), key);
    },

    editMetric(index, metric) {
      const b = get().builder;
      if (!b) return;
      const metrics = [...(b.definition.metrics ?? [])];
      if (metric === null) metrics.splice(index, 1);
      else metrics[index] = metric;
      const { metrics: _old, ...rest } = b.definition;
      const next: Definition = metrics.length > 0 ? { ...rest, metrics } : rest;
      commit(next, metric === null || index >= (b.definition.metrics?.length ?? 0) ? null : `metric:${index}`);
    },

    applyMapping(mapping) {
      const b = get().builder;
      if (!b) return;
      commit(remapDefinition(b.definition, mapping));
      const table = get().builder?.definition.entity.table;
      if (table && table !== get().selectedTable && get().tables.some((t) => t.name === table)) get().selectTable(table, null);
    },

    async loadSuggestions(field, table) {
      const b = get().builder;
      const key = suggestionKey(field, table ?? null);
      if (!b || get().suggestions[key]) return;
      set({ suggestions: { ...get().suggestions, [key]: [] } });
      try {
        const top = await deps.api.topValues({ table: table ?? b.definition.entity.table, column: field, limit: 20 });
        const values = top.values.map((t) => t.value).filter((v): v is string => typeof v === 'string');
        set({ suggestions: { ...get().suggestions, [key]: values } });
      } catch {
        // Suggestions are a convenience; typing still works.
      }
    },

    setBuilderName(name) {
      patch({ name, saveError: null });
    },

    setBuilderDescription(description) {
      patch({ description });
    },

    setMeasure(measure) {
      patch({ measure });
      void refresh();
    },

    undo() {
      lastPatch = null;
      const b = get().builder;
      const prev = b?.past[b.past.length - 1];
      if (!b || !prev) return;
      patch({ definition: prev, past: b.past.slice(0, -1), future: [b.definition, ...b.future] });
      void refresh();
    },

    redo() {
      const b = get().builder;
      const next = b?.future[0];
      if (!b || !next) return;
      patch({ definition: next, past: [...b.past, b.definition], future: b.future.slice(1) });
      void refresh();
    },

    async explainRow(key) {
      const b = get().builder;
      if (!b) return;
      // The same row again (after an edit) keeps its last answer on screen until the new one.
      const shown = b.explain?.key === key ? b.explain.result : null;
      patch({ explain: { key, status: 'loading', result: shown, error: null } });
      const mine = ++explainSeq;
      const current = () => mine === explainSeq && get().builder?.explain?.key === key;
      try {
        const result = await deps.api.explainRow({ target: { definition: b.definition as unknown as Record<string, unknown> }, key, ...runSnapshot(get(), b.definition.entity.table) });
        if (current()) patch({ explain: { key, status: 'ready', result, error: null } });
      } catch (err) {
        if (current()) patch({ explain: { key, status: 'error', result: null, error: toUiError(err) } });
      }
    },

    async previewSql(dialect) {
      const b = get().builder;
      if (!b) return;
      if (dialect === null) return patch({ sqlPreview: null });
      patch({ sqlPreview: { dialect, status: 'loading', sql: b.sqlPreview?.sql ?? '', error: null } });
      const definition = b.definition;
      try {
        // compile reads the schema from `fields` (it runs without a workspace too), so give it one.
        const withFields = { ...definition, fields: collectFields(definition, schemasOf(get())) };
        // Values written in (the SQL runs as it is when copied), at the snapshot the grid shows, as a run would be.
        const r = await deps.api.compileDefinition({ target: { definition: withFields as unknown as Record<string, unknown> }, dialect, inline: true, ...runSnapshot(get(), definition.entity.table) });
        if (get().builder?.definition === definition) patch({ sqlPreview: { dialect, status: 'ready', sql: r.sql, error: r.diagnostics.find((d) => d.severity === 'error')?.message ?? null } });
      } catch (err) {
        if (get().builder?.definition === definition) patch({ sqlPreview: { dialect, status: 'error', sql: '', error: toUiError(err).message } });
      }
    },

    closeExplain() {
      patch({ explain: null });
    },

    async saveSegment(note) {
      const b = get().builder;
      if (!b || b.saving) return false;
      // Refused here with the reason (Ctrl+S included); the engine refuses the same again on save.
      const blocked = saveBlocker(b, [...get().segments, ...get().schemes]);
      if (blocked) {
        patch({ saveError: { code: 'invalid_input', message: blocked, hint: SAVE_HINT } });
        return false;
      }
      patch({ saving: true, saveError: null });
      let file: string;
      try {
        // The description goes with every save of a file (clearing it is a change too), and with a new one when given.
        const description = b.file || b.description.trim() ? { description: b.description } : {};
        const r = await deps.api.saveDefinition({ ...(b.file ? { file: b.file } : {}), kind: isSchemeDefinition(b.definition) ? 'scheme' : 'segment', name: b.name, ...description, definition: b.definition as unknown as Record<string, unknown>, note });
        patch({
          segmentId: r.id, saving: false, file: r.file, sourceFile: r.file, savedJson: JSON.stringify(b.definition), savedMeta: { name: b.name, description: b.description },
          lastSaved: { version: r.version, appended: r.appended, ...(r.metadataUpdated ? { metadataUpdated: true } : {}) },
        });
        file = r.file;
        void get().loadSegments();
      } catch (err) {
        const e = toUiError(err);
        patch({ saving: false, saveError: e.code === 'invalid_input' ? { ...e, hint: SAVE_HINT } : e });
        return false;
      }
      try {
        const doc = await deps.api.readDefinition({ file });
        if (get().builder?.file === file) patch({ history: historyOf(doc) });
      } catch {
        // Saved; the history shows the new version on the next open.
      }
      return true;
    },
  };
};
