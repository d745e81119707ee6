/**
 * The one store of the renderer, built by a factory so tests create it over a fake API.
 * What follows what (syncing.ts) is wired here, as store subscriptions; `start()` wires the engine's
 * event stream and loads the workspace; it returns a disposer.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkbenchClient } from '../../shared/api/contract';
import { createBuilderSlice } from './builderSlice';
import { createBuilderVersionsSlice } from './builderVersions';
import { createCompareSlice } from './compareSlice';
import { createComparisonsSlice } from './comparisonsSlice';
import { createExportSlice } from './exportSlice';
import { createGridSlice } from './gridSlice';
import { createImportSlice } from './importSlice';
import { createOverTimeSlice } from './overTimeSlice';
import { createThresholdSlice } from './overTimeThreshold';
import { createPostgresSlice } from './postgresSlice';
import { createProfileSlice } from './profileSlice';
import { createSegmentsSlice } from './segmentsSlice';
import { wireSyncing } from './syncing';
import type { StoreDeps, WorkbenchState } from './types';
import { createUiSlice } from './uiSlice';
import { createWorkspaceSlice } from './workspaceSlice';

export type WorkbenchStore = StoreApi<WorkbenchState> & { start(): () => void };

export interface StoreOptions {
  stageFile?: StoreDeps['stageFile'];
  storage?: StoreDeps['storage'];
  systemPrefersDark?: () => boolean;
  newJobId?: () => string;
}

let jobCounter = 0;
const defaultJobId = () => `ui-${Date.now().toString(36)}-${(++jobCounter).toString(36)}`;

export function createWorkbenchStore(api: WorkbenchClient, options: StoreOptions = {}): WorkbenchStore {
  const deps: StoreDeps = {
    api,
    stageFile: options.stageFile ?? (() => Promise.reject(new Error('files cannot be imported here'))),
    storage: options.storage ?? null,
    systemPrefersDark: options.systemPrefersDark ?? (() => false),
    newJobId: options.newJobId ?? defaultJobId,
  };
  const store = createStore<WorkbenchState>()((...a) => ({
    ...createWorkspaceSlice(deps)(...a),
    ...createGridSlice(deps)(...a),
    ...createProfileSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
    ...createSegmentsSlice(deps)(...a),
    ...createBuilderSlice(deps)(...a),
    ...createBuilderVersionsSlice(deps)(...a),
    ...createExportSlice(deps)(...a),
    ...createCompareSlice(deps)(...a),
    ...createComparisonsSlice(deps)(...a),
    ...createOverTimeSlice(deps)(...a),
    ...createThresholdSlice(deps)(...a),
    ...createPostgresSlice(deps)(...a),
  }));
  // Syncing between slices lives in store subscriptions (syncing.ts), for the store's lifetime.
  wireSyncing(store);
  return Object.assign(store, {
    start() {
      const off = api.onEvent((e) => store.getState().handleEvent(e));
      void store.getState().loadWorkspace();
      return off;
    },
  });
}
