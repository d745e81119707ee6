/**
 * Connecting to PostgreSQL (issue 13) and saying what went wrong in the user's words. A `PgServer`
 * (URL and/or fields) resolves to explicit host, port, database and user — libpq's defaults filled
 * in here, so the driver never reads this process's PG* variables behind the caller's back — and a
 * password that is only ever held in the driver's config. Every label, message and error built here
 * names `user@host:port/database`, never the password; driver errors are mapped by SQLSTATE or
 * socket code and never passed through.
 *
 * Sessions run with TimeZone UTC and ISO dates (the compiler's bounds are UTC constants), every
 * value arrives as the server's text (exact: no float rounding of NUMERIC or BIGINT, no local-time
 * Date objects). A run's first query opens its REPEATABLE READ READ ONLY transaction
 * (serverTables.ts), so a count and the rows exported after it see the same data.
 */
import { userInfo } from 'node:os';
import type pg from 'pg';
import { parse as parseUrl } from 'pg-connection-string';
import { ApiError } from '../../../shared/api/protocol';
import type { PgServer, SslMode } from '../../../shared/api/postgresApi';

export interface ResolvedServer {
  host: string;
  port: number;
  database: string;
  user: string;
  schema: string | undefined;
  ssl: pg.ClientConfig['ssl'];
  /** Held here and handed to the driver only; never copied into a message. */
  password: string | undefined;
  /** `user@host:port/database`: what messages call the server. */
  label: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

function sslFor(mode: SslMode | undefined): pg.ClientConfig['ssl'] {
  // `prefer` cannot fall back in this driver; plain connections are what libpq's prefer gives on loopback.
  if (mode === undefined || mode === 'disable' || mode === 'prefer') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true };
}

