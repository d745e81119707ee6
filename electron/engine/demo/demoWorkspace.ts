/**
 * The demo workspace (first start, `segwb serve --demo`, createDemoWorkspace): six monthly snapshots
 * of accounts (DEMO_SNAPSHOTS, 2026-06-01 … 2026-11-01) drifting the way monthly exports do (see
 * generator.ts), and tickets and usage events as of each of those months (each the log of the months
 * before it, consistent with that month's accounts), entity accounts/account_id.
 * Generated once; opening an existing demo workspace does not regenerate it.
 *
 * Related tables are generated for every month up to MONTHLY_RELATED_MAX accounts: metrics read the
 * related snapshot of their own month (docs/rules.md, SPEC §4), so without them an older month's "events in the
 * last 30 days" would read November's log (and find nothing), and a metric without a window would
 * count tickets from that month's future. Past that size (benchmarks) only the latest month has
 * them: six months of events at 10M accounts would be over a billion rows.
 */
import type { SqlParam } from '../db/db';
import type { OpenOptions, Workspace } from '../workspace/workspace';
import { Workspace as WorkspaceClass } from '../workspace/workspace';
import { addSnapshotFromQuery } from '../workspace/addSnapshot';
import { accountsSelect, ticketsSelect, usageEventsSelect } from './generator';

export const DEMO_ROWS = 20_000;
/** As-of dates of the accounts snapshots, oldest first; the last is the latest. */
export const DEMO_SNAPSHOTS = [
  '2026-06-01',
  '2026-07-01',
  '2026-08-01',
  '2026-09-01',
  '2026-10-01',
  '2026-11-01',
] as const;
const MONTHLY_RELATED_MAX = 200_000;
const SOURCE = 'demo generator';

/** Fill `ws` with the demo tables unless it already has an accounts table. */
export async function seedDemo(
  ws: Workspace,
  rows = DEMO_ROWS,
  progress: (f: number, m: string) => void = () => {},
): Promise<void> {
  const existing = await ws.tables();
  if (existing.some((t) => t.name === 'accounts')) return;
  const latest = DEMO_SNAPSHOTS[DEMO_SNAPSHOTS.length - 1]!;
  const monthlyRelated = rows <= MONTHLY_RELATED_MAX;
  const steps = DEMO_SNAPSHOTS.length * (monthlyRelated ? 3 : 1) + (monthlyRelated ? 0 : 2);
  let step = 0;
  const add = async (table: string, asOf: string, select: string, params: SqlParam[] = []) => {
    progress(0.02 + (0.96 * step++) / steps, `Generating ${table.replace('_', ' ')} (${asOf})`);
    return addSnapshotFromQuery(ws, {
      table,
      asOf,
      sourceFile: SOURCE,
      importedAt: `${asOf}T06:00:00.000Z`,
      select,
      params,
    });
  };
  for (const asOf of DEMO_SNAPSHOTS) {
    const acc = await add('accounts', asOf, accountsSelect(asOf), [rows]);
    if (!monthlyRelated && asOf !== latest) continue;
    await add('tickets', asOf, ticketsSelect(acc.relation, asOf));
    await add('usage_events', asOf, usageEventsSelect(acc.relation, asOf));
  }
  ws.updateMeta((m) => {
    m.entity = { table: 'accounts', key: 'account_id' };
    m.demo = { rows, generator: 2 };
    for (const t of ['accounts', 'tickets', 'usage_events'])
      m.sources[t] = {
        file: SOURCE,
        format: 'generated',
        ...(t === 'accounts' ? { key: 'account_id' } : {}),
        lastImportedAt: `${latest}T06:00:00.000Z`,
      };
  });
  progress(1, 'Demo workspace ready');
}

/** Open (creating on first use) the demo workspace at `path`. */
export async function ensureDemoWorkspace(
  path: string,
  rows = DEMO_ROWS,
  progress?: (f: number, m: string) => void,
  options: OpenOptions = {},
): Promise<Workspace> {
  const ws = await WorkspaceClass.open(path, { ...options, create: true });
  try {
    await seedDemo(ws, rows, progress);
  } catch (err) {
    await ws.close().catch(() => undefined); // the seeding error is the one to report
    throw err;
  }
  return ws;
}
