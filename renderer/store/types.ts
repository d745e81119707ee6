/**
 * The workbench store's composed shape: one state built from slices (zustand slices pattern), each
 * slice's own types beside it (`<slice>Types.ts`), and what every slice is built with.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { WorkbenchClient } from '../../shared/api/contract';
import type { FileRef } from '../../shared/api/dataApi';
import type { PickedFile } from '../platform/files';
import type { BuilderSlice } from './builderTypes';
import type { CompareSlice, ComparisonsSlice } from './compareTypes';
import type { ExportSlice } from './exportTypes';
import type { GridSlice } from './gridTypes';
import type { ImportSlice } from './importTypes';
import type { OverTimeSlice, ThresholdSlice } from './overTimeTypes';
import type { PostgresSlice } from './postgresTypes';
import type { ProfileSlice } from './profileTypes';
import type { SegmentsSlice } from './segmentsTypes';
import type { UiSlice } from './uiTypes';
import type { WorkspaceSlice } from './workspaceTypes';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StoreDeps {
  api: WorkbenchClient;
  stageFile: (file: PickedFile) => Promise<FileRef>;
  storage: KeyValueStorage | null;
  systemPrefersDark: () => boolean;
  newJobId: () => string;
}

export type WorkbenchState = WorkspaceSlice &
  GridSlice &
  ProfileSlice &
  ImportSlice &
  UiSlice &
  SegmentsSlice &
  BuilderSlice &
  ExportSlice &
  CompareSlice &
  ComparisonsSlice &
  PostgresSlice &
  OverTimeSlice &
  ThresholdSlice;

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<WorkbenchState, [], [], T>;
