/**
 * The builder's live feedback on the draft: validated locally at once (diagnostics beside the
 * rules; SQL text by the engine), then, when valid, counted (a scheme's count has per-tier counts)
 * with the chosen measure. Counts use one liveKey so the engine interrupts the previous one;
 * answers to stale edits are dropped; a segment's funnel follows the count after a pause and its
 * stale job is cancelled; an open explanation of a row, and an open SQL preview, are asked again.
 */
import { isSchemeDefinition } from '../../../shared/segments/model';
import { collectFields } from '../../../shared/segments/compat';
import { validateDefinition } from '../../../shared/segments/validate';
import type { BuilderCoreSlice } from '../builderTypes';
import { isInterrupted, toUiError } from '../errors';
import type { StoreDeps } from '../types';
import { aboutFields, idleLive, patcher, runSnapshot, schemasOf, type Get, type Set } from './draft';

const FUNNEL_PAUSE_MS = 250;

export interface LivePart {
  actions: Pick<BuilderCoreSlice, 'recount' | 'setMeasure' | 'explainRow' | 'closeExplain' | 'previewSql'>;
  /** Validate, then count and funnel the current draft; later calls supersede earlier ones. */
  refresh(): Promise<void>;
  /** Drop every answer still on its way (the builder closed). */
  stop(): void;
}

export function createLivePart(deps: StoreDeps, set: Set, get: Get): LivePart {
  const patch = patcher(set, get);
  let seq = 0;
  // The latest explanation asked for: an older answer (another row, or an earlier edit) is dropped.
  let explainSeq = 0;
  let funnelJob: string | null = null;

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
        const report = await deps.api.validateDefinition({ target: { definition: b.definition } });
        if (mine !== seq) return;
        const seen = new Set(diagnostics.map((d) => `${d.path}|${d.message}`));
        diagnostics = [
          ...diagnostics,
          ...report.diagnostics.filter((d) => !seen.has(`${d.path}|${d.message}`) && !aboutFields(d)),
        ];
        errors = diagnostics.filter((d) => d.severity === 'error');
      } catch {
        // Validation unavailable: the count below reports SQL problems as its error.
      }
    }
    if (errors.length > 0) {
      patch({
        diagnostics,
        funnel: null,
        live: {
          ...b.live,
          status: 'invalid',
          error: {
            code: 'invalid_input',
            message: errors[0]!.message,
            hint: 'Fix the rule marked in red to see the count.',
          },
        },
      });
      return;
    }
    patch({ diagnostics, live: { ...b.live, status: 'counting', error: null } });
    const preview = get().builder?.sqlPreview;
    if (preview) void get().previewSql(preview.dialect);
    const target = { definition: b.definition };
    try {
      const r = await deps.api.countSegment({
        target,
        liveKey: 'builder',
        ...runSnapshot(get(), b.definition.entity.table),
        ...(b.measure ? { measures: [b.measure] } : {}),
      });
      if (mine !== seq) return;
      patch({
        live: {
          status: 'ready',
          count: r.count,
          total: r.total,
          share: r.share,
          measures: r.measures,
          elapsedMs: r.elapsedMs,
          asOf: r.asOf,
          error: null,
          ...(r.tiers ? { tiers: r.tiers } : {}),
        },
      });
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

  const actions: LivePart['actions'] = {
    recount() {
      void refresh();
    },

    setMeasure(measure) {
      patch({ measure });
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
        const result = await deps.api.explainRow({
          target: { definition: b.definition },
          key,
          ...runSnapshot(get(), b.definition.entity.table),
        });
        if (current()) patch({ explain: { key, status: 'ready', result, error: null } });
      } catch (err) {
        if (current()) patch({ explain: { key, status: 'error', result: null, error: toUiError(err) } });
      }
    },

    closeExplain() {
      patch({ explain: null });
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
        const r = await deps.api.compileDefinition({
          target: { definition: withFields },
          dialect,
          inline: true,
          ...runSnapshot(get(), definition.entity.table),
        });
        if (get().builder?.definition === definition)
          patch({
            sqlPreview: {
              dialect,
              status: 'ready',
              sql: r.sql,
              error: r.diagnostics.find((d) => d.severity === 'error')?.message ?? null,
            },
          });
      } catch (err) {
        if (get().builder?.definition === definition)
          patch({ sqlPreview: { dialect, status: 'error', sql: '', error: toUiError(err).message } });
      }
    },
  };

  return { actions, refresh, stop: () => void seq++ };
}
