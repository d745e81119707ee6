// A throwaway workspace with the hand-made fixture tables imported, and the segments service over it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiEvent } from '../../../../shared/api/protocol';
import { importFile } from '../../../../electron/engine/import/importFile';
import { createSegmentsService } from '../../../../electron/engine/segments/segmentsService';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import type { SegmentsApi } from '../../../../shared/api/segmentsApi';

export const fixtures = path.resolve(__dirname, 'fixtures');

export interface TestWorkspace {
  dir: string;
  ws: Workspace;
  api: SegmentsApi;
  events: ApiEvent[];
  /** Snapshot ids by fixture name. */
  snaps: Record<string, string>;
  close(): void;
}

export async function openFixtureWorkspace(): Promise<TestWorkspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'segwb-seg-'));
  const ws = await Workspace.open(dir, { create: true, memoryLimit: '256MB' });
  const snaps: Record<string, string> = {};
  const load = async (file: string, table: string, asOf: string): Promise<void> => {
    const report = await importFile(ws, { kind: 'path', path: path.join(fixtures, file) }, { table, asOf });
    snaps[file] = report.snapshot.id;
  };
  await load('accounts_2026-10.csv', 'accounts', '2026-10-01');
  await load('accounts_2026-11.csv', 'accounts', '2026-11-01');
  await load('tickets.csv', 'tickets', '2026-11-01');
  await load('countries.csv', 'countries', '2026-11-01');
  const events: ApiEvent[] = [];
  const api = createSegmentsService({ workspace: () => ws, emit: (e) => events.push(e) });
  return {
    dir,
    ws,
    api,
    events,
    snaps,
    close() {
      ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const entity = { table: 'accounts', key: 'account_id' };
