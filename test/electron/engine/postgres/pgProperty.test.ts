// The property-test definitions on PostgreSQL (issue 13): random tables (NULLs, quotes, %/_,
// backslashes, blanks, month ends, DECIMAL, TIMESTAMPTZ) and random rule trees from the compiler's
// property test, loaded into a workspace and into PostgreSQL alike. Each definition, and its
// negation, must give the same count and total through the app's PostgreSQL path as through the
// workspace, and the same member keys in the same order (the exported key column, byte for byte).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentsApi } from '../../../../shared/api/segmentsApi';
import { createPostgresService, type PostgresService } from '../../../../electron/engine/postgres/postgresService';
import { createSegmentsService } from '../../../../electron/engine/segments/segmentsService';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { addSnapshotFromQuery } from '../../../../electron/engine/workspace/addSnapshot';
import { asOfs, literal, row, rule } from '../../../shared/segments/compiler/ruleArbitraries';
import { pgAvailable, pgUrl } from './pgTestUtils';
import { copyTableToPg, dropSchema, freshSchema, pgClient } from './pgRunTestUtils';

const COLUMNS =
  'id INTEGER, s VARCHAR, n INTEGER, x DOUBLE, d DATE, t TIMESTAMP, b BOOLEAN, dc DECIMAL(10,2), tz TIMESTAMPTZ';
const names = COLUMNS.split(', ').map((c) => c.split(' ')[0]!);
const types = COLUMNS.split(', ').map((c) => c.slice(c.indexOf(' ') + 1));

describe('the property-test definitions count and select alike on PostgreSQL and in the workspace', () => {
  if (!pgAvailable()) return;
  let dir: string;
  let ws: Workspace;
  let segments: SegmentsApi;
  let postgres: PostgresService;
  let client: pg.Client;
  let schema: string;
  let seq = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'segwb-pgprop-'));
    ws = await Workspace.open(path.join(dir, 'ws'), { create: true, memoryLimit: '256MB' });
    segments = createSegmentsService({ workspace: () => ws, emit: () => {} });
    postgres = createPostgresService({ workspace: () => ws, emit: () => {} });
    client = await pgClient();
    schema = await freshSchema(client, 'prop');
  });

  afterAll(async () => {
    if (client) {
      await dropSchema(client, schema);
      await client.end();
    }
    ws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('on 30 random tables with up to 3 rule trees each, and each negation', async () => {
    const sizes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 12 }),
        fc.array(rule, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...asOfs),
        async (rows, rules, asOf) => {
          const values = rows.map(
            (r, i) =>
              `(${[
                literal(i, 'id'),
                literal(r.s, 'string'),
                literal(r.n, 'number'),
                literal(r.x, 'number'),
                literal(r.d, 'date'),
                literal(r.t, 'timestamp'),
                literal(r.b, 'boolean'),
                literal(r.dc, 'number'),
                literal(r.tz, 'tz'),
              ].join(', ')})`,
          );
          const typed = names.map((n, i) => `CAST(${n} AS ${types[i]}) AS ${n}`).join(', ');
          const from = values.length
            ? `(VALUES ${values.join(', ')}) AS v(${names.join(', ')})`
            : `(SELECT ${names.map((n) => `NULL AS ${n}`).join(', ')}) AS v WHERE false`;
          // Same as-of date every time: the latest snapshot is the one imported last.
          await addSnapshotFromQuery(ws, {
            table: 't',
            asOf: '2026-01-01',
            sourceFile: 'property',
            select: `SELECT ${typed} FROM ${from}`,
          });
          await copyTableToPg(ws, 't', client, schema);
          for (const where of rules) {
            for (const r of [where, { not: where }]) {
              const target = {
                definition: { entity: { table: 't', key: 'id' }, asOf: { kind: 'fixed', at: asOf }, where: r },
              };
              const local = await segments.countSegment({ target });
              const remote = await postgres.countOnPostgres({ target, server: { url: pgUrl!, schema } });
              sizes.add(local.count);
              expect({ count: remote.count, total: remote.total, asOf: remote.asOf }).toEqual({
                count: local.count,
                total: local.total,
                asOf: local.asOf,
              });
              const n = ++seq;
              const [lo, ro] = [path.join(dir, `l${n}.csv`), path.join(dir, `r${n}.csv`)];
              await segments.exportMembers({ target, out: lo, columns: ['id'] });
              await postgres.exportFromPostgres({ target, server: { url: pgUrl!, schema }, out: ro, columns: ['id'] });
              expect(readFileSync(ro, 'utf8')).toBe(readFileSync(lo, 'utf8'));
              rmSync(lo);
              rmSync(ro);
            }
          }
        },
      ),
      { numRuns: 30, seed: 4242 },
    );
    // Not vacuous: the definitions selected sets of many sizes.
    expect(sizes.size).toBeGreaterThan(5);
  }, 300_000);
});
