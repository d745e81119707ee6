/**
 * PostgreSQL half of the API contract (issue 13, docs/cli.md, SPEC §8): run a saved definition where the data
 * already lives. The same definition is checked against the server's tables (docs/definition-files.md, SPEC §5
 * compatibility,
 * the server's types named as DuckDB names them), compiled for the postgres dialect, run with bound
 * parameters, and its members streamed out through a cursor.
 *
 * A connection is named by `PgServer`: a `postgres://` URL (the CLI's `--db`), or fields (the app),
 * and the URL's parts win over fields. The password travels only in requests: the workspace keeps
 * the connection without it (`SavedPgConnection`, workspace.json `settings.postgres`), the app
 * keeps it in memory, and no result, event, error or file ever holds it.
 */
import { z } from 'zod';
import type { CountResult, ExportFormat, MeasureValue, MeasurementRecord, TierCount } from './segmentsApi';
import { definitionTarget, exportFormats } from './segmentsApi';

const name = z.string().min(1).max(255);
const jobId = z.string().min(1).max(100).optional();
const asOfText = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/,
    'expected YYYY-MM-DD or an ISO 8601 timestamp with Z or an offset',
  );

import { sslModes, type SslMode } from './choices';
export { sslModes, type SslMode };

/** What the workspace remembers of a connection: everything but the password. */
export const savedPgConnection = z
  .object({
    host: z.string().min(1).max(1024).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    database: z.string().min(1).max(255).optional(),
    user: z.string().min(1).max(255).optional(),
    /** Schema the definition's tables are in; default: the server's search_path, as PostgreSQL resolves a bare name. */
    schema: z.string().min(1).max(255).optional(),
    sslmode: z.enum(sslModes).optional(),
  })
  .strict();
export type SavedPgConnection = z.infer<typeof savedPgConnection>;

export const pgServer = savedPgConnection
  .extend({
    /** `postgres://user[:password]@host[:port]/database[?sslmode=…]`; its parts win over the fields. */
    url: z
      .string()
      .min(1)
      .max(4096)
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection string')
      .optional(),
    password: z.string().max(1024).optional(),
  })
  .strict();
export type PgServer = z.input<typeof pgServer>;

/** Which server answered: no password, ever. */
export interface PgServerInfo {
  engine: 'postgres';
  /** `server_version` as the server reports it, e.g. `15.18 (Debian 15.18-0+deb12u1)`. */
  version: string;
  database: string;
  host: string;
  port: number;
  user: string;
  /** The schema each table the definition reads was found in. */
  tables: Record<string, string>;
}

export interface PgCountResult extends Pick<
  CountResult,
  | 'segment'
  | 'id'
  | 'version'
  | 'hash'
  | 'table'
  | 'asOf'
  | 'asOfSource'
  | 'count'
  | 'total'
  | 'share'
  | 'warnings'
  | 'elapsedMs'
> {
  measures: MeasureValue[];
  tiers?: TierCount[];
  server: PgServerInfo;
  /** The entity table's columns on the server (DuckDB type names), for choosing export columns. */
  columns: { name: string; type: string }[];
}

export interface PgExportResult {
  file: string;
  format: ExportFormat;
  rows: number;
  columns: string[];
  metaFile: string;
  server: PgServerInfo;
}

const runOnServer = {
  target: definitionTarget,
  server: pgServer,
  /** Overrides the definition's as-of (docs/rules.md, SPEC §3); recorded. */
  asOf: asOfText.optional(),
  jobId,
};

export const postgresMethods = {
  /** The connection saved in the open workspace (workspace.json `settings.postgres`), or null. */
  getPostgresConnection: z.object({}),
  /** Save the connection in workspace.json; there is no password field to send. */
  savePostgresConnection: z.object({ connection: savedPgConnection }),
  /** Connect, and say which server answered (the app's "Test connection"). */
  testPostgresConnection: z.object({ server: pgServer }),
  countOnPostgres: z.object({ ...runOnServer, measures: z.array(name).max(10).optional() }),
  /**
   * Count on the server and append a measurement record to the open workspace (engine, server version, database named).
   */
  measureOnPostgres: z.object({ ...runOnServer, measures: z.array(name).max(10).optional() }),
  exportFromPostgres: z.object({
    ...runOnServer,
    /** Absolute path of the file to write (written beside the workspace's staging, moved there atomically). */
    out: z.string().min(1).max(4096),
    format: z.enum(exportFormats).optional(),
    columns: z.array(name).max(500).optional(),
  }),
} as const;

type In<K extends keyof typeof postgresMethods> = z.input<(typeof postgresMethods)[K]>;

export interface PostgresApi {
  getPostgresConnection(req: In<'getPostgresConnection'>): Promise<SavedPgConnection | null>;
  savePostgresConnection(req: In<'savePostgresConnection'>): Promise<SavedPgConnection>;
  testPostgresConnection(req: In<'testPostgresConnection'>): Promise<PgServerInfo>;
  countOnPostgres(req: In<'countOnPostgres'>): Promise<PgCountResult>;
  measureOnPostgres(req: In<'measureOnPostgres'>): Promise<MeasurementRecord>;
  exportFromPostgres(req: In<'exportFromPostgres'>): Promise<PgExportResult>;
}
