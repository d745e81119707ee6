// An export from PostgreSQL that fails halfway (issue 13): the server ends the session mid-stream
// (pg_terminate_backend from a second connection, once the first batches have arrived), or the
// user cancels. Either way the export fails with a clear error and leaves no file — neither at the
// destination nor in the staging folder. Runs without a workspace (the scratch DuckDB path), on a
// table of 60,000 accounts made on the server, so the stream is many cursor batches long.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../shared/api/protocol';
import { createPostgresService, type PostgresService } from '../../../../electron/engine/postgres/postgresService';
import { PG_BATCH } from '../../../../electron/engine/postgres/pgExport';
import { pgAvailable, pgUrl } from './pgTestUtils';
import { dropSchema, freshSchema, pgClient } from './pgRunTestUtils';

const ROWS = 60_000;
const definition = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'fixed', at: '2026-11-01' },
  where: { field: 'mrr', op: 'gte', value: 0 },
  fields: { accounts: { account_id: 'VARCHAR', mrr: 'DOUBLE' } },
};

describe('an export from PostgreSQL that stops halfway leaves nothing', () => {
  if (!pgAvailable()) return;
  let dir: string;
  let client: pg.Client;
  let schema: string;
  let postgres: PostgresService;
  const listeners = new Set<(e: ApiEvent) => void>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'segwb-pgfail-'));
    client = await pgClient();
    schema = await freshSchema(client, 'fail');
    await client.query(
      `CREATE TABLE "${schema}".accounts AS SELECT 'a' || lpad(i::text, 6, '0') AS account_id, (i % 1000)::double precision AS mrr, repeat('x', 40) AS note FROM generate_series(1, ${ROWS}) i`,
    );
    postgres = createPostgresService({ workspace: () => null, emit: (e) => listeners.forEach((l) => l(e)) });
  }, 120_000);

  afterAll(async () => {
    if (client) {
      await dropSchema(client, schema);
      await client.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Left-over scratch folders of PostgreSQL exports without a workspace. */
  const scratchLeft = () => readdirSync(tmpdir()).filter((f) => f.startsWith('segwb-pg-export-'));

  it.each(['csv', 'xlsx'] as const)(
    'the server ending the session mid-export (%s): a clear error and no file',
    async (format) => {
      const out = path.join(dir, `dropped.${format}`);
      const jobId = `drop-${format}`;
      const before = scratchLeft();
      let killed: Promise<unknown> | null = null;
      const onEvent = (e: ApiEvent) => {
        // After the first batch has been read from the server (and partly written), end the session.
        if (killed || e.kind !== 'progress' || e.jobId !== jobId || !e.message.startsWith('Read ')) return;
        killed = client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'segment-workbench' AND query LIKE $1 AND pid <> pg_backend_pid()`,
          [`%"${schema}"%`],
        );
      };
      listeners.add(onEvent);
      try {
        const err = await postgres
          .exportFromPostgres({ target: { definition }, server: { url: pgUrl!, schema }, out, jobId })
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(killed).not.toBeNull();
        const terminated = (await killed!) as { rows: { pg_terminate_backend: boolean }[] };
        expect(terminated.rows.some((r) => r.pg_terminate_backend)).toBe(true);
        expect(err).toMatchObject({ code: 'runtime' });
        expect((err as Error).message).toMatch(
          /^The connection to PostgreSQL at 127\.0\.0\.1:\d+ was (closed by the server while working|lost)\. The export stopped and nothing was written\.$/,
        );
      } finally {
        listeners.delete(onEvent);
      }
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.segment-meta.json`)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith('dropped.'))).toEqual([]);
      expect(scratchLeft()).toEqual(before);
    },
  );

  it('cancelling mid-export is "interrupted" and leaves no file', async () => {
    const out = path.join(dir, 'cancelled.csv');
    let cancelled = false;
    const onEvent = (e: ApiEvent) => {
      if (!cancelled && e.kind === 'progress' && e.jobId === 'cancel-me' && e.message.startsWith('Read '))
        cancelled = postgres.cancel('cancel-me');
    };
    listeners.add(onEvent);
    try {
      const err = await postgres
        .exportFromPostgres({ target: { definition }, server: { url: pgUrl!, schema }, out, jobId: 'cancel-me' })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(cancelled).toBe(true);
      expect(err).toMatchObject({ code: 'interrupted', message: 'Export cancelled: nothing was written.' });
    } finally {
      listeners.delete(onEvent);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('uninterrupted, the same export writes every row through many cursor batches', async () => {
    const out = path.join(dir, 'whole.csv');
    const seen: number[] = [];
    const onEvent = (e: ApiEvent) => {
      if (e.kind === 'progress' && e.jobId === 'whole' && e.message.startsWith('Read ') && e.fraction !== null)
        seen.push(e.fraction);
    };
    listeners.add(onEvent);
    try {
      const r = await postgres.exportFromPostgres({
        target: { definition },
        server: { url: pgUrl!, schema },
        out,
        jobId: 'whole',
      });
      expect(r.rows).toBe(ROWS);
    } finally {
      listeners.delete(onEvent);
    }
    expect(seen.length).toBe(Math.ceil(ROWS / PG_BATCH));
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(existsSync(out)).toBe(true);
  });
});
