/**
 * Segments half of the API contract (docs/rules.md, SPEC §3–§7): definition files, counts, members, measurements,
 * exports, compile, validate, explain and funnel. Requests are zod schemas (validated at every
 * transport edge); results are plain JSON-safe types. Times are ISO 8601 UTC with 'Z'.
 *
 * A request names what to run with a `DefinitionTarget`: a definition file (a path inside the
 * workspace, or an absolute path), the file's text (the CLI reads the file itself), or an unsaved
 * definition (the rule builder's draft). `version` picks a version of a file (default the latest).
 */
import { z } from 'zod';
import { DIALECTS, type DialectName } from '../segments/dialectNames';
import type { CellValue, Fingerprint } from './dataApi';
import { definitionTarget, draftDefinition, memberFilters } from './definitionTarget';

export { definitionTarget, memberFilters, type DefinitionTarget } from './definitionTarget';

import { exportFormats, type ExportFormat } from './choices';
export { exportFormats, type ExportFormat };

const name = z.string().min(1).max(255);
const jobId = z.string().min(1).max(100).optional();
/** `YYYY-MM-DD` (midnight UTC) or an ISO 8601 timestamp with `Z` or an offset. */
const asOfText = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/,
    'expected YYYY-MM-DD or an ISO 8601 timestamp with Z or an offset',
  );

/** Where and when to run: a snapshot of the entity table (default the latest) and an as-of override. */
const runOptions = { snapshot: z.string().min(1).max(100).optional(), asOf: asOfText.optional() };

