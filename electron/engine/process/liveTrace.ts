/**
 * Opt-in latency trace for the live-count path (SEGWB_TRACE_LIVE=1; off by default, then each call
 * is one boolean check): one `SEGWB_TRACE {json}` line per finished stage on stderr, read by
 * test/e2e/liveCountBench.ts to split a count's time into hops (browser → host → engine child) and
 * engine work (preparation vs the DuckDB query). Durations only: the processes' clocks are not shared.
 */
export const traceOn = process.env.SEGWB_TRACE_LIVE === '1';

export function trace(stage: string, method: string, ms: number, extra?: Record<string, unknown>): void {
  if (!traceOn) return;
  process.stderr.write(`SEGWB_TRACE ${JSON.stringify({ stage, method, ms: Math.round(ms * 100) / 100, ...extra })}\n`);
}

/** Starts of requests by id, for a stage measured from arrival to response (bounded). */
export class StageClock {
  private readonly started = new Map<number | string, { t: number; method: string }>();

  constructor(private readonly stage: string) {}

  start(id: number | string, method: string): void {
    if (!traceOn) return;
    if (this.started.size > 1000) this.started.clear();
    this.started.set(id, { t: performance.now(), method });
  }

  end(id: number | string, extra?: Record<string, unknown>): void {
    if (!traceOn) return;
    const s = this.started.get(id);
    if (!s) return;
    this.started.delete(id);
    trace(this.stage, s.method, performance.now() - s.t, extra);
  }
}
