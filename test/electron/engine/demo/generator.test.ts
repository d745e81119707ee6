// The demo generator's SELECTs on their own (in-memory DuckDB): ids past the pad width, history that
// stays monotone at as-of dates other than the demo's (mid-month, before the simulated history,
// years later), and a clear error for a malformed as-of.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { accountsSelect, ticketsSelect, usageEventsSelect } from '../../../../electron/engine/demo/generator';

describe('demo generator', () => {
  let inst: DuckDBInstance;
  let c: DuckDBConnection;
  const rows = async (sql: string, params: number[] = []) => {
    const ps = await c.prepare(sql);
    if (params.length) ps.bind(params);
    return (await ps.runAndReadAll()).getRowObjectsJson();
  };
  beforeAll(async () => {
    inst = await DuckDBInstance.create(':memory:');
    c = await inst.connect();
  });
  afterAll(() => {
    c?.closeSync();
    inst?.closeSync();
  });

  it('ids stay unique past 999,999 accounts (no truncating pad)', async () => {
    // Only the id column's facts of 1,000,010 accounts (all have signed up by 2026-11-01).
    const [r] = await rows(
      `SELECT count(*) AS n, count(DISTINCT account_id) AS d, max(length(account_id)) AS w FROM (${accountsSelect('2026-11-01')})`,
      [1_000_010],
    );
    expect(r).toEqual({ n: '1000010', d: '1000010', w: '8' });
  });

  // Mid-month as-ofs see a month partly; before 2026-03 there is no simulated month; 2029 is years on.
  it.each([
    ['2026-10-15', '2026-11-01', '2026-11-20'],
    ['2025-12-01', '2026-01-01', '2026-02-01'],
    ['2028-12-01', '2029-01-01', '2029-06-01'],
  ])('keeps history monotone across %s, %s, %s', async (...asOfs) => {
    for (const [k, asOf] of asOfs.entries())
      await c.run(`CREATE OR REPLACE TABLE a${k} AS ${accountsSelect(asOf)}`, [2000]);
    for (const [k, asOf] of asOfs.entries()) {
      await c.run(`CREATE OR REPLACE TABLE e${k} AS ${usageEventsSelect(`a${k}`, asOf)}`);
      await c.run(`CREATE OR REPLACE TABLE t${k} AS ${ticketsSelect(`a${k}`, asOf)}`);
      const [r] = await rows(`SELECT
        (SELECT count(*) FROM a${k} WHERE last_active_at > TIMESTAMP '${asOf}' OR last_active_at < signup_date OR signup_date > DATE '${asOf}') AS bad_accounts,
        (SELECT count(*) FROM e${k} JOIN a${k} a USING (account_id) WHERE occurred_at > a.last_active_at) AS late_events,
        (SELECT count(*) FROM t${k} WHERE created_at > TIMESTAMP '${asOf}') AS late_tickets`);
      expect([asOf, r]).toEqual([asOf, { bad_accounts: '0', late_events: '0', late_tickets: '0' }]);
    }
    for (let k = 1; k < asOfs.length; k++) {
      const [r] = await rows(`SELECT count(*) FILTER (WHERE b.last_active_at < a.last_active_at) AS activity_back,
        count(*) FILTER (WHERE a.status = 'churned' AND b.status <> 'churned') AS unchurned, count(*) FILTER (WHERE b.onboarding_step < a.onboarding_step) AS onboarding_back,
        count(*) FILTER (WHERE b.account_id IS NULL) AS lost
        FROM a${k - 1} a LEFT JOIN a${k} b USING (account_id)`);
      expect([asOfs[k], r]).toEqual([
        asOfs[k],
        { activity_back: '0', unchurned: '0', onboarding_back: '0', lost: '0' },
      ]);
      // A ticket of both exports is the same ticket.
      const [t] = await rows(
        `SELECT count(*) AS changed FROM t${k - 1} a JOIN t${k} b USING (ticket_id) WHERE a.created_at <> b.created_at OR a.priority <> b.priority`,
      );
      expect(t).toEqual({ changed: '0' });
    }
  });

  it('refuses an as-of that is not a YYYY-MM-DD date, since it becomes part of the SQL', () => {
    for (const bad of ['2026-02-30', '2026-11-01T00:00:00Z', "2026-11-01' OR 1=1 --", ''])
      expect(() => accountsSelect(bad)).toThrow(/needs an as-of date as YYYY-MM-DD/);
    expect(() => ticketsSelect('a', '11/01/2026')).toThrow(/YYYY-MM-DD/);
  });
});
