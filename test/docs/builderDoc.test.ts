/** docs/builder.md stays true to the app: its shortcuts table lists what the ? panel shows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../renderer/app/shortcuts';

describe('docs/builder.md', () => {
  it('lists every shortcut the app shows, in the same order', () => {
    const doc = readFileSync(new URL('../../docs/builder.md', import.meta.url), 'utf8');
    const table = doc.slice(doc.indexOf('## Keyboard shortcuts'));
    const rows = table
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| keys') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(SHORTCUTS.length);
    SHORTCUTS.forEach((s, i) => {
      const keysCell = rows[i]!.split('|')[1]!;
      for (const k of s.keys) expect(keysCell).toContain(k);
    });
  });
});
