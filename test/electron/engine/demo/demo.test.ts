// The demo workspace: fixed column names (a seam), two snapshots of accounts, determinism, and the
// distributions the templates rely on (members for "renewing this quarter", a minority active ≤ 3 days).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ensureDemoWorkspace } from '../../../../electron/engine/demo/demoWorkspace';
import type { Workspace } from '../../../../electron/engine/workspace';
import { tempDir } from '../engineTestUtils';

describe('demo workspace', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await ensureDemoWorkspace(join(t.dir, 'demo'), 3000);
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  it('has the agreed tables, columns and snapshots', async () => {
    const tables = await ws.tables();
    const byName = Object.fromEntries(tables.map((x) => [x.name, x]));
    expect(Object.fromEntries(byName.accounts!.columns.map((c) => [c.name, c.type]))).toEqual({
      account_id: 'VARCHAR', name: 'VARCHAR', plan: 'VARCHAR', channel: 'VARCHAR', status: 'VARCHAR', mrr: 'DOUBLE', seats: 'INTEGER',
      active_seats: 'INTEGER', billable_ticket_usage_pct: 'DOUBLE', nps: 'INTEGER', health_score: 'INTEGER', onboarding_step: 'INTEGER',
      features_used: 'INTEGER', cancellation_requested: 'BOOLEAN', signup_date: 'DATE', last_active_at: 'TIMESTAMP', renewal_date: 'DATE',
      contract_value: 'DOUBLE', country: 'VARCHAR', industry: 'VARCHAR',
    });
    expect(byName.tickets!.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['ticket_id:VARCHAR', 'account_id:VARCHAR', 'created_at:TIMESTAMP', 'priority:VARCHAR', 'status:VARCHAR', 'billable:BOOLEAN']);
    expect(byName.usage_events!.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['event_id:VARCHAR', 'account_id:VARCHAR', 'occurred_at:TIMESTAMP', 'feature:VARCHAR', 'quantity:INTEGER']);
    expect(byName.accounts!.snapshots.map((s) => s.asOf)).toEqual(['2026-10-01', '2026-11-01']);
    expect(byName.tickets!.snapshots.map((s) => s.asOf)).toEqual(['2026-11-01']);
    expect(byName.accounts!.rows).toBe(3000);
    expect(ws.getMeta().entity).toEqual({ table: 'accounts', key: 'account_id' });
  });

  it('keeps values in their documented ranges and keys unique', async () => {
    const [r] = await ws.query(`SELECT count(DISTINCT account_id) = count(*) AS uniq, min(account_id) AS first,
      bool_and(plan IN ('free','starter','pro','enterprise')) AS plans, bool_and(status IN ('trial','active','past_due','cancel_requested','churned')) AS statuses,
      bool_and(channel IN ('organic','paid_search','partner','outbound','referral')) AS channels,
      bool_and(billable_ticket_usage_pct BETWEEN 0 AND 100) AS pct, bool_and(nps IS NULL OR nps BETWEEN 0 AND 10) AS nps,
      bool_and(health_score BETWEEN 0 AND 100) AS health, bool_and(onboarding_step BETWEEN 1 AND 5) AS onb,
      bool_and(features_used BETWEEN 0 AND 12) AS feats, bool_and(active_seats BETWEEN 0 AND seats) AS seats,
      avg(CAST(nps IS NULL AS INTEGER)) AS nps_null, bool_and(last_active_at <= TIMESTAMP '2026-11-01') AS past
      FROM accounts`);
    expect(r).toMatchObject({ uniq: true, first: 'A000001', plans: true, statuses: true, channels: true, pct: true, nps: true, health: true, onb: true, feats: true, seats: true, past: true });
    expect(Number(r!.nps_null)).toBeGreaterThan(0.3);
    expect(Number(r!.nps_null)).toBeLessThan(0.5);
  });

  it('has members for the template segments', async () => {
    const [r] = await ws.query(`SELECT count(*) AS n,
      count(*) FILTER (WHERE date_diff('day', CAST(last_active_at AS DATE), DATE '2026-11-01') <= 3) AS recent,
      count(*) FILTER (WHERE renewal_date >= DATE '2026-10-01' AND renewal_date < DATE '2027-01-01') AS renew_q4,
      count(*) FILTER (WHERE cancellation_requested) AS cancel, count(*) FILTER (WHERE nps >= 9 AND features_used >= 6) AS advocates,
      count(*) FILTER (WHERE active_seats >= 0.9 * seats) AS upsell, count(*) FILTER (WHERE onboarding_step < 5) AS onboarding
      FROM accounts`);
    const n = Number(r!.n);
    expect(Number(r!.recent)).toBeGreaterThan(30);
    expect(Number(r!.recent)).toBeLessThan(n / 2);
    for (const k of ['renew_q4', 'cancel', 'advocates', 'upsell', 'onboarding']) expect(Number(r![k])).toBeGreaterThanOrEqual(30);
  });

  it('is deterministic: a second generation has the same content hashes', async () => {
    const again = await ensureDemoWorkspace(join(t.dir, 'demo2'), 3000);
    try {
      const fp = async (w: Workspace) => (await w.tables()).flatMap((x) => x.snapshots.map((s) => [x.name, s.id, s.asOf, s.fingerprint.contentHash]));
      expect(await fp(again)).toEqual(await fp(ws));
    } finally {
      again.close();
    }
  });

  it('opening it again does not regenerate', async () => {
    const before = await ws.tables();
    ws.close();
    ws = await ensureDemoWorkspace(join(t.dir, 'demo'), 3000);
    expect(await ws.tables()).toEqual(before);
  });
});

describe('demo generator ids', () => {
  it('stay unique past 999,999 accounts (no truncating pad)', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { accountsSelect } = await import('../../../../electron/engine/demo/generator');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    // Only ids around the 6-digit boundary: generate 1,000,010 rows but read just the id column's facts.
    const ps = await c.prepare(`SELECT count(*) AS n, count(DISTINCT account_id) AS d, max(length(account_id)) AS w FROM (${accountsSelect()})`);
    ps.bind([1_000_010, '2030-01-01', 1]);
    const r = (await ps.runAndReadAll()).getRowObjectsJson()[0]!;
    c.closeSync();
    inst.closeSync();
    expect(r).toEqual({ n: '1000010', d: '1000010', w: '8' });
  });
});