/** URL parts win over fields; what neither gives takes libpq's defaults (localhost, 5432, the OS user). */
export function resolveServer(server: PgServer): ResolvedServer {
  let fromUrl: ReturnType<typeof parseUrl> | null = null;
  if (server.url !== undefined) {
    try {
      fromUrl = parseUrl(server.url);
    } catch {
      // The parser's error can quote the URL, password included: say it in our words.
      throw new ApiError(
        'usage',
        'The PostgreSQL connection string is not a valid postgres:// URL (postgres://user@host:port/database).',
      );
    }
  }
  const port = fromUrl?.port ? Number(fromUrl.port) : (server.port ?? 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ApiError('usage', `The PostgreSQL port '${String(fromUrl?.port ?? server.port)}' is not a port number.`);
  const host = fromUrl?.host || server.host || 'localhost';
  let osUser = 'postgres';
  try {
    osUser = userInfo().username;
  } catch {
    // no user name for this uid (containers): libpq would fail; 'postgres' is the usual role
  }
  const user = fromUrl?.user || server.user || osUser;
  const database = fromUrl?.database || server.database || user;
  const urlSsl = fromUrl?.ssl;
  const ssl = urlSsl !== undefined && urlSsl !== null ? (urlSsl as pg.ClientConfig['ssl']) : sslFor(server.sslmode);
  const password = fromUrl?.password || server.password || undefined;
  const schema = server.schema;
  return { host, port, database, user, schema, ssl, password, label: `${user}@${host}:${port}/${database}` };
}

/** Thrown by the password callback when the server asks for a password and none was given. */
class NoPassword extends Error {}

/** Every type as the server's text: exact values, converted where they are used (types.ts). */
const rawText: pg.CustomTypesConfig = {
  getTypeParser: () => (value: string) => value,
} as unknown as pg.CustomTypesConfig;

export function clientConfig(s: ResolvedServer): pg.ClientConfig {
  return {
    host: s.host,
    port: s.port,
    database: s.database,
    user: s.user,
    ssl: s.ssl,
    // A function, so a server that asks for a password when none was given fails clearly instead of
    // the driver falling back to this process's PGPASSWORD or ~/.pgpass.
    password: () => {
      if (s.password === undefined) throw new NoPassword();
      return s.password;
    },
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'segment-workbench',
    // Session settings in the startup packet: no round trip of their own.
    options: '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601',
    types: rawText,
  };
}

/** What the user did that failed: the wording of a lost connection depends on it. */
export type PgPhase = 'connect' | 'count' | 'export';

function code(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** Map any driver failure to an ApiError in the user's words. */
export function pgFailure(err: unknown, s: ResolvedServer, phase: PgPhase): ApiError {
  if (err instanceof ApiError) return err;
  const at = `PostgreSQL at ${s.host}:${s.port}`;
  if (err instanceof NoPassword) {
    return new ApiError(
      'invalid_input',
      `${at} asks for a password for user '${s.user}' and none was given: put it in the connection string or PGPASSWORD, or type it in the app.`,
      { needsPassword: true },
    );
  }
  const c = code(err);
  const message = err instanceof Error ? err.message : '';
  const lost = phase === 'export' ? 'The export stopped and nothing was written.' : 'Nothing was counted.';
  switch (c) {
    case 'ECONNREFUSED':
      return new ApiError(
        'invalid_input',
        `Cannot connect to ${at}: the connection was refused. Is the server running and accepting TCP connections on port ${s.port}?`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ApiError('invalid_input', `Cannot connect to PostgreSQL: the host '${s.host}' was not found.`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ApiError('invalid_input', `Cannot connect to ${at}: the host did not answer.`);
    case '28P01':
      return new ApiError('invalid_input', `${at} refused the password for user '${s.user}'.`, { needsPassword: true });
    case '28000':
      return new ApiError(
        'invalid_input',
        `${at} does not let user '${s.user}' connect to database '${s.database}' (no such role, or the server's pg_hba.conf does not allow it from here).`,
      );
    case '3D000':
      return new ApiError('invalid_input', `${at} has no database '${s.database}'.`);
    case '53300':
      return new ApiError('runtime', `${at} has too many connections; try again later.`);
    case '57P03':
      return new ApiError('runtime', `${at} is starting up or shutting down; try again in a moment.`);
    case '57P01':
    case '57P02':
    case 'ECONNRESET':
    case 'EPIPE':
      return new ApiError('runtime', `The connection to ${at} was closed by the server while working. ${lost}`);
    case '57014':
      return new ApiError('runtime', `${at} cancelled the query (a statement timeout or an administrator). ${lost}`);
    case '42501':
      return new ApiError(
        'invalid_input',
        `User '${s.user}' may not read a table the definition reads on ${at} (permission denied).`,
      );
    default:
      break;
  }
  if (/timeout/i.test(message) && phase === 'connect')
    return new ApiError('invalid_input', `Cannot connect to ${at}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s.`);
  if (/does not support SSL/i.test(message))
    return new ApiError('invalid_input', `${at} does not accept SSL connections: use sslmode=disable.`);
  if (/terminated|ended unexpectedly|Connection terminated|not queryable/i.test(message)) {
    return new ApiError('runtime', `The connection to ${at} was lost. ${lost}`);
  }
  // A server-side error (five-character SQLSTATE): its own words describe the data, not our code.
  if (c && /^[0-9A-Z]{5}$/.test(c))
    return new ApiError(
      'runtime',
      `${at} could not run the definition's query (SQLSTATE ${c}): ${message.split('\n')[0]}`,
    );
  return new ApiError('runtime', `The work on ${at} failed. ${lost}`);
}

/** A connected session: TimeZone UTC, ISO dates, one read-only snapshot transaction. */
/** pg, loaded on first use: a workspace that never talks to a server does not pay for it at start-up. */
let pgModule: typeof pg | undefined;

/** The driver, loaded on first use (most runs never touch a server); kept, as each import costs 0.3 ms. */
export async function loadPg(): Promise<typeof pg> {
  pgModule ??= ((await import('pg')) as { default: typeof pg }).default;
  return pgModule;
}

export async function connect(s: ResolvedServer): Promise<pg.Client> {
  const client = new (await loadPg()).Client(clientConfig(s));
  // A connection dropped while idle emits 'error' on the client; without a listener it would crash the engine.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw pgFailure(err, s, 'connect');
  }
  return client;
}

/**
 * End a session (the server rolls the read-only transaction back); a broken connection ends
 * quietly. The answer is in hand by then, so the caller does not wait for the socket to close.
 */
export function disconnect(client: pg.Client): void {
  void client.end().catch(() => undefined);
}
