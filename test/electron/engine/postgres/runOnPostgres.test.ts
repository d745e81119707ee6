// Running saved definitions on a real PostgreSQL server (issue 13): the demo tables are generated
// in a workspace and copied to the server, the template definitions are saved in the workspace,
// and each one must count and export exactly as the workspace does — the same count, total and
// tiers, and byte-identical CSV exports (same members, same order, same values, same format).
// The other formats are read back and compared row by row.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../shared/api/protocol';
import type { SegmentsApi } from '../../../../shared/api/segmentsApi';
import { seedDemo } from '../../../../electron/engine/demo/demoWorkspace';
import { TEMPLATES } from '../../../../electron/engine/demo/templates';
import { createPostgresService, type PostgresService } from '../../../../electron/engine/postgres/postgresService';
import { createSegmentsService } from '../../../../electron/engine/segments/segmentsService';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { pgAvailable, pgUrl } from './pgTestUtils';
import { copyTableToPg, dropSchema, freshSchema, pgClient } from './pgRunTestUtils';

const AS_OF = '2026-11-01';

describe('saved definitions run on PostgreSQL as in the workspace', () => {
  if (!pgAvailable()) return;
  let dir: string;
  let ws: Workspace;
  let segments: SegmentsApi;
  let postgres: PostgresService;
  let client: pg.Client;
  let schema: string;
  const events: ApiEvent[] = [];
  const files: Record<string, string> = {};
  const server = () => ({ url: pgUrl!, schema });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'segwb-pgrun-'));
    ws = await Workspace.open(path.join(dir, 'ws'), { create: true, memoryLimit: '512MB' });
    await seedDemo(ws, 3000);
    segments = createSegmentsService({ workspace: () => ws, emit: (e) => events.push(e) });
    postgres = createPostgresService({ workspace: () => ws, emit: (e) => events.push(e) });
    for (const t of TEMPLATES) {
      const saved = await segments.saveDefinition({
        kind: t.kind,
        name: t.name,
        definition: t.definition,
        note: 'template',
      });
      files[t.name] = saved.file;
    }
    client = await pgClient();
    schema = await freshSchema(client, 'templates');
    for (const t of ['accounts', 'tickets', 'usage_events']) await copyTableToPg(ws, t, client, schema);
  }, 180_000);

  afterAll(async () => {
    if (client) {
      await dropSchema(client, schema);
      await client.end();
    }
    ws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(TEMPLATES.map((t) => [t.name]))('%s: same count, total and tiers', async (name) => {
    const target = { file: files[name]! };
    const local = await segments.countSegment({ target, asOf: AS_OF });
    const remote = await postgres.countOnPostgres({ target, server: server(), asOf: AS_OF });
    expect(remote.total).toBe(local.total);
    expect(remote.count).toBe(local.count);
    expect(remote.tiers).toEqual(local.tiers);
    expect(remote.asOf).toBe(local.asOf);
    expect(remote.server).toMatchObject({ engine: 'postgres', tables: { accounts: schema } });
    expect(remote.server.version).toMatch(/^\d+/);
  });

  it('the comparison is not vacuous: the templates select different, partial sets', async () => {
    const counts = new Set<number>();
    for (const t of TEMPLATES) {
      const r = await postgres.countOnPostgres({ target: { file: files[t.name]! }, server: server(), asOf: AS_OF });
      if (!r.tiers) {
        expect(r.count).toBeGreaterThan(0);
        expect(r.count).toBeLessThan(r.total);
      } else {
        expect(r.tiers.filter((x) => x.count > 0).length).toBeGreaterThan(1);
      }
      counts.add(r.count);
    }
    expect(counts.size).toBeGreaterThan(TEMPLATES.length / 2);
  });

  it.each(TEMPLATES.map((t) => [t.name]))("%s: the CSV export is byte-identical to the workspace's", async (name) => {
    const target = { file: files[name]! };
    const localOut = path.join(dir, `local-${files[name]!.replace(/\W/g, '_')}.csv`);
    const remoteOut = path.join(dir, `remote-${files[name]!.replace(/\W/g, '_')}.csv`);
    const local = await segments.exportMembers({ target, asOf: AS_OF, out: localOut });
    const remote = await postgres.exportFromPostgres({ target, server: server(), asOf: AS_OF, out: remoteOut });
    expect(remote.rows).toBe(local.rows);
    expect(remote.columns).toEqual(local.columns);
    expect(readFileSync(remoteOut, 'utf8')).toBe(readFileSync(localOut, 'utf8'));
    const meta = JSON.parse(readFileSync(remote.metaFile, 'utf8'));
    expect(meta).toMatchObject({
      engine: 'postgres',
      rows: local.rows,
      asOf: '2026-11-01T00:00:00Z',
      server: { tables: { accounts: schema } },
    });
    expect(JSON.stringify(meta)).not.toMatch(/password/i);
  });

  it("Parquet, JSON and XLSX exports hold the same rows as the workspace's", async () => {
    const target = { file: files['At risk of churn']! };
    for (const format of ['parquet', 'json'] as const) {
      const localOut = path.join(dir, `risk-local.${format}`);
      const remoteOut = path.join(dir, `risk-remote.${format}`);
      await segments.exportMembers({ target, asOf: AS_OF, out: localOut });
      await postgres.exportFromPostgres({ target, server: server(), asOf: AS_OF, out: remoteOut });
      if (format === 'json') {
        expect(JSON.parse(readFileSync(remoteOut, 'utf8'))).toEqual(JSON.parse(readFileSync(localOut, 'utf8')));
        continue;
      }
      // Read back by a DuckDB of our own: same column types and the same rows in the same order.
      const duck = await DuckDBInstance.create(':memory:');
      const conn = await duck.connect();
      const read = async (file: string) => {
        const r = await conn.runAndReadAll('SELECT * FROM read_parquet($1)', [file]);
        return { types: r.columnTypes().map(String), rows: r.getRowsJson() };
      };
      const [l, r] = [await read(localOut), await read(remoteOut)];
      conn.closeSync();
      duck.closeSync();
      expect(r.rows.length).toBeGreaterThan(0);
      expect(r).toEqual(l);
    }
    const localX = path.join(dir, 'risk-local.xlsx');
    const remoteX = path.join(dir, 'risk-remote.xlsx');
    await segments.exportMembers({ target, asOf: AS_OF, out: localX });
    await postgres.exportFromPostgres({ target, server: server(), asOf: AS_OF, out: remoteX });
    const sheetRows = async (file: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const out: unknown[][] = [];
      book.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const [lx, rx] = [await sheetRows(localX), await sheetRows(remoteX)];
    expect(rx.length).toBeGreaterThan(1);
    expect(rx).toEqual(lx);
  });

  it('a scheme export writes every row with its tier, as the workspace does', async () => {
    const target = { file: files['Lifecycle stages']! };
    const localOut = path.join(dir, 'stages-local.csv');
    const remoteOut = path.join(dir, 'stages-remote.csv');
    const local = await segments.exportMembers({
      target,
      asOf: AS_OF,
      out: localOut,
      columns: ['account_id', 'status'],
    });
    const remote = await postgres.exportFromPostgres({
      target,
      server: server(),
      asOf: AS_OF,
      out: remoteOut,
      columns: ['account_id', 'status'],
    });
    expect(remote.columns).toEqual(['account_id', 'status', 'tier']);
    expect(remote.rows).toBe(local.rows);
    expect(readFileSync(remoteOut, 'utf8')).toBe(readFileSync(localOut, 'utf8'));
  });

  it('progress is reported under the job id, and no message names a password', async () => {
    events.length = 0;
    const out = path.join(dir, 'progress.csv');
    await postgres.exportFromPostgres({
      target: { file: files['Activated']! },
      server: { ...server(), password: 'not-needed-secret' },
      asOf: AS_OF,
      out,
      jobId: 'job-progress',
    });
    const mine = events.filter((e) => e.kind === 'progress' && e.jobId === 'job-progress');
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.at(-1)).toMatchObject({ fraction: 1 });
    expect(JSON.stringify(events)).not.toContain('not-needed-secret');
  });

  it('measure records the engine, server version and database in the workspace', async () => {
    const rec = await postgres.measureOnPostgres({
      target: { file: files['Activated']! },
      server: server(),
      asOf: AS_OF,
    });
    const local = await segments.countSegment({ target: { file: files['Activated']! }, asOf: AS_OF });
    expect(rec).toMatchObject({
      engine: 'postgres',
      count: local.count,
      total: local.total,
      table: 'accounts',
      asOf: '2026-11-01T00:00:00Z',
      asOfSource: 'override',
    });
    expect(rec.server).toMatchObject({ database: 'postgres', tables: { accounts: schema } });
    const listed = await segments.listMeasurements({ segmentId: rec.segmentId! });
    expect(listed.find((m) => m.id === rec.id)).toEqual(rec);
    const localRec = await segments.measureSegment({ target: { file: files['Activated']! }, asOf: AS_OF });
    expect(
      (await segments.listMeasurements({ segmentId: rec.segmentId! })).find((m) => m.id === localRec[0]!.id)?.engine,
    ).toBe('duckdb');
  });
});
