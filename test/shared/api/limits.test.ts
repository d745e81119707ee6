// Message bounds (issue 9, item 3): an iterative check, so a value nested past any stack is refused
// by the check instead of overflowing it.
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_DEPTH, messageBoundsProblem } from '../../../shared/api/limits';

/** `depth` containers, alternately arrays and objects, around a number. */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { x: v };
  return v;
}

describe('messageBoundsProblem', () => {
  it('accepts values up to the depth limit and refuses deeper ones, however deep', () => {
    expect(messageBoundsProblem(nested(MAX_MESSAGE_DEPTH))).toBeNull();
    expect(messageBoundsProblem(nested(MAX_MESSAGE_DEPTH + 1))).toBe(`nests deeper than ${MAX_MESSAGE_DEPTH} levels`);
    // Far past what JSON.stringify (Node's IPC serialisation) survives.
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(messageBoundsProblem(deep)).toBe(`nests deeper than ${MAX_MESSAGE_DEPTH} levels`);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
  });

  it('refuses values larger than the size limit, counting strings and keys', () => {
    expect(messageBoundsProblem({ values: Array.from({ length: 100_000 }, (_, i) => `customer-${i}`) })).toBeNull();
    expect(messageBoundsProblem({ s: 'x'.repeat(9 * 1024 * 1024) })).toBe('is larger than 8 MB');
    expect(messageBoundsProblem({ s: 'x'.repeat(100) }, { depth: 10, bytes: 50 })).toBe('is larger than 0 MB');
  });

  it('ends on shared and cyclic structures (structured clones) and refuses what is not JSON data', () => {
    const shared: unknown[] = [];
    let level: unknown[] = shared;
    for (let i = 0; i < 40; i++) level = [level, level]; // 2^40 paths
    expect(messageBoundsProblem(level, { depth: MAX_MESSAGE_DEPTH, bytes: 1024 * 1024 })).toBe('is larger than 1 MB');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(messageBoundsProblem(cyclic)).toMatch(/nests deeper/);
    expect(messageBoundsProblem({ f: () => 1 })).toBe('holds a value that is not JSON data (function)');
    expect(messageBoundsProblem({ n: 1n })).toBe('holds a value that is not JSON data (bigint)');
  });
});
