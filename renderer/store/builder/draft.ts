/**
 * What every part of the builder slice shares: a fresh draft's state, the patch of the open draft,
 * and the reads of the workspace a draft is counted against (its tables, the grid's snapshot).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Definition } from '../../../shared/segments/model';
import { familyOf } from '../../../shared/segments/types';
import { pickMeasure } from '../defaultMeasure';
import type { BuilderState, LiveCount } from '../builderTypes';
import type { WorkbenchState } from '../types';

export type Set = StoreApi<WorkbenchState>['setState'];
export type Get = StoreApi<WorkbenchState>['getState'];

export const idleLive: LiveCount = {
  status: 'idle',
  count: null,
  total: null,
  share: null,
  measures: [],
  elapsedMs: null,
  asOf: null,
  error: null,
};

/**
 * Warnings about the definition's `fields` record are not the editor's business: save recomputes
 * the record from the tables (docs/definition-files.md, SPEC §5), so they would only distract while editing.
 */
export const aboutFields = (d: { path: string; severity: string }): boolean =>
  d.severity !== 'error' && /(^|\.)fields($|[.[])/.test(d.path);

export function schemasOf(s: WorkbenchState) {
  return Object.fromEntries(s.tables.map((t) => [t.name, t.columns]));
}

/** The grid's snapshot when it shows the entity table: counts follow what the user is looking at. */
export function runSnapshot(s: WorkbenchState, table: string): { snapshot?: string } {
  return s.selectedTable === table && s.selectedSnapshot ? { snapshot: s.selectedSnapshot } : {};
}

/** The entity table's default measure (defaultMeasure.ts): money-like, never the key or a 0/1 flag. */
function defaultMeasure(s: WorkbenchState, table: string, key: string): string | null {
  const cols = s.tables.find((t) => t.name === table)?.columns ?? [];
  return pickMeasure(cols.filter((c) => c.name !== key && familyOf(c.type) === 'number'));
}

/** A builder on `definition` with nothing loaded yet (no file, history, counts). */
export function draftState(s: WorkbenchState, definition: Definition, name: string): BuilderState {
  return {
    file: null,
    sourceFile: null,
    name,
    description: '',
    savedMeta: null,
    definition,
    savedJson: null,
    past: [],
    future: [],
    diagnostics: [],
    measure: defaultMeasure(s, definition.entity.table, definition.entity.key),
    live: idleLive,
    funnel: null,
    saving: false,
    saveError: null,
    lastSaved: null,
    explain: null,
    sqlPreview: null,
    segmentId: null,
    history: null,
    compare: null,
    fileDiagnostics: [],
    fileHasSql: false,
    viewing: null,
    measurements: { status: 'idle', records: [], error: null },
  };
}

/** Merge `p` into the open draft (nothing when the builder is closed). */
export function patcher(set: Set, get: Get): (p: Partial<BuilderState>) => void {
  return (p) => {
    const b = get().builder;
    if (b) set({ builder: { ...b, ...p } });
  };
}
