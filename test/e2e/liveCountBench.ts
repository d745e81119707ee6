/**
 * Browser benchmark of issue 4 item 8 (SPEC §11 targets): from the last keystroke of an edit in the
 * rule builder to the new count on screen, p50/p95 over N edits, on a generated demo workspace of
 * the given size, beside raw DuckDB running the same count on the same file (after the host stops).
 * Also records the longest main-thread task while typing (PerformanceObserver 'longtask').
 *
 *   node --import tsx test/e2e/liveCountBench.ts [--rows 1000000] [--edits 50]
 *
 * Not part of `npm test` (it generates large data); run it by hand on an otherwise idle machine.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { connectApi, openApp, startHost } from './e2eTestUtils';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, edits: { type: 'string', default: '50' }, workspace: { type: 'string' } } });
const rows = Number(values.rows);
// The host's engine writes stage timings (host, engine child, DuckDB query) to stderr; see liveTrace.ts.
process.env.SEGWB_TRACE_LIVE = '1';
const edits = Number(values.edits);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
/** Thresholds cycling over 1..40 so consecutive edits always change the count. */
const threshold = (i: number) => 1 + ((i * 7) % 40);

const host = await startHost(600_000);
// --workspace reuses a demo workspace made earlier (generating 10M accounts takes minutes).
const bigPath = values.workspace ?? join(host.home, `bench-${rows}`);
try {
  const remote = await connectApi(host);
  const t0 = Date.now();
  if (values.workspace) await remote.api.openWorkspace({ path: bigPath });
  else await remote.api.createDemoWorkspace({ path: bigPath, rows });
  console.log(`${values.workspace ? 'opened' : 'generated'} ${rows.toLocaleString('en-US')} accounts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  remote.close();

  const browser = await openApp(host, { width: 1500, height: 950 });
  const { page } = browser;
  // Split the latency: record when each countSegment request leaves and its response arrives.
  await page.addInitScript(`(() => {
    const wire = { sent: {}, received: {} };
    window.wire = wire;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      try { const m = JSON.parse(data); if (m.method === 'countSegment') wire.sent[m.id] = performance.now(); } catch {}
      return send.call(this, data);
    };
    const add = WebSocket.prototype.addEventListener;
    const origOnmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
      set(fn) { origOnmessage.set.call(this, (ev) => { try { const m = JSON.parse(ev.data); if (m.type === 'response' && wire.sent[m.id] !== undefined) wire.received[m.id] = performance.now(); } catch {} return fn(ev); }); },
      get() { return origOnmessage.get.call(this); },
    });
    void add;
  })()`);
  await page.reload();
  await page.getByTestId('table-item-accounts').waitFor({ timeout: 120_000 });
  await page.getByTestId('segment-new').click();
  await page.getByTestId('add-condition-root').click();
  await page.getByTestId('field-0').selectOption('billable_ticket_usage_pct');
  await page.getByTestId('op-0').selectOption('gte');
  const input = page.getByTestId('value-0');
  await page.locator('.live.ready').waitFor({ timeout: 120_000 });

  // Instrument the page: last keydown time, every change of the shown count, long tasks.
  // (Browser-side code as text: this file compiles for Node, without DOM types.)
  await page.evaluate(`(() => {
    const bench = { lastKey: 0, changes: [], longest: 0 };
    window.bench = bench;
    document.addEventListener('keydown', () => { bench.lastKey = performance.now(); }, true);
    const el = document.querySelector('[data-testid=live-count]');
    new MutationObserver(() => bench.changes.push({ t: performance.now(), count: el.getAttribute('data-count') || '' }))
      .observe(el, { attributes: true, attributeFilter: ['data-count'] });
    new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longest = Math.max(bench.longest, e.duration); })
      .observe({ type: 'longtask', buffered: false });
  })()`);

  const latencies: number[] = [];
  const before: number[] = [];
  const wire: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < edits; i++) {
    await input.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(threshold(i)), { delay: 30 });
    await page.locator('.live.ready').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(50);
    const r = (await page.evaluate(`(() => {
      const b = window.bench;
      const after = b.changes.filter((c) => c.t >= b.lastKey);
      const ids = Object.keys(window.wire.sent).map(Number).filter((id) => window.wire.sent[id] >= b.lastKey).sort((x, y) => x - y);
      const last = ids[ids.length - 1];
      return { lastKey: b.lastKey, shown: after.length ? after[after.length - 1].t : null,
        sent: last === undefined ? null : window.wire.sent[last], received: last === undefined ? null : (window.wire.received[last] ?? null) };
    })()`)) as { lastKey: number; shown: number | null; sent: number | null; received: number | null };
    if (r.shown !== null) latencies.push(r.shown - r.lastKey);
    if (r.shown !== null && r.sent !== null && r.received !== null) {
      before.push(r.sent - r.lastKey);
      wire.push(r.received - r.sent);
      after.push(r.shown - r.received);
    }
  }
  const longest = (await page.evaluate('window.bench.longest')) as number;
  const stages = new Map<string, number[]>();
  for (const line of host.stderr().split('\n')) {
    if (!line.startsWith('SEGWB_TRACE ')) continue;
    const t = JSON.parse(line.slice(12)) as { stage: string; method: string; ms: number };
    const k = `${t.stage} ${t.method}`;
    stages.set(k, [...(stages.get(k) ?? []), t.ms]);
  }
  await browser.close();
  await host.stop(true).catch(() => undefined);

  // Raw DuckDB on the same file, the same counts (the host has released the file).
  const db = await DuckDBInstance.create(join(bigPath, 'workspace.duckdb'), { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  const raw: number[] = [];
  for (let i = 0; i < edits; i++) {
    const t = performance.now();
    // The same work the live panel asks for: the count and the measure's sum and average.
    await con.runAndReadAll(`SELECT count(*), sum(mrr), avg(mrr) FROM main."accounts" WHERE billable_ticket_usage_pct >= ${threshold(i)}`);
    raw.push(performance.now() - t);
  }
  con.closeSync();
  db.closeSync();

  const fmt = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`rows ${rows.toLocaleString('en-US')}, ${latencies.length} edits measured`);
  console.log(`keystroke → count on screen: p50 ${fmt(pct(latencies, 50))}, p95 ${fmt(pct(latencies, 95))}`);
  console.log(`  of which keystroke → request sent p50 ${fmt(pct(before, 50))}, request → response p50 ${fmt(pct(wire, 50))} (p95 ${fmt(pct(wire, 95))}), response → on screen p50 ${fmt(pct(after, 50))}`);
  console.log(`raw DuckDB same count+sum+avg: p50 ${fmt(pct(raw, 50))}, p95 ${fmt(pct(raw, 95))}`);
  for (const [k, v] of stages) if (/countSegment|segmentFunnel/.test(k)) console.log(`  stage ${k}: n ${v.length}, p50 ${fmt(pct(v, 50))}, p95 ${fmt(pct(v, 95))}`);
  console.log(`longest main-thread task while typing: ${fmt(longest)}`);
} finally {
  await host.stop().catch(() => undefined);
}
