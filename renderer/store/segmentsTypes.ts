/**
 * The saved segments slice's state and actions: the sidebar's list, counts, trash.
 */
import type { DefinitionSummary, TierCount, TrashEntry } from '../../shared/api/segmentsApi';
import type { UiError } from './errors';

export interface SegmentCount {
  status: 'loading' | 'ready' | 'error';
  count: number | null;
  share: number | null;
  error: string | null;
  /** Schemes: rows per tier (then `otherwise`). */
  tiers?: TierCount[];
}

export interface SegmentsSlice {
  segments: DefinitionSummary[];
  schemes: DefinitionSummary[];
  segmentCounts: Record<string, SegmentCount>;
  segmentsError: UiError | null;
  /** Definitions deleted to the workspace's trash, newest first (loaded on demand). */
  trash: TrashEntry[];
  /** The last deletion, offered for undo until dismissed or restored. */
  lastDeleted: TrashEntry | null;
  /** The last rename/delete/restore failure (shown beside the list). */
  segmentActionError: UiError | null;
  loadSegments(): Promise<void>;
  /** Rename a segment or scheme (the file name follows); resolves to the error to show, or null. */
  renameSegment(file: string, name: string): Promise<UiError | null>;
  /** Move a definition to the trash; `lastDeleted` offers the undo. */
  deleteSegment(file: string): Promise<void>;
  /** Put a deleted definition back (an entry of `trash`, or `lastDeleted`). */
  restoreSegment(trashFile: string): Promise<void>;
  loadTrash(): Promise<void>;
  dismissDeleted(): void;
}
