/**
 * Editing the builder's draft, with undo and redo: every edit is a RuleEdit at a rule's location (a
 * segment's `where`, a tier's, an aggregate metric's filter), a TierEdit or a metric, applied
 * immutably, recorded for undo (typing in one field is one step) and handed to live feedback.
 * Also the name, the description, and the text suggestions the value editors offer.
 */
import { isSchemeDefinition, isSqlRule, type Definition } from '../../../shared/segments/model';
import type { BuilderCoreSlice } from '../builderTypes';
import type { StoreDeps } from '../types';
import { suggestionKey } from './conditions';
import { patcher, type Get, type Set } from './draft';
import { applyRuleEdit } from './ruleEdit';
import { locationPath, ruleAt, withRuleAt, WHERE } from './ruleLocation';
import { remapDefinition } from './remap';
import { applyTierEdit } from './tiers';

const HISTORY = 200;
// Typing in one operand is one undo step: patches of the same field within this window replace the last entry.
const COALESCE_MS = 1000;

type EditingActions = Pick<
  BuilderCoreSlice,
  | 'editRule'
  | 'editTiers'
  | 'editMetric'
  | 'applyMapping'
  | 'setBuilderName'
  | 'setBuilderDescription'
  | 'undo'
  | 'redo'
  | 'loadSuggestions'
>;

export interface EditingPart {
  actions: EditingActions;
  /** A new draft starts a new undo step (typing in it never extends the previous draft's last one). */
  newUndoStep(): void;
}

export function createEditingPart(deps: StoreDeps, set: Set, get: Get, refresh: () => Promise<void>): EditingPart {
  const patch = patcher(set, get);
  let lastPatch: { key: string; at: number } | null = null;

  const commit = (definition: Definition, coalesceKey: string | null = null) => {
    const b = get().builder;
    if (!b || definition === b.definition) return;
    const now = Date.now();
    const coalesce =
      coalesceKey !== null && lastPatch?.key === coalesceKey && now - lastPatch.at < COALESCE_MS && b.past.length > 0;
    lastPatch = coalesceKey === null ? null : { key: coalesceKey, at: now };
    patch({
      definition,
      past: coalesce ? b.past : [...b.past, b.definition].slice(-HISTORY),
      future: [],
      saveError: null,
    });
    void refresh();
  };

  const actions: EditingActions = {
    editRule(edit, at = WHERE) {
      const b = get().builder;
      const rule = b && ruleAt(b.definition, at);
      if (!b || !rule) return;
      // Typing a SQL rule replaces it on each keystroke: one undo step too.
      const key =
        edit.type === 'patchCondition'
          ? `${locationPath(at)}:${edit.path.join('.')}:${Object.keys(edit.patch).sort().join(',')}`
          : edit.type === 'replace' && isSqlRule(edit.rule)
            ? `${locationPath(at)}:${edit.path.join('.')}:sql`
            : null;
      commit(withRuleAt(b.definition, at, applyRuleEdit(rule, edit)), key);
    },

    editTiers(edit) {
      const b = get().builder;
      if (!b || !isSchemeDefinition(b.definition)) return;
      // Typing a tier's name (or the otherwise name) is one undo step, as typing an operand is.
      const key =
        edit.type === 'renameTier' ? `tier-name:${edit.index}` : edit.type === 'setOtherwise' ? 'otherwise' : null;
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
      if (table && table !== get().selectedTable && get().tables.some((t) => t.name === table))
        get().selectTable(table, null);
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
  };

  return { actions, newUndoStep: () => void (lastPatch = null) };
}
