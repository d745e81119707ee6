import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendVersion,
  createDefinitionFile,
  readDefinitionFile,
  serializeDefinitionFile,
} from '../../../shared/segments/file';
import { hashDefinition } from '../../../shared/segments/hash';
import type { SegmentDefinition } from '../../../shared/segments/model';
import { demoSchemas } from './segmentsTestUtils';

const definition: SegmentDefinition = {
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'snapshot' },
  where: { all: [{ field: 'plan', op: 'in', values: ['pro'] }] },
  fields: { accounts: { account_id: 'VARCHAR', plan: 'VARCHAR' } },
};
// Hash computed independently: canonical text written by hand, hashed by node:crypto.
const canonical =
  '{"asOf":{"kind":"snapshot"},"entity":{"key":"account_id","table":"accounts"},"fields":{"accounts":{"account_id":"VARCHAR","plan":"VARCHAR"}},"where":{"all":[{"field":"plan","op":"in","values":["pro"]}]}}';
const expectedHash = `sha256:${createHash('sha256').update(canonical).digest('hex')}`;

function fileText(overrides: Record<string, unknown> = {}, versionOverrides: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      format: 'segment-workbench',
      formatVersion: 1,
      kind: 'segment',
      id: '01J',
      name: 'Pro',
      tags: [],
      versions: [
        {
          version: 1,
          createdAt: '2026-11-02T09:00:00Z',
          author: 'a',
          note: 'n',
          hash: expectedHash,
          definition,
          ...versionOverrides,
        },
      ],
      ...overrides,
    },
    null,
    2,
  );
}

describe('readDefinitionFile', () => {
  it('accepts a valid file and checks the hash per version', () => {
    const r = readDefinitionFile(fileText(), { schemas: demoSchemas });
    expect(r.diagnostics).toEqual([]);
    expect(r.valid).toBe(true);
  });
  it('reports a tampered definition by version', () => {
    const r = readDefinitionFile(fileText({}, { definition: { ...definition, where: { all: [] } } }));
    expect(r.valid).toBe(false);
    expect(r.diagnostics[0]!.path).toBe('versions[0].hash');
    expect(r.diagnostics[0]!.message).toContain('version 1: hash does not match');
  });
  it('refuses a newer formatVersion with a clear message', () => {
    const r = readDefinitionFile(fileText({ formatVersion: 2 }));
    expect(r.file).toBeNull();
    expect(r.diagnostics[0]!.message).toContain('formatVersion 2 is newer');
  });
  it('rejects duplicate keys and unsafe integers that JSON.parse would accept', () => {
    const dup = fileText().replace('"name": "Pro"', '"name": "Pro", "name": "X"');
    expect(readDefinitionFile(dup).valid).toBe(false);
    const big = fileText().replace('"formatVersion": 1', '"formatVersion": 1, "x": 9007199254740993');
    expect(readDefinitionFile(big).diagnostics.map((d) => d.path)).toEqual(['x']);
  });
  it('a duplicate key or an unholdable number inside a definition makes the file unusable, by path', () => {
    // The hash is recomputed after the edit, as a careful tamperer would: the hash check cannot catch it.
    const withWhere = (where: string) => {
      let hash = expectedHash;
      try {
        hash = hashDefinition({ ...definition, where: JSON.parse(where) });
      } catch {
        // 1e400: JSON.parse reads Infinity, which has no hash; the file's stays as it was.
      }
      return fileText({}, { hash }).replace(/"where": \{[\s\S]*?\n {8}\}/, `"where": ${where}`);
    };
    const cases: [string, string, RegExp][] = [
      [
        '{"field": "plan", "op": "eq", "value": "pro", "value": "free"}',
        'versions[0].definition.where.value',
        /duplicate key "value"/,
      ],
      [
        '{"field": "mrr", "op": "gt", "value": 9007199254740993}',
        'versions[0].definition.where.value',
        /beyond ±2\^53/,
      ],
      ['{"field": "mrr", "op": "gt", "value": 1e400}', 'versions[0].definition.where.value', /too large/],
      [
        '{"all": [{"field": "mrr", "op": "gt", "value": 1}, {"field": "mrr", "op": "lt", "value": 2.0e16}]}',
        'versions[0].definition.where.all[1].value',
        /beyond ±2\^53/,
      ],
    ];
    for (const [where, path, message] of cases) {
      const text = withWhere(where);
      expect(text, where).toContain(where);
      const r = readDefinitionFile(text);
      expect(r.valid, where).toBe(false);
      expect(r.file, where).toBeNull();
      expect(
        r.diagnostics.map((d) => d.path),
        where,
      ).toEqual([path]);
      expect(r.diagnostics[0]!.message, where).toMatch(message);
      expect(r.diagnostics[0]!.message.startsWith(`${path}: `), where).toBe(true);
    }
  });
  it('reports two versions with one number and different hashes', () => {
    const f = JSON.parse(fileText());
    const other = { ...definition, where: { all: [] } };
    f.versions.push({
      version: 1,
      createdAt: 'x',
      hash: `sha256:${createHash('sha256').update('{"asOf":{"kind":"snapshot"},"entity":{"key":"account_id","table":"accounts"},"fields":{"accounts":{"account_id":"VARCHAR","plan":"VARCHAR"}},"where":{"all":[]}}').digest('hex')}`,
      definition: other,
    });
    const r = readDefinitionFile(JSON.stringify(f));
    expect(r.diagnostics.map((d) => d.path)).toEqual(['versions[1].version']);
    expect(r.valid).toBe(false);
  });
  it('roots rule diagnostics at the file', () => {
    const bad = {
      ...definition,
      where: {
        all: [
          { field: 'plan', op: 'eq', value: 'x' },
          { field: 'plan', op: 'inLast', n: 1, unit: 'day' },
        ],
      },
    };
    const f = JSON.parse(fileText());
    f.versions[0].definition = bad;
    f.versions[0].hash = hashDefinition(bad); // hashing is tested elsewhere; this test is about paths
    const r = readDefinitionFile(JSON.stringify(f), { schemas: demoSchemas });
    expect(r.diagnostics).toEqual([
      {
        path: 'versions[0].definition.where.all[1]',
        severity: 'error',
        message:
          "Condition 2 (plan in the last 1 day): 'in the last' (inLast) needs a date or timestamp field; plan is text (VARCHAR). Choose another operator or field",
      },
    ]);
  });
  it('without a workspace, a definition with no fields record is valid with a warning (never refused for it)', () => {
    const { fields: _omit, ...bare } = definition;
    const f = JSON.parse(fileText());
    f.versions[0].definition = bare;
    f.versions[0].hash = hashDefinition(bare);
    const r = readDefinitionFile(JSON.stringify(f));
    expect(r.valid).toBe(true);
    expect(r.diagnostics.map((d) => [d.path, d.severity])).toEqual([['versions[0].definition.fields', 'warning']]);
  });
  it('reports syntax errors with line and column, and non-files', () => {
    expect(readDefinitionFile('{\n "format": }').diagnostics[0]!.message).toMatch(/^line 2, column 12: /);
    expect(readDefinitionFile('{"format": "other"}').file).toBeNull();
    expect(readDefinitionFile(fileText({ versions: [] })).valid).toBe(false);
  });
});

