/**
 * The demo workspace (first start, `segwb serve --demo`, createDemoWorkspace): accounts as of
 * 2026-10-01 and 2026-11-01, tickets and usage events as of 2026-11-01, entity accounts/account_id.
 * Generated once; opening an existing demo workspace does not regenerate it.
 */
import type { OpenOptions, Workspace } from '../workspace';
import { Workspace as WorkspaceClass } from '../workspace';
import { addSnapshotFromQuery } from '../workspace/addSnapshot';
import { accountsSelect, ticketsSelect, usageEventsSelect } from './generator';

export const DEMO_ROWS = 20_000;
export const DEMO_SNAPSHOTS = ['2026-10-01', '2026-11-01'] as const;
const SOURCE = 'demo generator';

/** Fill `ws` with the demo tables unless it already has an accounts table. */
export async function seedDemo(ws: Workspace, rows = DEMO_ROWS, progress: (f: number, m: string) => void = () => {}): Promise<void> {
  const existing = await ws.tables();
  if (existing.some((t) => t.name === 'accounts')) return;
  const [older, latest] = DEMO_SNAPSHOTS;
  // Related rows in a stable order for demo sizes; past that the sort would not fit the memory limit.
  const ordered = rows <= 2_000_000;
  progress(0.05, 'Generating accounts (2026-10-01)');
  await addSnapshotFromQuery(ws, { table: 'accounts', asOf: older, sourceFile: SOURCE, importedAt: `${older}T06:00:00.000Z`, select: accountsSelect(), params: [rows, { type: 'DATE', value: older }, 0] });
  progress(0.35, 'Generating accounts (2026-11-01)');
  const acc = await addSnapshotFromQuery(ws, { table: 'accounts', asOf: latest, sourceFile: SOURCE, importedAt: `${latest}T06:00:00.000Z`, select: accountsSelect(), params: [rows, { type: 'DATE', value: latest }, 1] });
  progress(0.65, 'Generating tickets');
  await addSnapshotFromQuery(ws, { table: 'tickets', asOf: latest, sourceFile: SOURCE, importedAt: `${latest}T06:00:00.000Z`, select: ticketsSelect(acc.relation, { ordered }), params: [{ type: 'DATE', value: latest }] });
  progress(0.85, 'Generating usage events');
  await addSnapshotFromQuery(ws, { table: 'usage_events', asOf: latest, sourceFile: SOURCE, importedAt: `${latest}T06:00:00.000Z`, select: usageEventsSelect(acc.relation, { ordered }), params: [{ type: 'DATE', value: latest }] });
  ws.updateMeta((m) => {
    m.entity = { table: 'accounts', key: 'account_id' };
    m.demo = { rows, generator: 1 };
    for (const t of ['accounts', 'tickets', 'usage_events']) m.sources[t] = { file: SOURCE, format: 'generated', ...(t === 'accounts' ? { key: 'account_id' } : {}), lastImportedAt: `${latest}T06:00:00.000Z` };
  });
  progress(1, 'Demo workspace ready');
}

/** Open (creating on first use) the demo workspace at `path`. */
export async function ensureDemoWorkspace(path: string, rows = DEMO_ROWS, progress?: (f: number, m: string) => void, options: OpenOptions = {}): Promise<Workspace> {
  const ws = await WorkspaceClass.open(path, { ...options, create: true });
  try {
    await seedDemo(ws, rows, progress);
  } catch (err) {
    await ws.close().catch(() => undefined); // the seeding error is the one to report
    throw err;
  }
  return ws;
}
