// The live-count stage trace is opt-in: without SEGWB_TRACE_LIVE=1 nothing is written (the live path
// pays one boolean check); with it, each finished stage is one parseable `SEGWB_TRACE {json}` line.
import { afterEach, describe, expect, it, vi } from 'vitest';

async function load(env: string | undefined) {
  vi.resetModules();
  if (env === undefined) delete process.env.SEGWB_TRACE_LIVE;
  else process.env.SEGWB_TRACE_LIVE = env;
  return import('../../../../electron/engine/process/liveTrace');
}

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.SEGWB_TRACE_LIVE;
});

describe('liveTrace', () => {
  it('writes nothing unless SEGWB_TRACE_LIVE=1', async () => {
    for (const env of [undefined, '0', 'true']) {
      const { trace, StageClock, traceOn } = await load(env);
      const lines = captureStderr();
      expect(traceOn).toBe(false);
      trace('x', 'countSegment', 1);
      const clock = new StageClock('host');
      clock.start(1, 'countSegment');
      clock.end(1);
      expect(lines).toEqual([]);
      vi.restoreAllMocks();
    }
  });

  it('with SEGWB_TRACE_LIVE=1, a stage from start to end is one line with its method and duration', async () => {
    const { StageClock } = await load('1');
    const lines = captureStderr();
    const clock = new StageClock('child');
    clock.start(7, 'countSegment');
    clock.end(8); // an id never started: no line
    await new Promise((r) => setTimeout(r, 20));
    clock.end(7);
    clock.end(7); // already ended: no second line
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith('SEGWB_TRACE ')).toBe(true);
    const rec = JSON.parse(lines[0]!.slice('SEGWB_TRACE '.length)) as { stage: string; method: string; ms: number };
    expect(rec.stage).toBe('child');
    expect(rec.method).toBe('countSegment');
    expect(rec.ms).toBeGreaterThanOrEqual(15);
    expect(rec.ms).toBeLessThan(5000);
  });
});
