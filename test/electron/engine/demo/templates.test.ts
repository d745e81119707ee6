// The demo's template definitions: saved once through the segments API on first start, valid, and
// each segment has members on the demo data (SPEC §1: a useful segment is measurable: ≥ 30 members).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../../electron/engine/engineApi';
import { TEMPLATES } from '../../../../electron/engine/demo/templates';
import { tempDir } from '../engineTestUtils';

describe('demo templates', () => {
  const t = tempDir();
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine();
    await engine.api.createDemoWorkspace({ path: join(t.dir, 'demo'), rows: 4000 });
  });
  afterAll(async () => {
    await engine?.close();
    t.cleanup();
  });

  it('saves every template as a valid definition file', async () => {
    const defs = await engine.api.listDefinitions({});
    expect(defs.map((d) => d.name).sort()).toEqual(TEMPLATES.map((x) => x.name).sort());
    for (const d of defs)
      expect([d.name, d.valid, d.errors, d.latestVersion, d.entityTable]).toEqual([d.name, true, 0, 1, 'accounts']);
  });

  // A template that holds most of the base would tell a CSM nothing (the demo once had 66% "at risk").
  it('each template segment has at least 30 members and at most 40% of the table', async () => {
    const defs = await engine.api.listDefinitions({});
    for (const d of defs.filter((x) => x.kind === 'segment')) {
      const c = await engine.api.countSegment({ target: { file: d.file } });
      expect([d.name, c.count >= 30 && c.count <= 0.4 * c.total]).toEqual([d.name, true]);
    }
  });

  it('each template scheme partitions the table, every tier non-empty', async () => {
    const defs = await engine.api.listDefinitions({});
    for (const d of defs.filter((x) => x.kind === 'scheme')) {
      const c = await engine.api.countSegment({ target: { file: d.file } });
      const tiers = c.tiers ?? [];
      expect(tiers.reduce((s, x) => s + x.count, 0)).toBe(c.total);
      for (const tier of tiers) expect([d.name, tier.name, tier.count > 0]).toEqual([d.name, tier.name, true]);
    }
  });

  it('re-creating the demo does not duplicate the templates', async () => {
    await engine.api.createDemoWorkspace({ path: join(t.dir, 'demo'), rows: 4000 });
    expect((await engine.api.listDefinitions({})).length).toBe(TEMPLATES.length);
  });
});

describe('demo usage events', () => {
  const t = tempDir();
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine();
    await engine.api.createDemoWorkspace({ path: join(t.dir, 'demo'), rows: 2000 });
  });
  afterAll(async () => {
    await engine?.close();
    t.cleanup();
  });

  // Usage must agree with last_active_at, or "inactive" and "no recent usage" contradict each other.
  it('no account has a usage event after its last activity or after the as-of date', async () => {
    const page = await engine.api.getRows({
      view: { table: 'usage_events', sort: [{ column: 'occurred_at', dir: 'desc' }] },
      offset: 0,
      limit: 1,
    });
    expect(String(page.rows[0]?.occurred_at) <= '2026-11-01T00:00:00.000Z').toBe(true);
    const accounts = await engine.api.getRows({ view: { table: 'accounts' }, offset: 0, limit: 2000 });
    const lastActive = new Map(accounts.rows.map((r) => [String(r.account_id), String(r.last_active_at)]));
    const events = await engine.api.getRows({ view: { table: 'usage_events' }, offset: 0, limit: 5000 });
    expect(events.rows.length).toBeGreaterThan(100);
    for (const e of events.rows)
      expect(String(e.occurred_at) <= (lastActive.get(String(e.account_id)) ?? '')).toBe(true);
  });
});
