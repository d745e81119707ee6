import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../../shared/segments/strictJson';

describe('strict JSON reader', () => {
  it('parses what JSON.parse parses, to the same value', () => {
    for (const text of [
      '{"a":[1,2.5,-0,1.5e-7,9007199254740992,-9.007199254740992e15,0e999,"x\\u00e9\\n"],"b":{"c":null,"d":true,"e":false}}',
      '[]',
      '{}',
      ' "s" ',
      '0',
      '[[[]]]',
    ]) {
      const r = parseStrictJson(text);
      expect(r.issues).toEqual([]);
      expect(r.value).toEqual(JSON.parse(text));
    }
  });
  it('reports duplicate keys with line, column and path', () => {
    const r = parseStrictJson('{\n  "versions": [{"definition": {"where": {}, "where": {"all": []}}}]\n}');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      kind: 'duplicateKey',
      line: 2,
      column: 45,
      path: 'versions[0].definition.where',
    });
  });
  it('reports integers beyond ±2^53 that JSON.parse would round silently', () => {
    const r = parseStrictJson(
      '{"v": 9007199254740993, "w": -9007199254740993, "ok": 9007199254740992, "e": 1e21, "f": 12.0}',
    );
    expect(r.issues.map((i) => i.path)).toEqual(['v', 'w', 'e']);
    expect(r.issues[0]!.message).toContain('9007199254740993');
  });
  it('an integer is an integer however it is written: exponent, fraction of zeros, leading zeros of the fraction', () => {
    // Each of these is exactly 9007199254740993 or more (JSON.parse rounds the first three to ...992).
    const unsafe = [
      '9007199254740993.0',
      '9.007199254740993e15',
      '900719925474099.3e1',
      '1E16',
      '-1.0e+300',
      '12345678901234567890',
    ];
    for (const n of unsafe)
      expect(parseStrictJson(`{"a": [${n}]}`).issues, n).toMatchObject([{ kind: 'unsafeInteger', path: 'a[0]' }]);
    // Not integers, or within ±2^53: fine (a fraction keeps its usual double rounding).
    for (const n of [
      '9007199254740992.0',
      '9.007199254740992e15',
      '9007199254740992.5',
      '1.5e-7',
      '-0.0',
      '0e400',
      '4503599627370496.5',
    ]) {
      expect(parseStrictJson(`{"a": ${n}}`).issues, n).toEqual([]);
    }
  });
  it('numbers a double cannot hold are reported, not read as Infinity or 0', () => {
    const r = parseStrictJson('{"where": {"value": 1e400}, "b": [-1e400], "c": 1e-400, "d": 5e-324}');
    expect(r.issues.map((i) => [i.path, i.kind])).toEqual([
      ['where.value', 'unsafeNumber'],
      ['b[0]', 'unsafeNumber'],
      ['c', 'unsafeNumber'],
    ]);
    expect(r.issues[0]!.message).toMatch(/1e400 is too large/);
    expect(r.issues[2]!.message).toMatch(/1e-400 is too small/);
    // Nothing non-finite leaves the parser (a hash or a serialiser downstream would throw on it).
    expect(r.value).toEqual({ where: { value: null }, b: [null], c: 0, d: 5e-324 });
  });
  it('reports syntax errors with a position and never throws', () => {
    const cases: [string, number, number][] = [
      ['{"a": 1,}', 1, 9],
      ['{"a" 1}', 1, 6],
      ['[1, 2', 1, 6],
      ['{"a": tru}', 1, 7],
      ['', 1, 1],
      ['{"a":1} x', 1, 9],
      ['"a\tb"', 1, 3],
      ['01', 1, 2],
    ];
    for (const [text, line, column] of cases) {
      const r = parseStrictJson(text);
      expect(r.value, text).toBeUndefined();
      expect(r.issues[0], text).toMatchObject({ kind: 'syntax', line, column });
    }
  });
  it('keeps a "__proto__" key as data, like JSON.parse', () => {
    const r = parseStrictJson('{"__proto__": {"x": 1}}');
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
  it('tolerates a UTF-8 BOM', () => {
    expect(parseStrictJson('\uFEFF{"a":1}').value).toEqual({ a: 1 });
  });
});
