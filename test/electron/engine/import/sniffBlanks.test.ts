// The import preview types a numeric text column with blank cells as the import will (blanks as
// NULL) and says so: the real Telco export writes " " for 11 missing TotalCharges. Expected figures
// are counted here from the file's text, independently of the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { sniffFile } from '../../../../electron/engine/import/sniff';
import { REAL_DATA, tempDir } from '../engineTestUtils';

const telco = join(REAL_DATA, 'telco_customer_churn.csv');

describe('the import preview of blank cells in a number column', () => {
  const t = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
  });
  afterAll(async () => {
    await ws.close();
    t.cleanup();
  });

  it('the Telco export: TotalCharges previews as a number, its blank cells named', async () => {
    const lines = readFileSync(telco, 'utf8').trim().split(/\r?\n/);
    const at = lines[0]!.split(',').indexOf('TotalCharges');
    const blank = lines.slice(1).filter((l) => l.split(',')[at]!.trim() === '').length;
    expect(blank).toBe(11); // as the data's README says
    const s = await sniffFile(ws, { kind: 'path', path: telco });
    expect(s.columns.find((c) => c.name === 'TotalCharges')?.type).toBe('DOUBLE');
    expect(s.warnings).toContain(
      `TotalCharges: ${blank} blank cells will be read as empty (NULL), the other values as numbers`,
    );
  });

  it('a column chosen as text stays text, and a column without blanks gets no such line', async () => {
    const file = join(t.dir, 'amounts.csv');
    writeFileSync(file, 'id,amount,plan\n1, ,pro\n2,10.5,free\n3,7,pro\n');
    const chosen = await sniffFile(ws, { kind: 'path', path: file }, { columnTypes: { amount: 'VARCHAR' } });
    expect(chosen.columns.find((c) => c.name === 'amount')?.type).toBe('VARCHAR');
    expect(chosen.warnings.some((w) => w.startsWith('amount:'))).toBe(false);
    const sniffed = await sniffFile(ws, { kind: 'path', path: file });
    expect(sniffed.columns.find((c) => c.name === 'amount')?.type).toBe('DOUBLE');
    expect(sniffed.warnings).toContain(
      'amount: 1 blank cell will be read as empty (NULL), the other values as numbers',
    );
    expect(sniffed.warnings.some((w) => w.startsWith('plan:') || w.startsWith('id:'))).toBe(false);
  });
});
