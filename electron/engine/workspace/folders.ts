/**
 * The web host's folder picker (a browser cannot show the machine's folders): the sub-folders of one
 * folder, for choosing a workspace. Restricted: only folders inside the user's home folder or the
 * app's own folder ($SEGWB_HOME) are listed (symlinks resolved first), only folders are listed, not
 * files, and hidden folders (a leading dot) are left out.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { FolderListing } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';

const MAX_FOLDERS = 500;

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** `roots`: where browsing may go (default the home folder); `path` default the first root. */
export function browseFolders(path: string | undefined, roots: readonly string[] = [homedir()]): FolderListing {
  const allowed = roots.map(real).filter((r): r is string => r !== null);
  if (!allowed.length)
    throw new ApiError('not_found', 'There is no folder to browse on this machine; type the workspace path instead.');
  const target = real(resolve(path ?? allowed[0]!));
  if (!target)
    throw new ApiError('not_found', `There is no folder '${path}'. Check the path, or pick a folder from the list.`);
  const root = allowed.find((r) => inside(target, r));
  if (!root) {
    throw new ApiError(
      'invalid_input',
      `Only folders inside your home folder can be browsed here ('${path}' is not); type the path in the box to open it.`,
    );
  }
  if (!statSync(target).isDirectory()) throw new ApiError('invalid_input', `'${path}' is a file, not a folder.`);
  let names: string[];
  try {
    names = readdirSync(target, { withFileTypes: true })
      .filter(
        (d) => !d.name.startsWith('.') && (d.isDirectory() || (d.isSymbolicLink() && isDir(join(target, d.name)))),
      )
      .map((d) => d.name);
  } catch {
    throw new ApiError('invalid_input', `The folder '${target}' cannot be read (no permission).`);
  }
  names.sort((a, b) => a.localeCompare(b, 'en'));
  const folders = names.slice(0, MAX_FOLDERS).map((name) => {
    const p = join(target, name);
    return { name, path: p, workspace: existsSync(join(p, 'workspace.json')) };
  });
  return {
    path: target,
    parent: target === root ? null : dirname(target),
    workspace: existsSync(join(target, 'workspace.json')),
    folders,
    truncated: names.length > MAX_FOLDERS,
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
