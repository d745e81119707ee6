// Module state kept for one workspace (workspace/owned.ts) belongs to that workspace: one instance
// per workspace, the same on every call, and gone when the workspace closes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { workspaceSlot } from '../../../../electron/engine/workspace/owned';
import { tempDir } from '../engineTestUtils';

describe('state owned by a workspace', () => {
  it('is one per workspace and dropped at close', async () => {
    const t = tempDir();
    let created = 0;
    const slot = workspaceSlot('test counter', () => ({ id: ++created, hits: 0 }));
    const a = await Workspace.open(join(t.dir, 'a'), { create: true });
    const b = await Workspace.open(join(t.dir, 'b'), { create: true });
    try {
      a.owned(slot).hits++;
      a.owned(slot).hits++;
      b.owned(slot).hits++;
      expect(a.owned(slot)).toEqual({ id: 1, hits: 2 });
      expect(b.owned(slot)).toEqual({ id: 2, hits: 1 });
      await a.close();
      const again = await Workspace.open(join(t.dir, 'a'));
      try {
        expect(again.owned(slot)).toEqual({ id: 3, hits: 0 });
      } finally {
        await again.close();
      }
    } finally {
      await a.close();
      await b.close();
      t.cleanup();
    }
  });
});