export interface SegmentDiagnostic {
  /** Rooted at the file, e.g. `versions[0].definition.where.all[1]` (or at the definition for drafts). */
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

export interface VersionSummary {
  version: number;
  createdAt: string;
  author: string | null;
  note: string | null;
  hash: string;
  /** The stored hash matches the canonical JSON of the definition. */
  hashValid: boolean;
}

export interface DefinitionSummary {
  /** Path relative to the workspace, e.g. `segments/activated.segment.json`. */
  file: string;
  kind: 'segment' | 'scheme' | null;
  id: string | null;
  name: string;
  description: string | null;
  tags: string[];
  latestVersion: number | null;
  hash: string | null;
  entityTable: string | null;
  valid: boolean;
  errors: number;
  /** The definition contains SQL rules or `expr` metrics (shown before it runs, docs/rules.md, SPEC §3). */
  hasSql: boolean;
}

export interface DefinitionDocument extends DefinitionSummary {
  /** The file as JSON (unknown keys kept). */
  content: unknown;
  versions: VersionSummary[];
  diagnostics: SegmentDiagnostic[];
}

export interface ValidationReport {
  file: string;
  valid: boolean;
  diagnostics: SegmentDiagnostic[];
}

export interface SaveResult {
  file: string;
  id: string;
  version: number;
  hash: string;
  /** False when the definition equals the latest version (nothing appended). */
  appended: boolean;
  /** The file's name, description or tags changed (they live outside versions: no hash changes). */
  metadataUpdated?: boolean;
}

export interface RenameResult {
  /** The file now (relative to the workspace); differs from `previousFile` when the file name followed. */
  file: string;
  previousFile: string;
  name: string;
}

/** A deleted definition kept in `<workspace>/.trash/` until restored (never purged by the app). */
export interface TrashEntry {
  /** File name inside `.trash/`, e.g. `20261123T200312345Z-activated.segment.json`. */
  trashFile: string;
  /** Where it was, e.g. `segments/activated.segment.json` (restore puts it back there when free). */
  originalFile: string;
  kind: 'segment' | 'scheme';
  id: string | null;
  name: string;
  /** ISO 8601 UTC. */
  deletedAt: string;
}

export interface RestoreResult {
  /** Where the definition is now (the original path, or a free variant of it when that was taken). */
  file: string;
  name: string;
}

export interface MeasureValue {
  column: string;
  sum: number | null;
  avg: number | null;
}

export interface TierCount {
  name: string;
  count: number;
  share: number | null;
}

export interface CountResult {
  segment: string | null;
  id: string | null;
  version: number | null;
  hash: string | null;
  table: string;
  snapshot: string;
  /** Resolved as-of instant. */
  asOf: string;
  asOfSource: 'fixed' | 'snapshot' | 'now' | 'override';
  count: number;
  total: number;
  /** count / total; null when total is 0. */
  share: number | null;
  measures: MeasureValue[];
  /** Schemes: one entry per tier then `otherwise`; `count` is then the rows in any named tier. */
  tiers?: TierCount[];
  /** Related tables read, with the snapshot used for each. */
  related: Record<string, string>;
  warnings: string[];
  elapsedMs: number;
}

export interface MembersPage {
  columns: { name: string; type: string }[];
  rows: Record<string, CellValue>[];
  /** Pass as `after` for the next page; null at the end. */
  nextAfter: CellValue;
}

/**
 * One run of one version on one snapshot (docs/definition-files.md, SPEC §5): the count's figures plus what identifies
 * the run.
 */
export interface MeasurementRecord extends Pick<
  CountResult,
  | 'segment'
  | 'version'
  | 'hash'
  | 'table'
  | 'snapshot'
  | 'asOf'
  | 'asOfSource'
  | 'count'
  | 'total'
  | 'share'
  | 'measures'
  | 'tiers'
  | 'related'
> {
  id: string;
  segmentId: string | null;
  snapshotAsOf: string;
  fingerprint: Fingerprint;
  ranAt: string;
  /** Where it ran: the workspace's DuckDB (absent on older records) or a PostgreSQL server. */
  engine?: 'duckdb' | 'postgres';
  /** The server a `postgres` run read (never a password): version, database, and each table's schema. */
  server?: {
    version: string;
    database: string;
    host: string;
    port: number;
    user: string;
    tables: Record<string, string>;
  };
}

export interface ExportResult {
  file: string;
  format: ExportFormat;
  rows: number;
  columns: string[];
  /** The sidecar `<file>.segment-meta.json` recording id, version and hash. */
  metaFile: string;
}

export interface CompileResult {
  dialect: DialectName;
  /** Selects the entity key of the members. */
  sql: string;
  /** Positional parameters for the dialect's placeholders. */
  params: (string | number | boolean | null)[];
  diagnostics: SegmentDiagnostic[];
}

export interface ExplainNode {
  /** Path in the rule, e.g. `where.all[1]`. */
  path: string;
  label: string;
  pass: boolean;
  /** The field's value in this row (conditions only). */
  value?: CellValue;
  children?: ExplainNode[];
}

export interface ExplainResult {
  key: CellValue;
  found: boolean;
  inSegment: boolean;
  /** Schemes: the tier the row falls in. */
  tier?: string;
  root: ExplainNode | null;
}

export interface FunnelStep {
  path: string;
  label: string;
  /** Rows passing this condition alone. */
  alone: number;
  /** Rows passing it and every earlier step. */
  cumulative: number;
}

export interface FunnelResult {
  total: number;
  steps: FunnelStep[];
}

export const segmentMethods = {
  listDefinitions: z.object({}),
  readDefinition: z.object({ file: z.string().min(1).max(4096) }),
  validateDefinition: z.object({ target: definitionTarget }),
  saveDefinition: z.object({
    /** Existing file to append to (relative to the workspace); omitted: a new file from `name`. */
    file: z.string().min(1).max(4096).optional(),
    kind: z.enum(['segment', 'scheme']).default('segment'),
    name,
    description: z.string().max(10_000).optional(),
    tags: z.array(z.string().max(100)).max(50).optional(),
    definition: draftDefinition,
    note: z.string().max(10_000).default(''),
    author: z.string().max(255).optional(),
  }),
  /** Change a definition's display name (versions and hashes untouched); by default the file name follows. */
  renameDefinition: z.object({
    file: z.string().min(1).max(4096),
    name: name.refine((n) => n.trim().length > 0, 'a name cannot be blank'),
    /** Rename the file to the new name's slug too (default true); refused when that file exists. */
    renameFile: z.boolean().default(true),
  }),
  /** Move a definition file to `<workspace>/.trash/` (recoverable with restoreDefinition). */
  deleteDefinition: z.object({ file: z.string().min(1).max(4096) }),
  /** Put a deleted definition back (`trashFile` as listTrash gives it). */
  restoreDefinition: z.object({ trashFile: z.string().min(1).max(255) }),
  /** Deleted definitions, newest first. */
  listTrash: z.object({}),
  countSegment: z.object({
    target: definitionTarget,
    ...runOptions,
    /** Numeric columns (or metrics) to sum and average over the members. */
    measures: z.array(name).max(10).optional(),
    /** A new count with the same liveKey interrupts the previous one (live counts while editing). */
    liveKey: z.string().min(1).max(200).optional(),
    jobId,
  }),
  countSegments: z.object({
    targets: z.array(definitionTarget).min(1).max(64),
    ...runOptions,
    measures: z.array(name).max(10).optional(),
    /** As for countSegment: a newer call with the same key interrupts this one. */
    liveKey: z.string().min(1).max(200).optional(),
    jobId,
  }),
  segmentMembers: z.object({
    target: definitionTarget,
    ...runOptions,
    columns: z.array(name).max(500).optional(),
    /** Keyset cursor: the last key of the previous page (never a large OFFSET, docs/architecture.md, SPEC §11.4). */
    after: z.union([z.string(), z.number()]).nullable().optional(),
    limit: z.number().int().min(1).max(5000).default(100),
  }),
  measureSegment: z.object({
    target: definitionTarget,
    snapshot: z.string().min(1).max(100).optional(),
    /** Measure on every snapshot of the entity table. */
    allSnapshots: z.boolean().optional(),
    asOf: asOfText.optional(),
    measures: z.array(name).max(10).optional(),
    jobId,
  }),
  listMeasurements: z.object({
    segmentId: z.string().max(255).optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
  }),
  exportMembers: z.object({
    target: definitionTarget,
    ...runOptions,
    /** Absolute path of the file to write (moved there by Node after DuckDB wrote it in the workspace). */
    out: z.string().min(1).max(4096),
    format: z.enum(exportFormats).optional(),
    columns: z.array(name).max(500).optional(),
    ...memberFilters,
    jobId,
  }),
  compileDefinition: z.object({
    target: definitionTarget,
    dialect: z.enum(DIALECTS),
    asOf: asOfText.optional(),
    /** With a workspace open, an as-of of `snapshot` is this snapshot's (default the entity table's latest). */
    snapshot: z.string().min(1).max(100).optional(),
    /** Values written into the SQL as typed literals (`params` empty): SQL that runs as it is. */
    inline: z.boolean().optional(),
  }),
  explainRow: z.object({ target: definitionTarget, ...runOptions, key: z.union([z.string(), z.number()]) }),
  segmentFunnel: z.object({
    target: definitionTarget,
    ...runOptions,
    liveKey: z.string().min(1).max(200).optional(),
    jobId,
  }),
} as const;

type In<K extends keyof typeof segmentMethods> = z.input<(typeof segmentMethods)[K]>;

export interface SegmentsApi {
  listDefinitions(req: In<'listDefinitions'>): Promise<DefinitionSummary[]>;
  readDefinition(req: In<'readDefinition'>): Promise<DefinitionDocument>;
  validateDefinition(req: In<'validateDefinition'>): Promise<ValidationReport>;
  saveDefinition(req: In<'saveDefinition'>): Promise<SaveResult>;
  renameDefinition(req: In<'renameDefinition'>): Promise<RenameResult>;
  deleteDefinition(req: In<'deleteDefinition'>): Promise<TrashEntry>;
  restoreDefinition(req: In<'restoreDefinition'>): Promise<RestoreResult>;
  listTrash(req: In<'listTrash'>): Promise<TrashEntry[]>;
  countSegment(req: In<'countSegment'>): Promise<CountResult>;
  countSegments(req: In<'countSegments'>): Promise<CountResult[]>;
  segmentMembers(req: In<'segmentMembers'>): Promise<MembersPage>;
  measureSegment(req: In<'measureSegment'>): Promise<MeasurementRecord[]>;
  listMeasurements(req: In<'listMeasurements'>): Promise<MeasurementRecord[]>;
  exportMembers(req: In<'exportMembers'>): Promise<ExportResult>;
  compileDefinition(req: In<'compileDefinition'>): Promise<CompileResult>;
  explainRow(req: In<'explainRow'>): Promise<ExplainResult>;
  segmentFunnel(req: In<'segmentFunnel'>): Promise<FunnelResult>;
}

export type SegmentMethodParams = { [K in keyof typeof segmentMethods]: z.input<(typeof segmentMethods)[K]> };
