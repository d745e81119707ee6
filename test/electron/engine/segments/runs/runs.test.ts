// Definition files, members, measurements, exports, explain and funnel on the hand-made fixture
// workspace (expected values computed by hand from test/electron/engine/segments/fixtures).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashDefinition } from '../../../../../shared/segments/hash';
import { entity, openFixtureWorkspace, type TestWorkspace } from '../segmentsTestUtils';

let t: TestWorkspace;
beforeAll(async () => {
  t = await openFixtureWorkspace();
});
afterAll(() => t.close());

const pro = { entity, where: { field: 'plan', op: 'eq', value: 'pro' } };

describe('definition files', () => {
  it('saves a new file with fields, appends versions, lists and reads them', async () => {
    const saved = await t.api.saveDefinition({ name: 'Pro accounts', definition: pro, note: 'first' });
    expect(saved).toMatchObject({ file: 'segments/pro-accounts.segment.json', version: 1, appended: true });
    const file = JSON.parse(readFileSync(path.join(t.dir, saved.file), 'utf8'));
    const def = file.versions[0].definition;
    expect(def.fields).toEqual({ accounts: { account_id: 'VARCHAR', plan: 'VARCHAR' } });
    expect(file.versions[0].hash).toBe(hashDefinition(def));
    expect(file.id).toBe(saved.id);

    const same = await t.api.saveDefinition({ file: saved.file, name: 'Pro accounts', definition: pro, note: 'again' });
    expect(same).toMatchObject({ version: 1, appended: false });
    const v2 = await t.api.saveDefinition({
      file: saved.file,
      name: 'Pro accounts',
      definition: { ...pro, where: { field: 'mrr', op: 'gte', value: 120 } },
      note: 'by mrr',
    });
    expect(v2).toMatchObject({ version: 2, appended: true });

    const list = await t.api.listDefinitions({});
    expect(list).toEqual([
      expect.objectContaining({
        file: saved.file,
        kind: 'segment',
        name: 'Pro accounts',
        latestVersion: 2,
        valid: true,
        hasSql: false,
        entityTable: 'accounts',
      }),
    ]);
    const doc = await t.api.readDefinition({ file: saved.file });
    expect(doc.versions.map((v) => [v.version, v.note, v.hashValid])).toEqual([
      [1, 'first', true],
      [2, 'by mrr', true],
    ]);

    // Running the file uses the latest version unless one is named: mrr >= 120 → A4, A5, A6.
    expect((await t.api.countSegment({ target: { file: saved.file } })).count).toBe(3);
    const v1 = await t.api.countSegment({ target: { file: saved.file, version: 1 } });
    expect(v1).toMatchObject({
      count: 3,
      version: 1,
      segment: 'Pro accounts',
      id: saved.id,
      hash: file.versions[0].hash,
    });
  });

  it('refuses to write outside segments/ and schemes/', async () => {
    await expect(
      t.api.saveDefinition({ file: '../evil.segment.json', name: 'x', definition: pro }),
    ).rejects.toMatchObject({ code: 'usage' });
  });

  it('a tampered file is refused by version', async () => {
    const saved = await t.api.saveDefinition({ name: 'Tampered', definition: pro, note: 'x' });
    const text = readFileSync(path.join(t.dir, saved.file), 'utf8').replace('"value": "pro"', '"value": "free"');
    await expect(t.api.countSegment({ target: { text, name: 'tampered.segment.json' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/hash/),
    });
    const report = await t.api.validateDefinition({ target: { text, name: 'tampered.segment.json' } });
    expect(report.valid).toBe(false);
    expect(report.diagnostics.map((d) => d.path)).toContain('versions[0].hash');
  });

  it('validate reports paths rooted at the file', async () => {
    const saved = await t.api.saveDefinition({
      name: 'Valid',
      definition: {
        entity,
        where: {
          all: [
            { field: 'plan', op: 'eq', value: 'pro' },
            { field: 'mrr', op: 'gt', value: 1 },
          ],
        },
      },
      note: 'x',
    });
    const good = await t.api.validateDefinition({ target: { file: saved.file } });
    expect(good).toMatchObject({ valid: true });
    const draft = await t.api.validateDefinition({
      target: {
        definition: {
          entity,
          where: {
            all: [
              { field: 'plan', op: 'eq', value: 'pro' },
              { field: 'plan', op: 'inLast', n: 3, unit: 'day' },
            ],
          },
        },
      },
    });
    expect(draft.valid).toBe(false);
    expect(draft.diagnostics.find((d) => d.severity === 'error')?.path).toMatch(/^where\.all\[1\]/);
  });
});

describe('members, explain, funnel', () => {
  it('pages members by key without OFFSET', async () => {
    const target = { definition: { entity, where: { field: 'mrr', op: 'gte', value: 20 } } };
    // mrr >= 20: A1, A3, A4, A5, A6
    const p1 = await t.api.segmentMembers({ target, columns: ['mrr'], limit: 2 });
    expect(p1.rows).toEqual([
      { account_id: 'A1', mrr: 100 },
      { account_id: 'A3', mrr: 20 },
    ]);
    const p2 = await t.api.segmentMembers({ target, columns: ['mrr'], limit: 2, after: p1.nextAfter as string });
    expect(p2.rows.map((r) => r.account_id)).toEqual(['A4', 'A5']);
    const p3 = await t.api.segmentMembers({ target, columns: ['mrr'], limit: 2, after: p2.nextAfter as string });
    expect(p3.rows.map((r) => r.account_id)).toEqual(['A6']);
    expect(p3.nextAfter).toBeNull();
  });

  it('explains which conditions a row passes', async () => {
    const where = {
      all: [
        { field: 'plan', op: 'eq', value: 'pro' },
        {
          any: [
            { field: 'nps', op: 'gte', value: 9 },
            { field: 'mrr', op: 'gte', value: 140 },
          ],
        },
      ],
    };
    const a5 = await t.api.explainRow({ target: { definition: { entity, where } }, key: 'A5' });
    // A5: pro, nps NULL (fails), mrr 150 (passes)
    expect(a5.inSegment).toBe(true);
    expect(a5.root?.children?.[0]).toMatchObject({ path: 'where.all[0]', pass: true, value: 'pro' });
    expect(a5.root?.children?.[1]?.children?.map((c) => [c.path, c.pass, c.value])).toEqual([
      ['where.all[1].any[0]', false, null],
      ['where.all[1].any[1]', true, 150],
    ]);
    const a6 = await t.api.explainRow({ target: { definition: { entity, where } }, key: 'A6' });
    expect(a6.inSegment).toBe(false);
    const none = await t.api.explainRow({ target: { definition: { entity, where } }, key: 'nobody' });
    expect(none).toMatchObject({ found: false, inSegment: false });
  });

  it('funnel: alone and cumulative per top-level condition', async () => {
    const where = {
      all: [
        { field: 'plan', op: 'eq', value: 'pro' },
        { field: 'mrr', op: 'gte', value: 120 },
        { field: 'nps', op: 'isNotEmpty' },
      ],
    };
    const f = await t.api.segmentFunnel({ target: { definition: { entity, where } } });
    // pro: A1 A5 A6 (3); mrr >= 120: A4 A5 A6 (3) → with pro: A5 A6 (2); nps present: A1 A3 A4 A6 (4) → A6 (1)
    expect(f.total).toBe(6);
    expect(f.steps.map((s) => [s.alone, s.cumulative])).toEqual([
      [3, 3],
      [3, 2],
      [4, 1],
    ]);
  });
});

describe('measure and export', () => {
  it('appends measurement records per snapshot and lists them', async () => {
    const saved = await t.api.saveDefinition({ name: 'Pro for measure', definition: pro, note: 'x' });
    const recs = await t.api.measureSegment({ target: { file: saved.file }, allSnapshots: true, measures: ['mrr'] });
    // 2026-10-01: A1, A3 pro (mrr 90 + 40); 2026-11-01: A1, A5, A6 (370)
    expect(recs.map((r) => [r.snapshotAsOf, r.count, r.total, r.measures[0]?.sum])).toEqual([
      ['2026-10-01', 2, 3, 130],
      ['2026-11-01', 3, 6, 370],
    ]);
    expect(recs[1]).toMatchObject({
      segmentId: saved.id,
      version: 1,
      hash: saved.hash,
      table: 'accounts',
      asOf: '2026-11-01T00:00:00Z',
      asOfSource: 'snapshot',
    });
    expect(recs[1]!.fingerprint.rows).toBe(6);
    const listed = await t.api.listMeasurements({ segmentId: saved.id });
    expect(listed.map((r) => r.id)).toEqual(recs.map((r) => r.id));
    expect(listed[0]).toEqual(recs[0]);
  });

  it('exports CSV, JSON, Parquet and XLSX with chosen columns and a sidecar', async () => {
    const target = { definition: pro };
    const out = (ext: string) => path.join(t.dir, `..`, `${path.basename(t.dir)}-members.${ext}`);
    const csv = await t.api.exportMembers({ target, out: out('csv'), columns: ['account_id', 'mrr'] });
    expect(csv.rows).toBe(3);
    expect(readFileSync(csv.file, 'utf8')).toBe('account_id,mrr\nA1,100\nA5,150\nA6,120\n');
    const meta = JSON.parse(readFileSync(csv.metaFile, 'utf8'));
    expect(meta).toMatchObject({
      table: 'accounts',
      rows: 3,
      hash: hashDefinition(pro),
      columns: ['account_id', 'mrr'],
    });
    const json = await t.api.exportMembers({ target, out: out('json'), columns: ['account_id'] });
    expect(JSON.parse(readFileSync(json.file, 'utf8'))).toEqual([
      { account_id: 'A1' },
      { account_id: 'A5' },
      { account_id: 'A6' },
    ]);
    const pq = await t.api.exportMembers({ target, out: out('parquet'), columns: ['account_id', 'plan'] });
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const rows = (
      await conn.runAndReadAll(`SELECT account_id, plan FROM read_parquet('${pq.file}') ORDER BY 1`)
    ).getRows();
    expect(rows).toEqual([
      ['A1', 'pro'],
      ['A5', 'pro'],
      ['A6', 'pro'],
    ]);
    conn.closeSync();
    inst.closeSync();
    const xlsx = await t.api.exportMembers({ target, out: out('xlsx'), columns: ['account_id', 'mrr'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.file);
    const sheet = wb.worksheets[0]!;
    const values = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual([
      ['account_id', 'mrr'],
      ['A1', 100],
      ['A5', 150],
      ['A6', 120],
    ]);
    // Without the key among the chosen columns the rows still come in key order, key not written.
    const noKey = await t.api.exportMembers({ target, out: out('nokey.xlsx'), columns: ['mrr'] });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(noKey.file);
    expect(
      wb2.worksheets[0]!.getSheetValues()
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1)),
    ).toEqual([['mrr'], [100], [150], [120]]);
  });

  it('a scheme exports every row with its tier', async () => {
    const scheme = {
      entity,
      tiers: [
        { name: 'High', where: { field: 'mrr', op: 'gte', value: 500 } },
        { name: 'Mid', where: { field: 'mrr', op: 'gte', value: 100 } },
      ],
      otherwise: 'Low',
    };
    const out = path.join(t.dir, '..', `${path.basename(t.dir)}-tiers.csv`);
    const r = await t.api.exportMembers({ target: { definition: scheme }, out, columns: ['account_id', 'mrr'] });
    expect(r).toMatchObject({ rows: 6, columns: ['account_id', 'mrr', 'tier'] });
    expect(readFileSync(out, 'utf8')).toBe(
      'account_id,mrr,tier\nA1,100,Mid\nA2,0,Low\nA3,20,Low\nA4,1000,High\nA5,150,Mid\nA6,120,Mid\n',
    );
  });
});
