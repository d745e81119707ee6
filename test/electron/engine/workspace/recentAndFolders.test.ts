// Recent workspaces kept in the settings folder the engine is given (none without one), and the web
// host's folder browser: sub-folders only, no hidden ones, never outside the allowed roots.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/engine/engineApi';
import { browseFolders } from '../../../../electron/engine/workspace/folders';
import { tempDir } from '../engineTestUtils';

describe('recent workspaces', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('lists the workspaces opened, newest first, that still exist; nothing without a settings folder', async () => {
    const settings = join(t.dir, 'settings');
    const engine = createEngine({ settingsDir: settings });
    const a = join(t.dir, 'a');
    const b = join(t.dir, 'b');
    await engine.api.openWorkspace({ path: a, create: true });
    await engine.api.openWorkspace({ path: b, create: true });
    await engine.api.openWorkspace({ path: a });
    expect(await engine.api.recentWorkspaces({})).toEqual([a, b]);
    await engine.close();
    // A second engine on the same settings (a restart) reads the same list.
    const again = createEngine({ settingsDir: settings });
    expect(await again.api.recentWorkspaces({})).toEqual([a, b]);
    await again.close();
    const none = createEngine();
    await none.api.openWorkspace({ path: join(t.dir, 'c'), create: true });
    expect(await none.api.recentWorkspaces({})).toEqual([]);
    await none.close();
  });
});

describe('folder browser', () => {
  const t = tempDir();
  const root = join(t.dir, 'home');
  mkdirSync(join(root, 'projects', 'ws1'), { recursive: true });
  writeFileSync(join(root, 'projects', 'ws1', 'workspace.json'), '{}');
  mkdirSync(join(root, 'projects', 'Archive'));
  mkdirSync(join(root, '.hidden'));
  writeFileSync(join(root, 'notes.txt'), 'x');
  mkdirSync(join(t.dir, 'outside'));
  symlinkSync(join(t.dir, 'outside'), join(root, 'escape'));
  afterAll(() => t.cleanup());

  it('lists sub-folders (not files, not hidden ones), marks workspaces, and goes up to the root only', () => {
    const top = browseFolders(undefined, [root]);
    expect(top.path).toBe(root);
    expect(top.parent).toBeNull();
    expect(top.folders.map((f) => f.name)).toEqual(['escape', 'projects']);
    const projects = browseFolders(join(root, 'projects'), [root]);
    expect(projects.parent).toBe(root);
    expect(projects.folders).toEqual([
      { name: 'Archive', path: join(root, 'projects', 'Archive'), workspace: false },
      { name: 'ws1', path: join(root, 'projects', 'ws1'), workspace: true },
    ]);
    expect(browseFolders(join(root, 'projects', 'ws1'), [root]).workspace).toBe(true);
  });

  it('refuses folders outside the roots, through .. or a symlink, in words', () => {
    expect(() => browseFolders(join(root, '..'), [root])).toThrow(/Only folders inside your home folder/);
    expect(() => browseFolders(join(root, 'escape'), [root])).toThrow(/Only folders inside your home folder/);
    expect(() => browseFolders(join(root, 'nope'), [root])).toThrow(/There is no folder/);
    expect(() => browseFolders(join(root, 'notes.txt'), [root])).toThrow(/is a file, not a folder/);
  });
});
