// Rename, delete to .trash, restore, and metadata-only saves, through the segments service on a real
// workspace. Expectations are independent of the code: bytes read back from disk are compared with the
// bytes before, hashes recomputed here with node:crypto over a hand-sorted canonical JSON.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segmentsTestUtils';

let t: TestWorkspace;
beforeAll(async () => {
  t = await openFixtureWorkspace();
});
afterAll(() => t.close());

const read = (rel: string) => readFileSync(path.join(t.dir, rel));
const json = (rel: string) =>
  JSON.parse(read(rel).toString('utf8')) as {
    id: string;
    name: string;
    description?: string;
    tags?: string[];
    versions: { version: number; hash: string; definition: unknown }[];
  };
/** The file's text from `"versions"` on: what a rename must leave byte-identical. */
const versionsText = (rel: string) => {
  const text = read(rel).toString('utf8');
  return text.slice(text.indexOf('"versions"'));
};

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // ASCII keys: code units = code points
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
const sha = (def: unknown) => `sha256:${createHash('sha256').update(canonical(def), 'utf8').digest('hex')}`;

const pro = { entity, asOf: { kind: 'snapshot' }, where: { field: 'plan', op: 'eq', value: 'pro' } };
const pro150 = {
  entity,
  asOf: { kind: 'snapshot' },
  where: {
    all: [
      { field: 'plan', op: 'eq', value: 'pro' },
      { field: 'mrr', op: 'gte', value: 120 },
    ],
  },
};

async function twoVersions(name: string): Promise<string> {
  const a = await t.api.saveDefinition({ name, description: 'first', tags: ['x'], definition: pro, note: 'v1' });
  const b = await t.api.saveDefinition({ file: a.file, name, definition: pro150, note: 'v2' });
  expect(b.version).toBe(2);
  return a.file;
}

describe('renameDefinition', () => {
  it('changes the name and the file name, keeping every version and hash byte-identical', async () => {
    const file = await twoVersions('Pro accounts');
    expect(file).toBe('segments/pro-accounts.segment.json');
    const before = json(file);
    const beforeVersions = versionsText(file);
    const r = await t.api.renameDefinition({ file, name: 'Paying pros' });
    expect(r).toEqual({ file: 'segments/paying-pros.segment.json', previousFile: file, name: 'Paying pros' });
    expect(existsSync(path.join(t.dir, file))).toBe(false);
    const after = json(r.file);
    expect(after.name).toBe('Paying pros');
    expect(after.id).toBe(before.id);
    expect(after.description).toBe('first');
    expect(versionsText(r.file)).toBe(beforeVersions);
    // The service records `fields` in each definition, so the hash is recomputed over what is stored.
    expect(after.versions.map((v) => v.hash)).toEqual(before.versions.map((v) => v.hash));
    expect(after.versions.map((v) => sha(v.definition))).toEqual(before.versions.map((v) => v.hash));
    expect(after.versions.map((v) => (v.definition as { where: unknown }).where)).toEqual([pro.where, pro150.where]);
    // Still valid, with its count: pro and mrr ≥ 120 are A5 (150) and A6 (120).
    const doc = await t.api.readDefinition({ file: r.file });
    expect(doc.valid).toBe(true);
    expect(doc.versions.every((v) => v.hashValid)).toBe(true);
    expect((await t.api.countSegment({ target: { file: r.file } })).count).toBe(2);
  });

  it('keeps keys it does not know (top level, version, definition) and renames schemes in schemes/', async () => {
    const scheme = {
      entity,
      asOf: { kind: 'snapshot' },
      tiers: [{ name: 'Pro', where: { field: 'plan', op: 'eq', value: 'pro' } }],
      otherwise: 'Other',
    };
    const saved = await t.api.saveDefinition({ kind: 'scheme', name: 'Plan tiers', definition: scheme, note: 'v1' });
    const full = path.join(t.dir, saved.file);
    const raw = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown> & {
      versions: Record<string, unknown>[];
    };
    raw.x_owner = 'growth team';
    raw.versions[0]!.x_review = { by: 'ana' };
    writeFileSync(full, `${JSON.stringify(raw, null, 2)}\n`);
    const r = await t.api.renameDefinition({ file: saved.file, name: 'Plan groups' });
    expect(r.file).toBe('schemes/plan-groups.scheme.json');
    const after = JSON.parse(readFileSync(path.join(t.dir, r.file), 'utf8')) as typeof raw;
    expect(after).toEqual({ ...raw, name: 'Plan groups' });
    expect((await t.api.readDefinition({ file: r.file })).valid).toBe(true);
  });

  it('can keep the file name', async () => {
    const file = await twoVersions('Keep file');
    const r = await t.api.renameDefinition({ file, name: 'Another label', renameFile: false });
    expect(r.file).toBe(file);
    expect(json(file).name).toBe('Another label');
  });

  it('refuses to overwrite another file, leaving both untouched', async () => {
    const a = await twoVersions('Alpha');
    const b = await twoVersions('Beta');
    const bytesA = read(a);
    const bytesB = read(b);
    await expect(t.api.renameDefinition({ file: a, name: 'Beta!' })).rejects.toThrow(
      /segments\/beta\.segment\.json already exists/,
    );
    expect(read(a).equals(bytesA)).toBe(true);
    expect(read(b).equals(bytesB)).toBe(true);
  });

  it('refuses paths outside segments/ and schemes/, and blank names', async () => {
    writeFileSync(path.join(t.dir, 'outside.segment.json'), '{}');
    await expect(t.api.renameDefinition({ file: '../outside.segment.json', name: 'x' })).rejects.toThrow(
      /inside the workspace/,
    );
    await expect(t.api.renameDefinition({ file: 'outside.segment.json', name: 'x' })).rejects.toThrow(
      /inside the workspace/,
    );
    await expect(t.api.renameDefinition({ file: 'segments/../outside.segment.json', name: 'x' })).rejects.toThrow(
      /inside the workspace/,
    );
    await expect(t.api.renameDefinition({ file: 'segments/missing.segment.json', name: 'x' })).rejects.toThrow(
      /No definition file segments\/missing/,
    );
    expect(existsSync(path.join(t.dir, 'outside.segment.json'))).toBe(true);
  });
});

