/**
 * What a `--workspace` folder is, decided without starting the engine: a workspace (has
 * workspace.json), empty or missing (an import may create a workspace there), or something else.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_FILE } from '../engine/workspace/meta';

export type FolderState = 'workspace' | 'empty' | 'missing' | 'other' | 'file';

export function folderState(dir: string): FolderState {
  let st;
  try {
    st = statSync(dir);
  } catch {
    return 'missing';
  }
  if (!st.isDirectory()) return 'file';
  try {
    statSync(join(dir, WORKSPACE_FILE));
    return 'workspace';
  } catch {
    return readdirSync(dir).length === 0 ? 'empty' : 'other';
  }
}
