/**
 * `--db` of `segwb count | measure | export` (issue 13): run the definition on a PostgreSQL server.
 *
 *   --db postgres://user[:password]@host[:port]/database[?sslmode=require]
 *   --db postgres          (the standard PG* variables alone: PGHOST, PGPORT, PGDATABASE, PGUSER,
 *                           PGPASSWORD, PGSSLMODE — as psql reads them)
 *   --db-schema NAME       the schema the tables are in (default: the server's search_path)
 *
 * As with libpq, what the URL leaves out comes from the PG* variables (a password too), then the
 * defaults (localhost, 5432, the OS user, a database named like the user). The value of `--db` is
 * never echoed: it may hold a password.
 */
import { ApiError } from '../../../shared/api/protocol';
import { sslModes, type SslMode } from '../../../shared/api/choices';
import type { PgServer } from '../../../shared/api/postgresApi';
import type { ArgValues } from '../command';

export const dbOptions = { db: { type: 'string' }, 'db-schema': { type: 'string' } } as const;

const ENV_NOTE =
  "--db takes a postgres:// connection string, or 'postgres' to connect with the PG* environment variables";

function text(values: ArgValues, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

/** Whether the command runs on a server. */
export function onServer(values: ArgValues): boolean {
  return text(values, 'db') !== undefined;
}

/** Usage checks that need no engine: the shape of --db, and the options that do not apply with it. */
export function checkDb(values: ArgValues, env: NodeJS.ProcessEnv = {}): void {
  const db = text(values, 'db');
  if (db === undefined) {
    if (text(values, 'db-schema') !== undefined) throw new ApiError('usage', '--db-schema applies only with --db');
    return;
  }
  if (db !== 'postgres' && db !== 'postgresql' && !/^postgres(ql)?:\/\//.test(db))
    throw new ApiError('usage', ENV_NOTE);
  if (values.snapshot !== undefined)
    throw new ApiError(
      'usage',
      '--snapshot does not apply with --db: a server table has no snapshots (use --as-of to choose the as-of)',
    );
  if (env.PGSSLMODE !== undefined && !(sslModes as readonly string[]).includes(env.PGSSLMODE))
    throw new ApiError('usage', `PGSSLMODE '${env.PGSSLMODE}' is not one of ${sslModes.join(', ')}`);
  if (env.PGPORT !== undefined && !/^\d{1,5}$/.test(env.PGPORT))
    throw new ApiError('usage', `PGPORT '${env.PGPORT}' is not a port number`);
}

/** The server to run on, from --db, --db-schema and the PG* variables of `env`. */
export function serverOf(values: ArgValues, env: NodeJS.ProcessEnv): PgServer {
  const db = text(values, 'db');
  if (db === undefined) throw new ApiError('internal', 'serverOf without --db');
  const schema = text(values, 'db-schema');
  const fromEnv: PgServer = {
    ...(env.PGHOST ? { host: env.PGHOST } : {}),
    ...(env.PGPORT ? { port: Number(env.PGPORT) } : {}),
    ...(env.PGDATABASE ? { database: env.PGDATABASE } : {}),
    ...(env.PGUSER ? { user: env.PGUSER } : {}),
    ...(env.PGPASSWORD ? { password: env.PGPASSWORD } : {}),
    ...(env.PGSSLMODE ? { sslmode: env.PGSSLMODE as SslMode } : {}),
  };
  return { ...fromEnv, ...(/^postgres(ql)?:\/\//.test(db) ? { url: db } : {}), ...(schema ? { schema } : {}) };
}

/** How the server is named on screen: never the password. */
export function serverLabel(s: {
  user: string;
  host: string;
  port: number;
  database: string;
  version: string;
}): string {
  return `PostgreSQL ${s.version.split(' ')[0]} at ${s.user}@${s.host}:${s.port}/${s.database}`;
}
