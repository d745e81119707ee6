// Definition files a careful attacker or a merge tool could produce (issue 9 items 5 and 8): a
// duplicate key, an integer beyond ±2^53 and a number beyond a double inside a version's definition,
// each with the hash recomputed the way JSON.parse reads the file (last duplicate wins, numbers
// rounded), so the hash check cannot catch them; and regular expressions RE2 cannot compile, in a
// `matches` condition and in a SQL rule. Every reader refuses them as invalid input (exit 3) naming
// the path of the offending value: `segwb count`, `segwb validate`, `segwb compile`, and the
// engine's definition store (the app's sidebar and Open).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefinitionFile, serializeDefinitionFile } from '../../../../shared/segments/file';
import type { DefinitionFile } from '../../../../shared/segments/model';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import {
  listDefinitions,
  readDefinitionDocument,
} from '../../../../electron/engine/segments/definitions/definitionStore';
import { openFixtureWorkspace } from './segmentsTestUtils';

const root = path.resolve(__dirname, '../../../..');
const segwb = path.join(root, 'electron/cli/segwb.mjs');
let dir: string;
let ws: string;

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [segwb, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fields = { accounts: { account_id: 'VARCHAR', plan: 'VARCHAR', mrr: 'DOUBLE' } };
const def = (where: unknown) => ({
  entity: { table: 'accounts', key: 'account_id' },
  asOf: { kind: 'fixed', at: '2026-11-01' },
  where,
  fields,
});

/** A file whose text is `edit(serialised file)`: the hash is the one of the definition before the edit. */
function writeEdited(name: string, where: unknown, edit?: (text: string) => string): string {
  const file = createDefinitionFile({
    kind: 'segment',
    id: `id-${name}`,
    name,
    definition: def(where) as never,
    now: '2026-11-02T09:00:00Z',
    note: 'test',
  });
  const text = serializeDefinitionFile(file as DefinitionFile);
  const edited = edit ? edit(text) : text;
  if (edit) expect(edited, name).not.toBe(text);
  const p = path.join(dir, `${name}.segment.json`);
  writeFileSync(p, edited);
  return p;
}

beforeAll(async () => {
  const t = await openFixtureWorkspace();
  ws = t.dir;
  t.ws.close(); // the CLI's engine takes the lock
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-hostile-def-'));
  // JSON.parse keeps the last "value" ('free'), which is what the hash was computed over.
  writeEdited('dup', { field: 'plan', op: 'eq', value: 'free' }, (t) =>
    t.replace('"value": "free"', '"value": "pro", "value": "free"'),
  );
  // JSON.parse rounds ...993 to ...992, the number the hash was computed over.
  writeEdited('big', { field: 'mrr', op: 'gt', value: 9007199254740992 }, (t) =>
    t.replace('9007199254740992', '9007199254740993'),
  );
  writeEdited(
    'bigexp',
    {
      all: [
        { field: 'mrr', op: 'gt', value: 1 },
        { field: 'mrr', op: 'lt', value: 9007199254740992 },
      ],
    },
    (t) => t.replace('9007199254740992', '9.007199254740993e15'),
  );
  writeEdited('inf', { field: 'mrr', op: 'gt', value: 100 }, (t) => t.replace('"value": 100', '"value": 1e400'));
  writeEdited('regex', {
    any: [
      { field: 'plan', op: 'eq', value: 'x' },
      { field: 'plan', op: 'matches', value: '(pro' },
    ],
  });
  writeEdited('regexsql', { all: [{ sql: "regexp_matches(plan, '[p-')" }] });
  writeEdited('regexflags', { sql: "regexp_matches(plan, 'pro', 'z')" });
  writeEdited('regexcolumn', { sql: 'regexp_full_match(account_id, plan)' });
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(ws, { recursive: true, force: true });
});

const cases: [file: string, path: string, message: RegExp][] = [
  ['dup', 'versions[0].definition.where.value', /duplicate key "value"/],
  ['big', 'versions[0].definition.where.value', /9007199254740993 is an integer beyond ±2\^53/],
  ['bigexp', 'versions[0].definition.where.all[1].value', /9\.007199254740993e15 is an integer beyond ±2\^53/],
  ['inf', 'versions[0].definition.where.value', /1e400 is too large/],
  ['regex', 'versions[0].definition.where.any[1].value', /'\(pro' is not a valid regular expression.*missing \)/],
  ['regexsql', 'versions[0].definition.where.all[0].sql', /invalid regular expression '\[p-'.*regexp_matches/],
  ['regexflags', 'versions[0].definition.where.sql', /regexp_matches\(\).*option z/i],
  ['regexcolumn', 'versions[0].definition.where.sql', /pattern of regexp_full_match\(\) must be a constant string/],
];

describe('hostile definition files', () => {
  it.each(cases)('%s: validate exits 3 with the path of the offending value', (name, where, message) => {
    const r = run(['validate', `${name}.segment.json`, '--workspace', ws, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const [report] = JSON.parse(r.stdout) as {
      valid: boolean;
      diagnostics: { path: string; message: string; severity: string }[];
    }[];
    expect(report!.valid).toBe(false);
    const errors = report!.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toEqual([where]);
    expect(errors[0]!.message).toMatch(message);
  });

  it.each(cases)('%s: count exits 3 in one line naming the path', (name, where, message) => {
    const r = run(['count', `${name}.segment.json`, '--workspace', ws]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(where);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/canonicalJson|Invalid Input Error|TypeError/);
  });

  it('compile (no workspace) refuses them too', () => {
    for (const [name, where] of cases) {
      const r = run(['compile', `${name}.segment.json`, '--dialect', 'duckdb']);
      expect(r.code, name).toBe(3);
      expect(r.stderr, name).toContain(where);
    }
  });

  it('the workspace listing shows such a file as invalid, and reading it gives no content to act on', async () => {
    const w = await Workspace.open(ws);
    try {
      for (const [name] of cases.slice(0, 4))
        writeFileSync(path.join(w.segmentsDir, `${name}.segment.json`), readText(name));
      // One unreadable file must not break the listing of the others (1e400 used to throw here).
      const list = await listDefinitions(w);
      const bad = list.filter((d) => cases.some(([n]) => d.file === `segments/${n}.segment.json`));
      expect(bad.map((d) => [d.file, d.valid, d.errors])).toEqual([
        ['segments/big.segment.json', false, 1],
        ['segments/bigexp.segment.json', false, 1],
        ['segments/dup.segment.json', false, 1],
        ['segments/inf.segment.json', false, 1],
      ]);
      const doc = readDefinitionDocument(w, 'segments/dup.segment.json');
      expect(doc.content).toBeNull();
      expect(doc.diagnostics.map((d) => d.path)).toEqual(['versions[0].definition.where.value']);
    } finally {
      w.close();
    }
  });
});

function readText(name: string): string {
  return readFileSync(path.join(dir, `${name}.segment.json`), 'utf8');
}
