/**
 * Bounds on what one RPC message may hold, checked at every edge (WebSocket, Electron IPC, the engine
 * host's link to its child) before anything recursive touches it. A small frame nested a few thousand
 * levels deep is a valid JSON token, but Node's IPC serialisation (JSON.stringify) and every other
 * recursive walker overflow the stack on it, and a thrown RangeError there took the whole web host and
 * engine down. The walk here is iterative, so it never overflows itself.
 *
 * MAX_MESSAGE_DEPTH matches the nesting a definition file may have (strictJson.ts allows 512), so any
 * definition that loads from a file can also be sent; MAX_MESSAGE_BYTES matches the WebSocket's
 * maxPayload (an `in` list of 100,000 values is about 1-2 MB).
 */

export const MAX_MESSAGE_DEPTH = 512;
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface MessageLimits {
  depth: number;
  bytes: number;
}

const DEFAULT_LIMITS: MessageLimits = { depth: MAX_MESSAGE_DEPTH, bytes: MAX_MESSAGE_BYTES };

/**
 * Null when `value` is within the limits, else the reason in words. `bytes` is an estimate of the
 * value's JSON size (strings by length, keys included), enough to refuse an oversized structured
 * clone that never was a JSON text (Electron IPC). A cycle or a shared object is walked again each
 * time it is reached, so it ends at the depth or size limit. Values that are not JSON data
 * (functions, symbols, bigints) are reasons too.
 */
export function messageBoundsProblem(value: unknown, limits: MessageLimits = DEFAULT_LIMITS): string | null {
  let bytes = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 1 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v === 'boolean') bytes += 5;
    else if (typeof v === 'number') bytes += 24;
    else if (typeof v === 'string') bytes += v.length + 2;
    else if (typeof v === 'object') {
      if (depth > limits.depth) return `nests deeper than ${limits.depth} levels`;
      bytes += 2;
      if (Array.isArray(v)) {
        for (const item of v) stack.push({ v: item, depth: depth + 1 });
        bytes += v.length;
      } else {
        for (const [k, item] of Object.entries(v)) {
          bytes += k.length + 4;
          if (item !== undefined) stack.push({ v: item, depth: depth + 1 });
        }
      }
    } else if (v !== undefined) return `holds a value that is not JSON data (${typeof v})`;
    if (bytes > limits.bytes) return `is larger than ${Math.round(limits.bytes / (1024 * 1024))} MB`;
  }
  return null;
}
