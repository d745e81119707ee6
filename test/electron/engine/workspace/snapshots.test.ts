// Snapshots (SPEC §2): re-importing a table adds a snapshot; fingerprints (rows, schema, content
// hash independent of row order); the table name shows the latest as-of date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { tempDir } from '../engineTestUtils';

describe('snapshots and fingerprints', () => {
  const t = tempDir();
  let ws: Workspace;
  const csv = (name: string, lines: string[]) => {
    const p = join(t.dir, name);
    writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  };
  const rows = ['A1,pro,100', 'A2,free,0', 'A3,starter,25', 'A4,pro,100'];
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('re-import adds a snapshot; same rows in another order give the same content hash', async () => {
    const a = await importFile(
      ws,
      { kind: 'path', path: csv('oct.csv', ['id,plan,mrr', ...rows]) },
      { table: 'accounts', asOf: '2026-10-01' },
    );
    const b = await importFile(
      ws,
      { kind: 'path', path: csv('nov.csv', ['id,plan,mrr', ...[...rows].reverse()]) },
      { table: 'accounts', asOf: '2026-11-01' },
    );
    expect(a.snapshot.id).not.toBe(b.snapshot.id);
    expect(b.snapshot.fingerprint.rows).toBe(4);
    expect(b.snapshot.fingerprint.contentHash).toBe(a.snapshot.fingerprint.contentHash);
    expect(b.snapshot.fingerprint.schemaHash).toBe(a.snapshot.fingerprint.schemaHash);
    const table = (await ws.tables()).find((x) => x.name === 'accounts')!;
    expect(table.snapshots.map((s) => s.asOf)).toEqual(['2026-10-01', '2026-11-01']);
  });

  it('different content, duplicates and schema changes change the right parts of the fingerprint', async () => {
    const base = (await ws.resolveSnapshot('accounts')).fingerprint;
    const changed = await importFile(
      ws,
      { kind: 'path', path: csv('c.csv', ['id,plan,mrr', 'A1,pro,101', ...rows.slice(1)]) },
      { table: 'fp_changed' },
    );
    expect(changed.snapshot.fingerprint.contentHash).not.toBe(base.contentHash);
    expect(changed.snapshot.fingerprint.schemaHash).toBe(base.schemaHash);
    // A1 and A4 swapped values must still differ from the original (row-level hashing, not per column).
    const swapped = await importFile(
      ws,
      { kind: 'path', path: csv('s.csv', ['id,plan,mrr', 'A1,free,0', 'A2,pro,100', 'A3,starter,25', 'A4,pro,100']) },
      { table: 'fp_swapped' },
    );
    expect(swapped.snapshot.fingerprint.contentHash).not.toBe(base.contentHash);
    const dup = await importFile(
      ws,
      { kind: 'path', path: csv('d.csv', ['id,plan,mrr', ...rows, 'A4,pro,100']) },
      { table: 'fp_dup' },
    );
    expect(dup.snapshot.fingerprint.rows).toBe(5);
    expect(dup.snapshot.fingerprint.contentHash).not.toBe(base.contentHash);
    const renamed = await importFile(
      ws,
      { kind: 'path', path: csv('r.csv', ['id,plan,revenue', ...rows]) },
      { table: 'fp_renamed' },
    );
    expect(renamed.snapshot.fingerprint.schemaHash).not.toBe(base.schemaHash);
  });

  it('the table shows the latest as-of date, and older snapshots stay readable', async () => {
    // An older export imported last must not replace the newer one in the table's view.
    await importFile(
      ws,
      { kind: 'path', path: csv('sep.csv', ['id,plan,mrr', 'A1,pro,90']) },
      { table: 'accounts', asOf: '2026-09-01' },
    );
    const [n] = await ws.query(`SELECT count(*) AS n FROM accounts`);
    expect(n).toEqual({ n: 4 });
    const latest = await ws.resolveSnapshot('accounts');
    expect(latest.asOf).toBe('2026-11-01');
    const sep = (await ws.table('accounts')).snapshots.find((s) => s.asOf === '2026-09-01')!;
    expect(await ws.query(`SELECT mrr FROM ${sep.relation}`)).toEqual([{ mrr: 90 }]);
    await expect(ws.resolveSnapshot('accounts', 'nope')).rejects.toThrow(/no snapshot 'nope'/);
    await expect(ws.resolveSnapshot('missing')).rejects.toThrow(/No table named 'missing'/);
  });

  it('survives reopening: snapshots, workspace.json sources', async () => {
    const before = await ws.tables();
    ws.close();
    ws = await Workspace.open(join(t.dir, 'ws'));
    expect(await ws.tables()).toEqual(before);
    expect(ws.getMeta().sources.accounts?.file).toBe('sep.csv');
  });
});
