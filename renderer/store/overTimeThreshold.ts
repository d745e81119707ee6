/**
 * The rule builder's threshold explorer (issue 10 item 5): for a numeric condition (lt, lte, gt,
 * gte; metrics such as days-since too) of the segment being edited, the segment's size over a
 * quantile grid of the field's values with every other condition as it stands (thresholdCurve: one
 * grouped scan, about 40 points), and an outcome per point: the share of those members in another
 * segment (this snapshot or the next), or a measure's average. The curve is of the draft, so it
 * follows edits of the other conditions (after a pause, under one liveKey, stale answers dropped);
 * moving the explored threshold itself does not ask again (its key leaves the value out). Applying
 * a point goes through the builder's own edit (editRule replace: one undo step), so the live count
 * follows and Ctrl+Z takes it back.
 */
import type { thresholdRequest } from '../../shared/api/overTimeApi';
import type { z } from 'zod';
import { isSchemeDefinition, type Condition, type Rule } from '../../shared/segments/model';
import { diagnosticPath, getAt } from '../../shared/segments/ruleTree';
import { WHERE } from './builder/ruleLocation';
import { isInterrupted, toUiError } from './errors';
import type { ThresholdExplorerState, ThresholdOutcome, ThresholdSlice } from './overTimeTypes';
import type { SliceCreator, WorkbenchState } from './types';

export const THRESHOLD_LIVE_KEY = 'threshold';
export const THRESHOLD_POINTS = 40;
/** Edits of the other conditions ask again after this pause (one curve per pause, not per keystroke). */
export const THRESHOLD_PAUSE_MS = 250;

const NUMERIC_OPS = new Set(['lt', 'lte', 'gt', 'gte']);

/** The condition explored, when it is still a numeric comparison with a number. */
export function exploredCondition(where: Rule, rulePath: readonly number[]): Condition | null {
  const node = getAt(where, rulePath);
  if (!node || !('field' in node)) return null;
  return NUMERIC_OPS.has(node.op) && typeof node.value === 'number' ? node : null;
}

/** Whether the explorer can run on this condition of a segment (its button shows only then). */
export function canExplore(condition: Condition, family: string): boolean {
  return (
    NUMERIC_OPS.has(condition.op) &&
    (family === 'number' || family === 'unknown') &&
    typeof condition.value === 'number'
  );
}

type Request = z.input<typeof thresholdRequest>;

function outcomeOf(o: ThresholdOutcome): Request['outcome'] {
  if (o.kind === 'segment') return { kind: 'segment', target: { file: o.file }, snapshot: o.snapshot };
  if (o.kind === 'measure') return { kind: 'measure', measure: o.measure };
  return undefined;
}

/** The request for the explorer's state, and its key (the draft with the explored value left out). */
export function thresholdRequestOf(
  s: WorkbenchState,
  t: ThresholdExplorerState,
): { request: Request; key: string } | { reason: string } {
  const b = s.builder;
  if (!b || isSchemeDefinition(b.definition))
    return { reason: 'The threshold explorer works on a segment’s conditions.' };
  if (b.diagnostics.some((d) => d.severity === 'error'))
    return { reason: 'Fix the rule marked in red to see the curve.' };
  const cond = exploredCondition(b.definition.where, t.rulePath);
  if (!cond) return { reason: 'This condition no longer compares a number with <, ≤, > or ≥.' };
  const path = diagnosticPath(b.definition.where, t.rulePath);
  const table = b.definition.entity.table;
  const gridSnapshot = s.selectedTable === table ? s.selectedSnapshot : null;
  const snapshot = t.snapshot ?? gridSnapshot;
  const definition = b.definition;
  const outcome = outcomeOf(t.outcome);
  const request: Request = {
    target: { definition },
    path,
    points: THRESHOLD_POINTS,
    ...(snapshot ? { snapshot } : {}),
    ...(outcome ? { outcome } : {}),
  };
  const { value: _moved, ...rest } = cond;
  const masked = { ...b.definition, where: replaceAt(b.definition.where, t.rulePath, rest as Condition) };
  return { request, key: JSON.stringify([masked, path, snapshot, outcome ?? null]) };
}

function replaceAt(rule: Rule, path: readonly number[], next: Rule): Rule {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const kids = 'all' in rule ? rule.all : 'any' in rule ? rule.any : 'not' in rule ? [rule.not] : null;
  if (!kids || kids[head!] === undefined) return rule;
  const child = replaceAt(kids[head!]!, rest, next);
  if ('all' in rule) return { ...rule, all: kids.map((k, i) => (i === head ? child : k)) };
  if ('any' in rule) return { ...rule, any: kids.map((k, i) => (i === head ? child : k)) };
  return { ...rule, not: child };
}

export const createThresholdSlice: SliceCreator<ThresholdSlice> = (deps) => (set, get) => {
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const patch = (p: Partial<ThresholdExplorerState>) => {
    const t = get().threshold;
    if (t) set({ threshold: { ...t, ...p } });
  };

  const ask = () => {
    const t = get().threshold;
    if (!t) return;
    const plan = thresholdRequestOf(get(), t);
    if ('reason' in plan) {
      seq++;
      patch({ key: null, status: 'error', error: { code: 'invalid_input', message: plan.reason, hint: '' } });
      return;
    }
    if (plan.key === t.key && t.status !== 'error') return;
    const mine = ++seq;
    patch({ key: plan.key, status: 'loading', error: null });
    deps.api.thresholdCurve({ ...plan.request, liveKey: THRESHOLD_LIVE_KEY, jobId: deps.newJobId() }).then(
      (result) => {
        if (mine === seq) patch({ status: 'ready', result, error: null });
      },
      (err: unknown) => {
        if (mine !== seq || isInterrupted(err)) return;
        patch({ status: 'error', result: null, error: toUiError(err) });
      },
    );
  };

  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      ask();
    }, THRESHOLD_PAUSE_MS);
  };

  return {
    threshold: null,

    toggleThresholdExplorer(rulePath, path) {
      const t = get().threshold;
      if (t && t.path === path) return get().closeThresholdExplorer();
      seq++;
      set({
        threshold: {
          path,
          rulePath: [...rulePath],
          outcome: t?.outcome ?? { kind: 'none' },
          snapshot: t?.snapshot ?? null,
          key: null,
          status: 'idle',
          result: null,
          error: null,
        },
      });
      ask();
    },

    closeThresholdExplorer() {
      seq++;
      if (timer) clearTimeout(timer);
      timer = null;
      set({ threshold: null });
    },

    setThresholdOutcome(outcome) {
      patch({ outcome });
      ask();
    },

    setThresholdSnapshot(snapshot) {
      patch({ snapshot });
      ask();
    },

    refreshThreshold() {
      const t = get().threshold;
      if (!t) return;
      const plan = thresholdRequestOf(get(), t);
      // Nothing the curve depends on changed (e.g. the explored threshold itself moved).
      if (!('reason' in plan) && plan.key === t.key) return;
      later();
    },

    applyThreshold(value) {
      const t = get().threshold;
      const b = get().builder;
      if (!t || !b || isSchemeDefinition(b.definition)) return;
      const cond = exploredCondition(b.definition.where, t.rulePath);
      if (!cond || cond.value === value) return;
      get().editRule({ type: 'replace', path: t.rulePath, rule: { ...cond, value } }, WHERE);
    },
  };
};
