/**
 * Canonical JSON of §5: object keys sorted by Unicode code point (not UTF-16 code units), no
 * insignificant whitespace, numbers and strings exactly as JSON.stringify writes them.
 * Invariant: only JSON values (null, booleans, finite numbers, strings, arrays, plain objects);
 * anything else (undefined, functions, NaN, Infinity, BigInt) is a programming error and throws.
 */

/** Compares two strings by Unicode code point, the order canonical JSON sorts keys in. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  const restA = a.length - i;
  const restB = b.length - j;
  return restA === restB ? 0 : restA < restB ? -1 : 1;
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort(compareCodePoints);
      const parts: string[] = [];
      for (const k of keys) {
        if (record[k] === undefined) continue; // JSON.stringify drops undefined members too
        parts.push(`${JSON.stringify(k)}:${canonicalJson(record[k])}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${typeof value} is not a JSON value`);
  }
}