describe('deleteDefinition and restoreDefinition', () => {
  it('moves the file to .trash and restores it with identical bytes', async () => {
    const file = await twoVersions('Trash me');
    const bytes = read(file);
    const id = json(file).id;
    const entry = await t.api.deleteDefinition({ file });
    expect(existsSync(path.join(t.dir, file))).toBe(false);
    expect(entry.trashFile).toMatch(/^\d{8}T\d{9}Z-trash-me\.segment\.json$/);
    expect(entry).toMatchObject({ originalFile: file, kind: 'segment', id, name: 'Trash me' });
    expect(Math.abs(Date.parse(entry.deletedAt) - Date.now())).toBeLessThan(60_000);
    expect(readFileSync(path.join(t.dir, '.trash', entry.trashFile)).equals(bytes)).toBe(true);
    expect((await t.api.listDefinitions({})).some((d) => d.file === file)).toBe(false);
    expect((await t.api.listTrash({}))[0]).toEqual(entry);

    const back = await t.api.restoreDefinition({ trashFile: entry.trashFile });
    expect(back).toEqual({ file, name: 'Trash me' });
    expect(read(file).equals(bytes)).toBe(true);
    expect(existsSync(path.join(t.dir, '.trash', entry.trashFile))).toBe(false);
    expect((await t.api.listTrash({})).some((e) => e.trashFile === entry.trashFile)).toBe(false);
  });

  it('restores beside a file that took the name meanwhile', async () => {
    const file = await twoVersions('Taken');
    const entry = await t.api.deleteDefinition({ file });
    const again = await t.api.saveDefinition({ name: 'Taken', definition: pro, note: 'new one' });
    expect(again.file).toBe(file);
    const back = await t.api.restoreDefinition({ trashFile: entry.trashFile });
    expect(back.file).toBe('segments/taken-2.segment.json');
    expect(json(back.file).versions).toHaveLength(2);
    expect(json(file).versions).toHaveLength(1);
  });

  it('two deletions of one name in the same millisecond both stay in the trash', async () => {
    const file = await twoVersions('Twice');
    const first = await t.api.deleteDefinition({ file });
    await t.api.saveDefinition({ name: 'Twice', definition: pro, note: 'again' });
    const second = await t.api.deleteDefinition({ file });
    expect(second.trashFile).not.toBe(first.trashFile);
    const names = readdirSync(path.join(t.dir, '.trash'));
    expect(names).toEqual(expect.arrayContaining([first.trashFile, second.trashFile]));
  });

  it('a file whose name starts with digits comes back under that name', async () => {
    const saved = await t.api.saveDefinition({ name: '2 seats', definition: pro, note: 'v1' });
    expect(saved.file).toBe('segments/2-seats.segment.json');
    const entry = await t.api.deleteDefinition({ file: saved.file });
    expect(entry.originalFile).toBe(saved.file);
    expect((await t.api.restoreDefinition({ trashFile: entry.trashFile })).file).toBe(saved.file);
  });

  it('refuses traversal and files elsewhere', async () => {
    writeFileSync(path.join(t.dir, 'keep.segment.json'), '{}');
    await expect(t.api.deleteDefinition({ file: '../keep.segment.json' })).rejects.toThrow(/inside the workspace/);
    await expect(t.api.deleteDefinition({ file: 'keep.segment.json' })).rejects.toThrow(/inside the workspace/);
    await expect(t.api.deleteDefinition({ file: 'workspace.duckdb' })).rejects.toThrow(/inside the workspace/);
    await expect(t.api.deleteDefinition({ file: path.join(t.dir, 'keep.segment.json') })).rejects.toThrow(
      /inside the workspace/,
    );
    expect(existsSync(path.join(t.dir, 'keep.segment.json'))).toBe(true);
    await expect(t.api.restoreDefinition({ trashFile: '../keep.segment.json' })).rejects.toThrow(
      /not a file name in \.trash/,
    );
    await expect(t.api.restoreDefinition({ trashFile: '20260101T000000000Z-nothing.segment.json' })).rejects.toThrow(
      /Nothing named/,
    );
  });

  it('deletes and restores a scheme into schemes/', async () => {
    const scheme = {
      entity,
      asOf: { kind: 'snapshot' },
      tiers: [{ name: 'Pro', where: { field: 'plan', op: 'eq', value: 'pro' } }],
      otherwise: 'Other',
    };
    const saved = await t.api.saveDefinition({ kind: 'scheme', name: 'Plans', definition: scheme, note: 'v1' });
    expect(saved.file).toBe('schemes/plans.scheme.json');
    const entry = await t.api.deleteDefinition({ file: saved.file });
    expect(entry.kind).toBe('scheme');
    expect((await t.api.restoreDefinition({ trashFile: entry.trashFile })).file).toBe(saved.file);
  });
});

