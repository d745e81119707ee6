/**
 * The "Run on PostgreSQL…" slice's state and actions.
 */
import type { PgCountResult, SslMode } from '../../shared/api/postgresApi';
import type { UiError } from './errors';
import type { SegmentCount } from './segmentsTypes';

/** Fields of the "Run on PostgreSQL…" form (the port as typed); the password is held apart. */
export interface PgForm {
  host: string;
  port: string;
  database: string;
  user: string;
  schema: string;
  sslmode: SslMode;
  /**
   * The as-of to run at (YYYY-MM-DD), blank for the definition's own. A definition as of its
   * snapshot starts at the workspace snapshot's date, so the two counts side by side are comparable.
   */
  asOf: string;
}

export interface PgDialogState {
  open: boolean;
  phase: 'loading' | 'choose' | 'counting' | 'done' | 'error';
  file: string | null;
  name: string;
  scheme: boolean;
  form: PgForm;
  /** The count in the workspace (latest snapshot), as the sidebar shows it. */
  local: SegmentCount | null;
  /** The count on the server, once run. */
  remote: PgCountResult | null;
  jobId: string | null;
  error: UiError | null;
  /** The server asked for a password (or refused it): the form points at the password field. */
  needsPassword: boolean;
}

export interface PostgresSlice {
  pgDialog: PgDialogState;
  /**
   * The server password, in memory only: never saved, never in workspace.json, forgotten when the
   * window closes. Kept across dialogs so a second run does not ask again.
   */
  pgPassword: string;
  /** Open "Run on PostgreSQL…" for a saved definition, with the workspace's saved connection. */
  openPostgresRun(file: string): Promise<void>;
  closePostgresRun(): void;
  setPgField(field: keyof PgForm, value: string): void;
  setPgPassword(password: string): void;
  /** Save the connection (without the password) in the workspace, then count on the server. */
  runPostgresCount(): Promise<void>;
  cancelPostgresCount(): Promise<void>;
  /** Open the export dialog for the members on the server (after a count there). */
  openExportFromPostgres(): Promise<void>;
}
