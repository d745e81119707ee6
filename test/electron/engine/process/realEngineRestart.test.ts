/**
 * The real engine child (DuckDB) killed mid-session: the host restarts it, the workspace is
 * reopened (the dead process's DuckDB lock released), and the data imported before is there.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngineHost } from '../../../../electron/engine/process/engineHost';
import { nodeForker } from '../../../../electron/engine/process/nodeForker';
import type { ApiEvent } from '../../../../shared/api/protocol';

const host = startEngineHost({ fork: nodeForker() });
afterAll(() => host.close());

describe('real engine process', () => {
  it('comes back after SIGKILL with the workspace open and its table intact', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segwb-restart-'));
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, 'id,name\n1,ann\n2,bob\n3,cy\n');
    const ws = join(dir, 'ws');
    await host.ready();
    await host.client.openWorkspace({ path: ws, create: true });
    const report = await host.client.importFile({ file: { kind: 'path', path: csv }, options: { table: 'people' } });
    expect(report.rows).toBe(3);

    const events: ApiEvent[] = [];
    host.onEvent((e) => events.push(e));
    const pid = host.pid!;
    process.kill(pid, 'SIGKILL');
    await expect
      .poll(() => events.some((e) => e.kind === 'engine' && e.state === 'crashed'), { timeout: 10_000 })
      .toBe(true);

    const tables = await host.client.listTables({});
    expect(tables.map((t) => [t.name, t.rows])).toEqual([['people', 3]]);
    expect(host.pid).not.toBe(pid);
    expect((await host.client.getWorkspace({}))?.tables.map((t) => t.name)).toEqual(['people']);
    expect(events.filter((e) => e.kind === 'engine').map((e) => (e as { state: string }).state)).toEqual([
      'crashed',
      'restarted',
    ]);
  });
});
