// Workspace folders (SPEC §2): layout, workspace.json written atomically, refusing non-workspaces,
// one process per workspace, staged (uploaded) files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { writeFileAtomicSync as writeFileAtomic } from '../../../../electron/engine/files/atomicWrite';
import { importFile } from '../../../../electron/engine/import/importFile';
import { sniffFile } from '../../../../electron/engine/import/sniff';
import { ApiError } from '../../../../shared/api/protocol';
import { REAL_DATA, tempDir } from '../engineTestUtils';

describe('workspace folder', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'Team Q4'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('creates the SPEC §2 layout and a workspace.json', () => {
    for (const f of ['workspace.json', 'workspace.duckdb', 'segments', 'schemes'])
      expect(existsSync(join(ws.path, f))).toBe(true);
    expect(readFileSync(join(ws.path, '.gitignore'), 'utf8')).toMatch(/^workspace\.duckdb$/m);
    const meta = JSON.parse(readFileSync(join(ws.path, 'workspace.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({
      format: 'segment-workbench-workspace',
      formatVersion: 1,
      name: 'Team Q4',
      sources: {},
    });
    expect(ws.name).toBe('Team Q4');
  });

  it('refuses a folder that is not a workspace unless asked to create one', async () => {
    const plain = join(t.dir, 'plain');
    mkdirSync(plain);
    const err = await Workspace.open(plain).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not_found');
    expect((err as ApiError).message).toMatch(/is not a Segment Workbench workspace/);
    expect(readdirSync(plain)).toEqual([]);
  });

  it('refuses a second open of the same workspace with a clear message', async () => {
    const err = await Workspace.open(ws.path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/already open in this Segment Workbench process/);
  });

  it('refuses a workspace.json of a newer format', async () => {
    const dir = join(t.dir, 'future');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'workspace.json'),
      JSON.stringify({ format: 'segment-workbench-workspace', formatVersion: 2, name: 'x' }),
    );
    await expect(Workspace.open(dir)).rejects.toThrow(/format version 2/);
  });

  it('writes files atomically: new content, no temp files left', () => {
    const f = join(t.dir, 'atomic.json');
    writeFileAtomic(f, '{"a":1}\n');
    writeFileAtomic(f, '{"a":2}\n');
    expect(readFileSync(f, 'utf8')).toBe('{"a":2}\n');
    expect(readdirSync(t.dir).filter((x) => x.startsWith('.tmp-'))).toEqual([]);
  });

  it('imports an uploaded (staged) file, then removes it; refuses names that leave staging', async () => {
    writeFileSync(join(ws.stagingDir, 'upload.csv'), 'id,v\n1,a\n2,b\n');
    const sniff = await sniffFile(ws, { kind: 'staged', name: 'upload.csv' });
    expect(sniff).toMatchObject({ format: 'csv', delimiter: ',', header: true });
    const r = await importFile(ws, { kind: 'staged', name: 'upload.csv' });
    expect([r.table, r.rows]).toEqual(['upload', 2]);
    expect(existsSync(join(ws.stagingDir, 'upload.csv'))).toBe(false);
    await expect(importFile(ws, { kind: 'staged', name: '../workspace.json' })).rejects.toMatchObject({
      code: 'usage',
    });
    await expect(importFile(ws, { kind: 'staged', name: 'missing.csv' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sniffs the telco CSV: dialect, 21 columns, a preview', async () => {
    const s = await sniffFile(ws, { kind: 'path', path: join(REAL_DATA, 'telco_customer_churn.csv') });
    expect(s).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', header: true });
    expect(s.columns).toHaveLength(21);
    expect(s.columns[0]).toEqual({ name: 'customerID', type: 'VARCHAR' });
    expect(s.preview).toHaveLength(20);
    expect(s.preview[0]!.customerID).toBe('7590-VHVEG');
    expect(readdirSync(ws.stagingDir)).toEqual([]);
  });
});
