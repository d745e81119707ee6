// Encodings (SPEC §10): UTF-16 LE/BE (with and without BOM) and Windows-1252 are transcoded in Node;
// Latin-1 is read natively. The bytes here are written by hand (Node's own utf16le codec, byte swaps
// for BE, explicit cp1252 byte values), independent of the engine's transcoder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { tempDir } from '../engineTestUtils';

const TEXT = 'id,name,city\n1,Zoë Müller,Zürich\n2,François Æbø,Besançon\n3,Ωmega 東京,Tōkyō\n';

function utf16le(s: string, bom: boolean): Buffer {
  const body = Buffer.from(s, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}
function utf16be(s: string, bom: boolean): Buffer {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), be]) : be;
}

describe('encodings', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  const expected = [
    { id: 1, name: 'Zoë Müller', city: 'Zürich' },
    { id: 2, name: 'François Æbø', city: 'Besançon' },
    { id: 3, name: 'Ωmega 東京', city: 'Tōkyō' },
  ];

  for (const [label, bytes] of [
    ['utf-16le with BOM', utf16le(TEXT, true)],
    ['utf-16le without BOM', utf16le(TEXT, false)],
    ['utf-16be with BOM', utf16be(TEXT, true)],
    ['utf-16be without BOM', utf16be(TEXT, false)],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
  ] as const) {
    it(`reads ${label}`, async () => {
      const table = label.replace(/[^a-z0-9]+/g, '_');
      const p = join(t.dir, `${table}.csv`);
      writeFileSync(p, bytes);
      const r = await importFile(ws, { kind: 'path', path: p }, { table });
      expect([r.rows, r.rejected]).toEqual([3, 0]);
      expect(r.columns.map((c) => c.name)).toEqual(['id', 'name', 'city']);
      expect(await ws.query(`SELECT * FROM "${table}" ORDER BY id`)).toEqual(expected);
      expect(readdirSync(ws.stagingDir)).toEqual([]);
    });
  }

  it('reads Windows-1252 (€, curly quotes, é) by transcoding', async () => {
    // "id,label\n1,<0x80> 5\n2,<0x93>caf<0xE9><0x94>\n"
    const bytes = Buffer.from([
      ...Buffer.from('id,label\n1,'),
      0x80,
      ...Buffer.from(' 5\n2,'),
      0x93,
      ...Buffer.from('caf'),
      0xe9,
      0x94,
      0x0a,
    ]);
    const p = join(t.dir, 'cp1252.csv');
    writeFileSync(p, bytes);
    const r = await importFile(ws, { kind: 'path', path: p });
    expect([r.rows, r.rejected]).toEqual([2, 0]);
    expect(await ws.query(`SELECT label FROM cp1252 ORDER BY id`)).toEqual([
      { label: '€ 5' },
      { label: '\u201ccafé\u201d' },
    ]);
  });

  it('reads a Latin-1 file whose first € comes after the detection head as Windows-1252', async () => {
    // 3,000 lines of "Zoë" (Latin-1 0xEB, > 64 KB in all), then a line with 0x80 (€ in Windows-1252).
    const filler = Array.from({ length: 3000 }, (_, i) =>
      Buffer.from([...Buffer.from(`${i + 1},Zo`), 0xeb, ...Buffer.from(' ' + 'x'.repeat(20) + '\n')]),
    );
    const bytes = Buffer.concat([
      Buffer.from('id,label\n'),
      ...filler,
      Buffer.from([...Buffer.from('3001,'), 0x80, ...Buffer.from(' 5\n')]),
    ]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const p = join(t.dir, 'late_euro.csv');
    writeFileSync(p, bytes);
    const r = await importFile(ws, { kind: 'path', path: p });
    expect([r.rows, r.rejected]).toEqual([3001, 0]);
    expect(await ws.query(`SELECT label FROM late_euro WHERE id IN (1, 3001) ORDER BY id`)).toEqual([
      { label: `Zoë ${'x'.repeat(20)}` },
      { label: '€ 5' },
    ]);
  });

  it('reads Latin-1 (detected as its superset Windows-1252)', async () => {
    const bytes = Buffer.from([
      ...Buffer.from('id,word\n1,na'),
      0xef,
      ...Buffer.from('ve\n2,'),
      0xc5,
      ...Buffer.from('se\n'),
    ]);
    const p = join(t.dir, 'latin1.csv');
    writeFileSync(p, bytes);
    const r = await importFile(ws, { kind: 'path', path: p });
    expect([r.rows, r.rejected]).toEqual([2, 0]);
    expect(await ws.query(`SELECT word FROM latin1 ORDER BY id`)).toEqual([{ word: 'naïve' }, { word: 'Åse' }]);
  });

  it('reads a UTF-16 TSV', async () => {
    const p = join(t.dir, 'wide.tsv');
    writeFileSync(p, utf16le('id\tname\n1\tÉlodie\n2\tJürgen\n', true));
    const r = await importFile(ws, { kind: 'path', path: p });
    expect(await ws.query(`SELECT name FROM wide ORDER BY id`)).toEqual([{ name: 'Élodie' }, { name: 'Jürgen' }]);
    expect(r.rows).toBe(2);
  });
});
