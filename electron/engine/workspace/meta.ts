/**
 * `workspace.json` (docs/architecture.md, SPEC §2): the workspace's name, sources and settings, human-readable and
 * git-friendly. Snapshots themselves live in workspace.duckdb (schema `meta`); this file records
 * where each table came from. Written atomically; unknown keys are preserved on rewrite.
 */
import { readFileSync } from 'node:fs';
import { ApiError } from '../../../shared/api/protocol';
import { writeFileAtomicSync } from '../files/atomicWrite';

export const WORKSPACE_FILE = 'workspace.json';
export const WORKSPACE_FORMAT = 'segment-workbench-workspace';

export interface SourceRecord {
  /** Original file name (not a path: the workspace may move). */
  file: string;
  format: string;
  key?: string;
  lastImportedAt: string;
}

export interface WorkspaceMeta {
  format: typeof WORKSPACE_FORMAT;
  formatVersion: 1;
  name: string;
  createdAt: string;
  /** Entity table and key chosen by the user or the demo; read by the segments half. */
  entity?: { table: string; key: string };
  sources: Record<string, SourceRecord>;
  settings: Record<string, unknown>;
  [extra: string]: unknown;
}

export function newMeta(name: string, now: Date): WorkspaceMeta {
  return { format: WORKSPACE_FORMAT, formatVersion: 1, name, createdAt: now.toISOString(), sources: {}, settings: {} };
}

export function readMeta(file: string): WorkspaceMeta {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ApiError(
      'invalid_input',
      `${file} is not a readable workspace file (${err instanceof Error ? err.message : String(err)}). Restore it from a backup or create a new workspace.`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { format?: unknown }).format !== WORKSPACE_FORMAT) {
    throw new ApiError('invalid_input', `${file} is not a Segment Workbench workspace file.`);
  }
  const meta = parsed as WorkspaceMeta;
  if (typeof meta.formatVersion !== 'number' || meta.formatVersion > 1) {
    throw new ApiError(
      'invalid_input',
      `${file} has format version ${String(meta.formatVersion)}; this version of Segment Workbench reads version 1. Update the app.`,
    );
  }
  meta.sources ??= {};
  meta.settings ??= {};
  return meta;
}

export function writeMeta(file: string, meta: WorkspaceMeta): void {
  writeFileAtomicSync(file, `${JSON.stringify(meta, null, 2)}\n`);
}
