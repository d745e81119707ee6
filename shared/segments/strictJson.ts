/**
 * A strict JSON reader for definition files. JSON.parse silently keeps the last of duplicate keys
 * and turns number literals it cannot hold into other numbers (integers beyond ±2^53 rounded,
 * `1e400` to Infinity, `1e-400` to 0); §5 makes such a file invalid, so this parser reports each with
 * line, column and the path of the value. An integer is an integer however it is written
 * (`9007199254740993`, `9.007199254740993e15`, `1e21`). Grammar is RFC 8259 (a leading UTF-8 BOM is
 * tolerated). Invariant: never throws; on a syntax error `value` is undefined and one issue says
 * where. A number that is out of range is returned as `null`, so no Infinity ever leaves the parser.
 */

export interface JsonIssue {
  message: string;
  /** 1-based line and column (in UTF-16 code units) of the offending token. */
  line: number;
  column: number;
  /** Path of the value, e.g. `versions[0].definition.where`; '' for the document. */
  path: string;
  kind: 'syntax' | 'duplicateKey' | 'unsafeInteger' | 'unsafeNumber';
}

export interface StrictJsonResult {
  value: unknown;
  issues: JsonIssue[];
}

const NUMBER_RE = /(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?/y;
/** 2^53 = 9007199254740992 has 16 digits. */
const MAX_SAFE = 2n ** 53n;
const MAX_SAFE_DIGITS = 16;

/**
 * What a number literal's exact decimal value says about its JSON.parse reading: an integer beyond
 * ±2^53, a value that overflows or underflows a double, or fine. Works on the digits, so an
 * exponent of any size costs nothing.
 */
function numberProblem(
  int: string,
  frac: string,
  exp: string,
  parsed: number,
): { kind: 'unsafeInteger' | 'unsafeNumber'; why: string } | null {
  if (!Number.isFinite(parsed))
    return { kind: 'unsafeNumber', why: 'is too large for a JSON number (it would read as Infinity)' };
  const digits = (int + frac).replace(/^0+/, '');
  if (digits === '') return null; // zero, however written
  if (parsed === 0) return { kind: 'unsafeNumber', why: 'is too small for a JSON number (it would read as 0)' };
  const significant = digits.replace(/0+$/, '');
  // value = significant × 10^scale
  const scale = BigInt(exp || '0') - BigInt(frac.length) + BigInt(digits.length - significant.length);
  if (scale < 0n) return null; // has a fractional part: not an integer
  const magnitudeDigits = BigInt(significant.length) + scale;
  if (magnitudeDigits < BigInt(MAX_SAFE_DIGITS)) return null;
  if (magnitudeDigits > BigInt(MAX_SAFE_DIGITS) || BigInt(significant) * 10n ** scale > MAX_SAFE) {
    return { kind: 'unsafeInteger', why: 'is an integer beyond ±2^53, which JSON readers round' };
  }
  return null;
}
const MAX_DEPTH = 512;

class SyntaxFailure extends Error {}

export function parseStrictJson(text: string): StrictJsonResult {
  const issues: JsonIssue[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const where = (at: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: at - lineStart + 1 };
  };
  const fail = (message: string, at = pos): never => {
    issues.push({ message, ...where(at), path: '', kind: 'syntax' });
    throw new SyntaxFailure(message);
  };
  const ws = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? 'end of input' : `'${text[at]}'`);
  const join = (path: string, key: string | number) =>
    typeof key === 'number'
      ? `${path}[${key}]`
      : /^[A-Za-z_$][\w$]*$/.test(key)
        ? path
          ? `${path}.${key}`
          : key
        : `${path}[${JSON.stringify(key)}]`;

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        pos++;
        try {
          return JSON.parse(text.slice(start, pos)) as string;
        } catch {
          return fail('invalid string (bad escape or control character)', start);
        }
      }
      if (c === 92) pos += 2;
      else if (c < 0x20) fail('control character in string; escape it', pos);
      else pos++;
    }
    return fail('unterminated string', start);
  };

  const parseValue = (path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      ws();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail(`expected a key string, found ${describe(pos)}`);
        const keyAt = pos;
        const key = parseString();
        ws();
        if (text[pos] !== ':') fail(`expected ':' after key, found ${describe(pos)}`);
        pos++;
        const child = join(path, key);
        const value = parseValue(child, depth + 1);
        if (seen.has(key)) {
          issues.push({
            message: `duplicate key ${JSON.stringify(key)}`,
            ...where(keyAt),
            path: child,
            kind: 'duplicateKey',
          });
        }
        seen.add(key);
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail(`expected ',' or '}', found ${describe(pos)}`);
      }
    }
    if (c === '[') {
      pos++;
      const arr: unknown[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(join(path, arr.length), depth + 1));
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail(`expected ',' or ']', found ${describe(pos)}`);
      }
    }
    if (c === '"') return parseString();
    if (text.startsWith('true', pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith('false', pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return null;
    }
    NUMBER_RE.lastIndex = pos;
    const m = NUMBER_RE.exec(text);
    if (m) {
      const literal = m[0];
      const at = pos;
      pos += literal.length;
      const value = Number(literal);
      const problem = numberProblem(m[2]!, m[3] ?? '', m[4] ?? '', value);
      if (problem) {
        const shown = literal.length > 40 ? `${literal.slice(0, 37)}...` : literal;
        issues.push({
          message: `${problem.kind === 'unsafeInteger' ? 'integer' : 'number'} ${shown} ${problem.why}`,
          ...where(at),
          path,
          kind: problem.kind,
        });
        if (!Number.isFinite(value)) return null;
      }
      return value;
    }
    return fail(`unexpected ${describe(pos)}`);
  };

  try {
    const value = parseValue('', 0);
    ws();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the JSON value`);
    return { value, issues };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { value: undefined, issues };
    throw e;
  }
}
