// The engine behind the real dispatcher and client over an in-memory transport pair: errors as data,
// progress events, cancellation of a long import (interrupted, workspace unchanged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createEngine, type Engine } from '../../../electron/engine/engineApi';
import { createDispatcher, serveTransport } from '../../../shared/api/dispatcher';
import { createClient } from '../../../shared/api/client';
import { createTransportPair } from '../../../shared/api/transport';
import { ApiError, type ApiEvent } from '../../../shared/api/protocol';
import type { WorkbenchClient } from '../../../shared/api/contract';
import { FIXTURES, REAL_DATA, tempDir } from './engineTestUtils';

describe('engine API over a transport pair', () => {
  const t = tempDir();
  let engine: Engine;
  let api: WorkbenchClient;
  const events: ApiEvent[] = [];
  let big: string;
  beforeAll(async () => {
    engine = createEngine();
    const [a, b] = createTransportPair();
    serveTransport(b, createDispatcher(engine.api), (l) => engine.onEvent(l));
    api = createClient(a).client;
    api.onEvent((e) => events.push(e));
    // A CSV big enough to still be loading when cancelled (~1.5M short rows), written outside the engine.
    big = join(t.dir, 'big.csv');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    await c.run(
      `COPY (SELECT range AS id, 'name ' || range AS name, range % 97 AS k, DATE '2020-01-01' + CAST(range % 2000 AS INTEGER) AS d FROM range(1500000)) TO '${big}' (HEADER)`,
    );
    c.closeSync();
    inst.closeSync();
  });
  afterAll(async () => {
    await engine?.close();
    t.cleanup();
  });

  it('has no workspace at first and reports a folder that is not one', async () => {
    expect(await api.getWorkspace({})).toBeNull();
    const err = await api.openWorkspace({ path: t.dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not_found');
    await expect(api.listTables({})).rejects.toMatchObject({ code: 'not_found' });
  });

  it('creates a workspace, imports with progress events, and lists the table', async () => {
    const info = await api.openWorkspace({ path: join(t.dir, 'ws'), create: true });
    expect(info.tables).toEqual([]);
    const report = await api.importFile({
      file: { kind: 'path', path: join(REAL_DATA, 'telco_customer_churn.csv') },
      options: { table: 'telco' },
      jobId: 'imp-1',
    });
    expect(report.rows).toBe(7043);
    const progress = events.filter((e) => e.kind === 'progress' && e.jobId === 'imp-1');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ fraction: 1 });
    expect(events.some((e) => e.kind === 'workspace')).toBe(true);
    const tables = await api.listTables({});
    expect(tables.map((x) => [x.name, x.rows])).toEqual([['telco', 7043]]);
    const page = await api.getRows({
      view: { table: 'telco', sort: [{ column: 'tenure', dir: 'desc' }] },
      offset: 0,
      limit: 3,
    });
    expect(page.rows.map((r) => r.tenure)).toEqual([72, 72, 72]);
    expect(page.total).toBe(7043);
  });

  it('serves rejects, profiles and header summaries', async () => {
    const report = await api.importFile({ file: { kind: 'path', path: join(FIXTURES, 'bad_records.csv') } });
    const rejects = await api.getRejects({ table: report.table, limit: 1, offset: 1 });
    expect(rejects.total).toBe(2);
    expect(rejects.rejects.map((r) => [r.line, r.raw])).toEqual([[10, '7,Gus']]);
    const prof = await api.profileColumn({ table: 'telco', column: 'Churn' });
    expect(prof.top).toEqual([
      { value: false, count: 5174 },
      { value: true, count: 1869 },
    ]);
    const hs = await api.headerSummaries({ table: 'telco' });
    expect(hs).toHaveLength(21);
  });

  it('validates requests at the edge', async () => {
    await expect(api.getRows({ view: { table: 'telco' }, offset: -1, limit: 10 })).rejects.toMatchObject({
      code: 'usage',
    });
  });

  it('cancels a long import: interrupted, nothing left behind', async () => {
    const before = await api.listTables({});
    expect(before.map((x) => x.name)).toContain('telco');
    const started = new Promise<void>((resolve) => {
      const off = api.onEvent((e) => {
        if (e.kind === 'progress' && e.jobId === 'imp-big' && e.message.startsWith('Loading')) {
          off();
          resolve();
        }
      });
    });
    const p = api.importFile({ file: { kind: 'path', path: big }, jobId: 'imp-big' });
    // Cancelled as soon as loading starts: a round trip on an in-memory transport, against loading
    // 1.5M rows (no wait whose length would decide whether the import is still running).
    await started;
    await api.cancelJob({ jobId: 'imp-big' });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('interrupted');
    expect(await api.listTables({})).toEqual(before);
  });

  it('cancelling an unknown job says so', async () => {
    expect(await api.cancelJob({ jobId: 'nope' })).toEqual({ cancelled: false });
  });
});

describe('engine API: views follow re-imports', () => {
  const t = tempDir();
  let engine: Engine;
  afterAll(async () => {
    await engine?.close();
    t.cleanup();
  });

  it('after a newer snapshot is imported, pages show it', async () => {
    engine = createEngine();
    const api = engine.api;
    await api.openWorkspace({ path: join(t.dir, 'ws'), create: true });
    const { writeFileSync } = await import('node:fs');
    const f1 = join(t.dir, 'a1.csv');
    const f2 = join(t.dir, 'a2.csv');
    writeFileSync(f1, 'id,v\n1,old\n');
    writeFileSync(f2, 'id,v\n1,new\n2,new\n');
    await api.importFile({ file: { kind: 'path', path: f1 }, options: { table: 'a', asOf: '2026-10-01' } });
    expect((await api.getRows({ view: { table: 'a' }, offset: 0, limit: 10 })).rows).toEqual([{ id: 1, v: 'old' }]);
    await api.importFile({ file: { kind: 'path', path: f2 }, options: { table: 'a', asOf: '2026-11-01' } });
    const page = await api.getRows({ view: { table: 'a' }, offset: 0, limit: 10 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.v)).toEqual(['new', 'new']);
  });
});