describe('appendVersion and serialise', () => {
  it('appends n+1 with a note, keeps unknown keys, and appends nothing for an unchanged definition', () => {
    const read = readDefinitionFile(fileText({ futureKey: { a: 1 } }, { extra: true }));
    const file = read.file!;
    expect(appendVersion(file, JSON.parse(JSON.stringify(definition)), 'same', 'b', '2026-11-03T00:00:00Z')).toBe(file);
    const next = appendVersion(
      file,
      { ...definition, where: { all: [] } },
      'loosen',
      'b',
      new Date('2026-11-03T10:00:00Z'),
    );
    expect(next.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(next.versions[1]).toMatchObject({ note: 'loosen', author: 'b', createdAt: '2026-11-03T10:00:00Z' });
    expect(file.versions).toHaveLength(1);
    const text = serializeDefinitionFile(next);
    const again = readDefinitionFile(text);
    expect(again.valid).toBe(true);
    expect((again.file as unknown as Record<string, unknown>).futureKey).toEqual({ a: 1 });
    expect((again.file!.versions[0] as unknown as Record<string, unknown>).extra).toBe(true);
    expect(Object.keys(JSON.parse(text)).slice(0, 3)).toEqual(['format', 'formatVersion', 'kind']);
    expect(again.file!.versions[0]!.hash).toBe(expectedHash);
  });
  it('creates a file whose version 1 hash verifies', () => {
    const f = createDefinitionFile({
      kind: 'segment',
      id: 'x',
      name: 'X',
      definition,
      now: '2026-11-01T00:00:00.000Z',
    });
    expect(f.versions[0]!.hash).toBe(expectedHash);
    expect(readDefinitionFile(serializeDefinitionFile(f)).valid).toBe(true);
  });
});
