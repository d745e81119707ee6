/**
 * Recent workspaces, newest first, in `<userData>/recent-workspaces.json`, written atomically so a
 * crash never leaves a torn file. A missing or unreadable file reads as an empty list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../engine/files/atomicWrite';

export const MAX_RECENT = 10;

export class RecentWorkspaces {
  private readonly file: string;
  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'recent-workspaces.json');
  }

  list(): string[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  add(path: string): string[] {
    const next = [path, ...this.list().filter((p) => p !== path)].slice(0, MAX_RECENT);
    writeFileAtomicSync(this.file, JSON.stringify(next, null, 2) + '\n');
    return next;
  }

  remove(path: string): string[] {
    const next = this.list().filter((p) => p !== path);
    writeFileAtomicSync(this.file, JSON.stringify(next, null, 2) + '\n');
    return next;
  }
}
