// PostgreSQL availability for the postgres-dialect tests: SEGWB_PG_URL comes from test/pg/start.sh
// (`.ci/run` exports it). Missing in CI is a failure; missing locally skips with a clear message.
import pg from 'pg';
import { it } from 'vitest';

export const pgUrl: string | undefined = process.env.SEGWB_PG_URL;

/** Call at the top of a describe block; returns false when the block's tests must not run. */
export function pgAvailable(): boolean {
  if (pgUrl) return true;
  if (process.env.CI) {
    it('PostgreSQL is available', () => {
      throw new Error('SEGWB_PG_URL is not set in CI: start the server with test/pg/start.sh');
    });
  } else {
    it.skip('PostgreSQL tests skipped: SEGWB_PG_URL is not set (run: eval "$(bash test/pg/start.sh)")', () => {});
  }
  return false;
}

/** A client on its own fresh schema, so parallel test files never collide. */
export async function connectPg(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
  await client.query(`SET TimeZone TO 'UTC'`);
  return client;
}