describe('saveDefinition metadata', () => {
  it('updates name, description and tags without a new version or any hash change', async () => {
    const file = await twoVersions('Meta');
    const beforeVersions = versionsText(file);
    const stored = json(file).versions[1]!;
    const r = await t.api.saveDefinition({
      file,
      name: 'Meta renamed',
      description: 'what it is for',
      tags: ['a', 'b'],
      definition: pro150,
      note: 'unused',
    });
    expect(r).toMatchObject({ file, version: 2, appended: false, metadataUpdated: true, hash: sha(stored.definition) });
    const after = json(file);
    expect(after).toMatchObject({ name: 'Meta renamed', description: 'what it is for', tags: ['a', 'b'] });
    expect(versionsText(file)).toBe(beforeVersions);
  });

  it('writes nothing when neither the definition nor the metadata changed', async () => {
    const file = await twoVersions('Same');
    const bytes = read(file);
    const r = await t.api.saveDefinition({ file, name: 'Same', definition: pro150, note: '' });
    expect(r.appended).toBe(false);
    expect(r.metadataUpdated).toBe(false);
    expect(read(file).equals(bytes)).toBe(true);
  });

  it('an omitted description keeps the stored one', async () => {
    const file = await twoVersions('Omit');
    await t.api.saveDefinition({ file, name: 'Omit', definition: pro, note: 'v3' });
    expect(json(file)).toMatchObject({ description: 'first', tags: ['x'] });
    expect(json(file).versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
