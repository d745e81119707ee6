// Imports that keep good rows (issue 9 item 7): files with a few broken records load the rest, every
// broken record is a reject at its line with a reason in the user's words, and loaded + rejected =
// records counted by hand. Columns with a few bad values are reported with their lines, and a chosen
// type makes those cells rejects (or NULL). NUL bytes, over-long lines and broken quotes are
// records, not reasons to refuse or misread the file. No message shows a staging path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { sniffFile } from '../../../../electron/engine/import/sniff';
import { scrubPaths } from '../../../../electron/engine/import/errors';
import { ApiError } from '../../../../shared/api/protocol';
import { tempDir, workspaceState } from '../engineTestUtils';

describe('imports that keep good rows', () => {
  const t = tempDir();
  let ws: Workspace;
  const file = (name: string, content: string | Buffer) => {
    const p = join(t.dir, name);
    writeFileSync(p, content);
    return p;
  };
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(() => {
    ws?.close();
    t.cleanup();
  });

  describe('quoting (RFC 4180 by default)', () => {
    // 1,000 quoted names with commas, then one record whose quote never closes, then one more.
    const lines = [
      'id,name,amount',
      ...Array.from({ length: 1000 }, (_, i) => `${i + 1},"Smith, John ${i + 1}",${i + 1}.5`),
      '1001,"broken,5',
      '1002,"ok",3',
    ];

    it('one unterminated quote near the end is one reject; the rest loads as quoted', async () => {
      const p = file('unterminated.csv', `${lines.join('\n')}\n`);
      const sniff = await sniffFile(ws, { kind: 'path', path: p });
      expect([sniff.quote, sniff.columns.map((c) => c.name)]).toEqual(['"', ['id', 'name', 'amount']]);
      const r = await importFile(ws, { kind: 'path', path: p });
      // The broken quote (line 1002) runs to the end of the file, taking line 1003 with it: one record.
      expect([r.rows, r.rejected, r.records]).toEqual([1000, 1, 1001]);
      expect(r.rejects.map((x) => [x.line, x.raw])).toEqual([[1002, '1001,"broken,5\n1002,"ok",3']]);
      expect(r.rejects[0]!.reason).toBe(
        'line 1002: a quoted field is not closed (a " is missing), so the record runs on to line 1003',
      );
      expect(await ws.query(`SELECT name, amount FROM unterminated WHERE id IN (1, 1000) ORDER BY id`)).toEqual([
        { name: 'Smith, John 1', amount: 1.5 },
        { name: 'Smith, John 1000', amount: 1000.5 },
      ]);
    });

    it('a broken quote early on costs that record only', async () => {
      const early = [...lines.slice(0, 1001)];
      early[5] = '5,"Smith, broken 5,5.5'; // line 6; the reader resumes at the line after the next quote
      const p = file('early.csv', `${early.join('\n')}\n`);
      const r = await importFile(ws, { kind: 'path', path: p });
      // Lines 6 and 7 are one broken record (the quote of line 6 closes at line 7's first quote).
      expect([r.rows, r.rejected, r.records]).toEqual([998, 1, 999]);
      expect(r.rejects.map((x) => x.line)).toEqual([6]);
      expect(Number((await ws.query(`SELECT count(*) AS n FROM early WHERE name LIKE '"%'`))[0]!.n)).toBe(0);
    });
  });

  describe('a few bad values in a typed column', () => {
    // 5,000 rows; 'abc' in amount on lines 7, 19 and 40; 2026-13-45 in day on line 101; blanks on 50, 51.
    const rows = ['id,amount,day'];
    for (let i = 1; i <= 5000; i++) {
      const line = i + 1;
      const amount = [7, 19, 40].includes(line) ? 'abc' : line === 50 ? ' ' : line === 51 ? '' : String(i * 2);
      rows.push(`${i},${amount},${line === 101 ? '2026-13-45' : `2026-01-0${1 + (i % 9)}`}`);
    }
    let p = '';
    beforeAll(() => {
      p = file('amounts.csv', `${rows.join('\n')}\n`);
    });

    it('the preview says which column, how many and on which lines', async () => {
      const s = await sniffFile(ws, { kind: 'path', path: p });
      expect(s.typeIssues).toEqual([
        {
          column: 'amount',
          type: 'BIGINT',
          bad: 3,
          values: 4998,
          examples: ['abc'],
          lines: [7, 19, 40],
          sampled: false,
        },
        { column: 'day', type: 'DATE', bad: 1, values: 5000, examples: ['2026-13-45'], lines: [101], sampled: false },
      ]);
      expect(s.warnings[0]).toMatch(/^amount: 3 of 4,998 values are not numbers, lines 7, 19, 40 \('abc'\)/);
      expect(s.warnings[1]).toMatch(/^day: 1 of 5,000 values is not a date, line 101 \('2026-13-45'\)/);
    });

    it('without a choice the column stays text, and the report says why', async () => {
      const r = await importFile(ws, { kind: 'path', path: p }, { table: 'amounts_text' });
      expect(r.columns.find((c) => c.name === 'amount')?.type).toBe('VARCHAR');
      expect(r.typeIssues?.map((i) => [i.column, i.bad, i.lines])).toEqual([
        ['amount', 3, [7, 19, 40]],
        ['day', 1, [101]],
      ]);
      expect(r.warnings.join('\n')).toMatch(
        /amount: 3 of 4,998 values are not numbers, lines 7, 19, 40.*choose its type/,
      );
    });

    it('with a chosen type, those cells are rejects with line and value; blanks are NULL', async () => {
      const r = await importFile(
        ws,
        { kind: 'path', path: p },
        { table: 'amounts_typed', columnTypes: { amount: 'DOUBLE', day: 'DATE' } },
      );
      expect([r.rows, r.rejected, r.records]).toEqual([4996, 4, 5000]);
      expect(r.rejects.map((x) => [x.line, x.column, x.reason, x.raw])).toEqual([
        [7, 'amount', "line 7: 'abc' in amount is not a number", '6,abc,2026-01-07'],
        [19, 'amount', "line 19: 'abc' in amount is not a number", '18,abc,2026-01-01'],
        [40, 'amount', "line 40: 'abc' in amount is not a number", '39,abc,2026-01-04'],
        [101, 'day', "line 101: '2026-13-45' in day is not a date", '100,200,2026-13-45'],
      ]);
      expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toMatchObject({
        amount: 'DOUBLE',
        day: 'DATE',
      });
      expect(await ws.query(`SELECT id, amount FROM amounts_typed WHERE id IN (48, 49, 50) ORDER BY id`)).toEqual([
        { id: 48, amount: 96 },
        { id: 49, amount: null },
        { id: 50, amount: null },
      ]);
    });

    it('or NULL when asked, counted with their lines', async () => {
      const r = await importFile(
        ws,
        { kind: 'path', path: p },
        { table: 'amounts_null', columnTypes: { amount: 'DOUBLE' }, invalidValues: 'null' },
      );
      expect([r.rows, r.rejected, r.records]).toEqual([5000, 0, 5000]);
      expect(r.invalidAsNull).toEqual({ amount: 3 });
      expect(r.warnings.join('\n')).toMatch(
        /amount: 3 values that are not numbers were loaded as empty \(NULL\), lines 7, 19, 40 \('abc'\)/,
      );
      expect(Number((await ws.query(`SELECT count(*) AS n FROM amounts_null WHERE amount IS NULL`))[0]!.n)).toBe(5);
    });
  });

  it('tens of thousands of rejects are stored page by page, each at its line, and rows past them keep their lines', async () => {
    // 120,000 records: every third is ragged (40,000 rejects, more than one page); a bad amount at the end.
    const lines = ['id,amount,note'];
    for (let i = 1; i <= 120_000; i++)
      lines.push(i % 3 === 0 ? `${i},${i}` : i === 119_999 ? `${i},abc,x` : `${i},${i},"n\n${i}"`);
    const r = await importFile(
      ws,
      { kind: 'path', path: file('many_rejects.csv', `${lines.join('\n')}\n`) },
      { columnTypes: { amount: 'BIGINT' } },
    );
    // Good records take two lines (a quoted line break), ragged ones one: record i starts on line 2 + (i - 1) + (good
    // records before it).
    const startLine = (i: number) => 2 + (i - 1) + (i - 1 - Math.floor((i - 1) / 3));
    expect([r.rows, r.rejected, r.records]).toEqual([79_999, 40_001, 120_000]);
    const all = await ws.withSession((s) =>
      s.query(`SELECT line, reason FROM meta.rejects WHERE snapshot_id = $1 ORDER BY line`, [r.snapshot.id]),
    );
    expect(all).toHaveLength(40_001);
    expect(all[0]).toEqual({ line: startLine(3), reason: `line ${startLine(3)} has 2 fields, the header has 3` });
    expect(all.find((x) => String(x.reason).includes("'abc'"))).toEqual({
      line: startLine(119_999),
      reason: `line ${startLine(119_999)}: 'abc' in amount is not a whole number`,
    });
    // Record 119,999 (the bad amount) is one line, not two: the last record starts one line earlier.
    expect(all.at(-1)!.line).toBe(startLine(120_000) - 1);
  });

  it('a chosen type that is no type is invalid input, the workspace unchanged', async () => {
    const before = await workspaceState(ws);
    const err = await importFile(
      ws,
      { kind: 'path', path: file('notype.csv', 'a,b\n1,2\n') },
      { columnTypes: { b: 'DOUBLEE' } },
    ).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('invalid_input');
    expect((err as ApiError).message).toBe(
      "notype.csv: 'DOUBLEE' is not a column type. Use a DuckDB type such as VARCHAR, BIGINT, DOUBLE, DATE or TIMESTAMP.",
    );
    expect(await workspaceState(ws)).toEqual(before);
  });

  it('a column named rowid hides row positions: bad values are still rejects, without a line', async () => {
    const p = file('rowid_col.csv', 'ROWID,amount\nr1,1\nr2,abc\nr3,3\n');
    const r = await importFile(ws, { kind: 'path', path: p }, { columnTypes: { amount: 'DOUBLE' } });
    expect([r.rows, r.rejected, r.records]).toEqual([2, 1, 3]);
    expect(r.rejects.map((x) => [x.line, x.column, x.reason])).toEqual([
      [null, 'amount', "'abc' in amount is not a number"],
    ]);
  });

  it('a column blank at the top is still checked', async () => {
    // 1,000 rows; score is blank on the first 600, then numbers, with 'n/a' on lines 702 and 903.
    const lines = ['id,score'];
    for (let i = 1; i <= 1000; i++) lines.push(`${i},${i <= 600 ? '' : [701, 902].includes(i) ? 'n/a' : i}`);
    const s = await sniffFile(ws, { kind: 'path', path: file('late_values.csv', `${lines.join('\n')}\n`) });
    expect(s.typeIssues?.map((i) => [i.column, i.bad, i.values, i.lines])).toEqual([['score', 2, 400, [702, 903]]]);
  });

  it("reject reasons are in the user's words", async () => {
    const p = file('ragged_words.csv', 'a,b,c,d\n1,x,y,z\n2,x,y\n3,x,y,z,q,r\n4,x,y,z\n');
    const r = await importFile(ws, { kind: 'path', path: p }, { columnTypes: { a: 'INTEGER' } });
    expect(r.rejects.map((x) => x.reason)).toEqual([
      'line 3 has 3 fields, the header has 4',
      'line 4 has 6 fields, the header has 4',
    ]);
    expect(r.rejects.every((x) => !/Expected Number|MISSING COLUMNS|TOO MANY/.test(x.reason))).toBe(true);
    const q = file(
      'cast_words.csv',
      `id,n\n${Array.from({ length: 30_000 }, (_, i) => `${i},${i}`).join('\n')}\n30000,seven\n30001, \n`,
    );
    const c = await importFile(ws, { kind: 'path', path: q });
    // The sniffer typed n as a number from its sample; values past it that are not are rejects, said plainly.
    expect(c.rejects.map((x) => x.reason)).toEqual([
      "line 30002: 'seven' in n is not a whole number",
      "line 30003: ' ' in n is blank but not empty; choose a type for n in the import options to read blank cells as empty",
    ]);
  });

  describe('NUL bytes', () => {
    it('a few NULs reject their records; the good rows load', async () => {
      const lines = ['id,name,note'];
      for (let i = 1; i <= 50; i++)
        lines.push(
          i === 7 ? `${i},ab\0cd,x` : i === 20 ? `${i},"two\nli\0nes",y` : i === 30 ? `${i},z,\0` : `${i},n${i},ok`,
        );
      const p = file('nul.csv', `${lines.join('\n')}\n`);
      const r = await importFile(ws, { kind: 'path', path: p });
      // 50 records on 52 lines; records 7, 20 (lines 21–22) and 30 hold NULs.
      expect([r.rows, r.rejected, r.records]).toEqual([47, 3, 50]);
      expect(r.rejects.map((x) => [x.line, x.raw])).toEqual([
        [8, '7,ab␀cd,x'],
        [21, '20,"two\nli␀nes",y'],
        [32, '30,z,␀'],
      ]);
      expect(r.rejects[0]!.reason).toBe(
        'line 8 holds NUL bytes (binary data, shown as ␀), which a text field cannot hold',
      );
      // The note column is text because of its words, not because of a NUL: no NUL reached a value.
      expect(
        Number(
          (await ws.query(`SELECT count(*) AS n FROM nul WHERE contains(name, chr(0)) OR contains(note, chr(0))`))[0]!
            .n,
        ),
      ).toBe(0);
    });

    it('NULs far past the head are found by the load and rejected too', async () => {
      const lines = ['id,v'];
      for (let i = 1; i <= 20_000; i++) lines.push(i === 15_000 ? `${i},x\0` : `${i},${i}`);
      const r = await importFile(ws, { kind: 'path', path: file('late_nul.csv', `${lines.join('\n')}\n`) });
      expect([r.rows, r.rejected, r.records]).toEqual([19_999, 1, 20_000]);
      expect(r.rejects.map((x) => x.line)).toEqual([15_001]);
      expect(r.columns.find((c) => c.name === 'v')?.type).toBe('BIGINT');
    });

    it('a binary file is still refused as binary', async () => {
      const bytes = Buffer.alloc(20_000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
      const err = await importFile(ws, { kind: 'path', path: file('blob.csv', bytes) }).catch((e: unknown) => e);
      expect((err as ApiError).message).toMatch(/^blob\.csv: (is not a text file|could not be read|no record)/);
    });
  });

  it('an over-long line is a reject at its real line; the other rows load', async () => {
    const lines = ['id,text'];
    for (let i = 1; i <= 20; i++) lines.push(i === 10 ? `${i},${'x'.repeat(3_000_000)}` : `${i},t${i}`);
    const r = await importFile(ws, { kind: 'path', path: file('long.csv', `${lines.join('\n')}\n`) });
    expect([r.rows, r.rejected, r.records]).toEqual([19, 1, 20]);
    expect(r.rejects[0]!.line).toBe(11);
    expect(r.rejects[0]!.reason).toBe(
      'line 11 is 3,000,003 bytes long, more than the 2,000,000 a record may have (is a line break missing?)',
    );
  });

  it('no error names a file in the staging folder', async () => {
    const before = await workspaceState(ws);
    const err = await importFile(
      ws,
      { kind: 'path', path: file('broken.json', '[{"a": 1, "b": "x"}, {"a": 2,') },
      { table: 'broken_json' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/^broken\.json: /);
    expect((err as ApiError).message).not.toMatch(/\.staging|\.stage-/);
    expect(await workspaceState(ws)).toEqual(before);
    // The preview of a broken NDJSON file named its staged copy (and DuckDB's line, not the file's).
    const sniffErr = await sniffFile(ws, {
      kind: 'path',
      path: file('broken.ndjson', '{"a":1}\n{"a":"x","b":[1,2}\n'),
    }).catch((e: unknown) => e);
    expect((sniffErr as ApiError).message).toMatch(/^broken\.ndjson, line 2: is not valid NDJSON/);
    expect((sniffErr as ApiError).message).not.toMatch(/\.staging|\.stage-/);
    expect(
      scrubPaths(
        'Error when sniffing file "/home/u/ws/.staging/.stage-0a1b2c-x.csv": bad; also C:\\ws\\.staging\\y.csv',
        'x.csv',
      ),
    ).toBe('Error when sniffing file "x.csv": bad; also x.csv');
  });
});
