// No import cycles in the engine, the CLI, the hosts or shared/ (issue 12 item 4), checked by
// build/importCycles.mjs, which is first shown to find a cycle built on purpose.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../build/importCycles.mjs', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

const run = (cwd: string, folders: string[]) =>
  spawnSync(process.execPath, [script, ...folders], { cwd, encoding: 'utf8' });

describe('import cycles', () => {
  it('finds a cycle through a type-only import and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'segwb-cycles-'));
    try {
      mkdirSync(join(dir, 'src', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'src', 'a.ts'), "import { b } from './sub/b';\nexport const a = b + 1;\n");
      const b = "import type { A } from '../c';\nexport const b = 1;\nexport type B = A;\n";
      writeFileSync(join(dir, 'src', 'sub', 'b.ts'), b);
      const c = "export type { B as A } from './sub/b';\nimport { a } from './a';\nexport const c = a;\n";
      writeFileSync(join(dir, 'src', 'c.ts'), c);
      writeFileSync(join(dir, 'src', 'd.ts'), "import { c } from './c';\nexport const d = c;\n");
      const r = run(dir, ['src']);
      expect(r.status).toBe(1);
      expect(r.stdout.trim().split('\n')).toEqual(['import cycle: src/a.ts <-> src/c.ts <-> src/sub/b.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('electron/ and shared/ have none', () => {
    const r = run(repo, ['electron', 'shared']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});
