// An import without a table name (as `segwb import` does) names the table as the import dialog
// does (shared/tableName.ts): the same file gets the same table either way. Expected names are the
// ones test/renderer/store/import.test.ts expects of the dialog, written out by hand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { tempDir } from '../engineTestUtils';

describe('the default table name of an import', () => {
  it.each([
    ['Customer Export 2026-11.csv', 'customer_export_2026_11'],
    ['2026 data.csv', 't_2026_data'],
    ['Données.csv', 'donnees'],
  ])('%s → %s', async (file, table) => {
    const t = tempDir();
    const ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    try {
      const csv = join(t.dir, file);
      writeFileSync(csv, 'id,v\n1,a\n2,b\n');
      const report = await importFile(ws, { kind: 'path', path: csv }, { asOf: '2026-11-01' });
      expect(report.table).toBe(table);
      expect(report.rows).toBe(2);
    } finally {
      ws.close();
      t.cleanup();
    }
  });
});
