import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compareCodePoints } from '../../../shared/segments/canonicalJson';
import { hashDefinition } from '../../../shared/segments/hash';
import { sha256Hex, sha256HexOfString, utf8Encode } from '../../../shared/segments/sha256';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256', () => {
  it('matches the FIPS 180-2 / NIST test vectors', () => {
    expect(sha256HexOfString('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexOfString('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOfString('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256HexOfString('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });
  it('agrees with node:crypto at every length around the padding boundaries and on non-ASCII text', () => {
    for (let n = 0; n < 200; n++) {
      const s = 'x€😀'.repeat(n).slice(0, n);
      expect(sha256HexOfString(s)).toBe(nodeSha(s));
    }
  });
  it('encodes UTF-8 like TextEncoder, lone surrogates as U+FFFD', () => {
    for (const s of ['héllo', '😀', 'a\uD800b', '\uDC00', 'ﬁ\u{10FFFF}']) {
      expect(Array.from(utf8Encode(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256HexOfString('abc'));
  });
});

describe('canonical JSON (§5)', () => {
  it('sorts keys by code point, not UTF-16 code units', () => {
    // U+FB01 < U+1F600 by code point; as UTF-16 the emoji's lead surrogate 0xD83D sorts first.
    expect(canonicalJson({ '\u{1F600}': 1, '\uFB01': 2 })).toBe('{"\uFB01":2,"\u{1F600}":1}');
    expect(compareCodePoints('\uFB01', '\u{1F600}')).toBe(-1);
    expect(compareCodePoints('a', 'a b')).toBe(-1);
    expect(compareCodePoints('', '')).toBe(0);
  });
  it('writes numbers and strings as JSON.stringify does, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, {}, [], [[1, [2]]]], é: 'x"\n\u2028', 'a b': null, Z: true })).toBe(
      '{"Z":true,"a":[1e+21,0.1,0,{},[],[[1,[2]]]],"a b":null,"b":1,"é":"x\\"\\n\u2028"}',
    );
    expect(canonicalJson(1.5e-7)).toBe('1.5e-7');
    expect(canonicalJson(123456789012345680000)).toBe('123456789012345680000');
    expect(canonicalJson('\uD800')).toBe('"\\ud800"');
  });
  it('rejects non-JSON values instead of writing something silently', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson(1n)).toThrow();
  });
  it('hashes the UTF-8 bytes of the canonical text with a sha256: prefix', () => {
    const def = { where: { all: [] }, entity: { table: 'accounts', key: 'account_id' }, ü: [0.1, 1e21] };
    const text = '{"entity":{"key":"account_id","table":"accounts"},"where":{"all":[]},"ü":[0.1,1e+21]}';
    expect(canonicalJson(def)).toBe(text);
    expect(hashDefinition(def)).toBe(`sha256:${nodeSha(text)}`);
    // Key order and whitespace in the source never change the hash.
    expect(
      hashDefinition(
        JSON.parse('{ "ü" : [0.1, 1E21], "where": {"all": []}, "entity": {"table":"accounts","key":"account_id"} }'),
      ),
    ).toBe(hashDefinition(def));
  });
});
