// The segment engine on real third-party data (IBM Telco Customer Churn, 7,043 rows): counts,
// measures, a scheme, a SQL rule, topPercent and members, each checked against a reference computed
// here directly from the CSV text in TypeScript (the file has no quoted fields).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../../electron/engine/import/importFile';
import { createSegmentsService } from '../../../../electron/engine/segments/segmentsService';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import type { SegmentsApi } from '../../../../shared/api/segmentsApi';

const csvPath = path.resolve(__dirname, '../../../../../shared/data/real/telco_customer_churn.csv');
type Rec = Record<string, string> & { PaymentMethod: string; TotalCharges: string };
const lines = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
const header = lines[0]!.split(',');
const rows: Rec[] = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])) as Rec);

let dir: string;
let ws: Workspace;
let api: SegmentsApi;
const entity = { table: 'telco', key: 'customerID' };
const count = async (where: unknown, measures?: string[]) =>
  api.countSegment({ target: { definition: { entity, where } }, ...(measures ? { measures } : {}) });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'segwb-telco-'));
  ws = await Workspace.open(dir, { create: true, memoryLimit: '256MB' });
  await importFile(ws, { kind: 'path', path: csvPath }, { table: 'telco', asOf: '2026-11-01', key: 'customerID' });
  api = createSegmentsService({ workspace: () => ws, emit: () => {} });
}, 120_000);
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('segments on the Telco churn export', () => {
  it('churned customers with their monthly charges', async () => {
    const churned = rows.filter((r) => r.Churn === 'Yes');
    // The importer reads the Yes/No column as BOOLEAN.
    const r = await count({ field: 'Churn', op: 'isTrue' }, ['MonthlyCharges']);
    expect(r.total).toBe(rows.length);
    expect(r.count).toBe(churned.length);
    const sum = churned.reduce((a, c) => a + Number(c.MonthlyCharges), 0);
    expect(r.measures[0]!.sum).toBeCloseTo(sum, 6);
    expect(r.share).toBeCloseTo(churned.length / rows.length, 12);
  });

  it('a nested rule: month-to-month, new, and (fiber or electronic check)', async () => {
    const expected = rows.filter(
      (r) =>
        r.Contract === 'Month-to-month' &&
        Number(r.tenure) < 12 &&
        (r.InternetService === 'Fiber optic' || r.PaymentMethod.toLowerCase().includes('electronic')),
    ).length;
    const where = {
      all: [
        { field: 'Contract', op: 'eq', value: 'Month-to-month' },
        { field: 'tenure', op: 'lt', value: 12 },
        {
          any: [
            { field: 'InternetService', op: 'eq', value: 'Fiber optic' },
            { field: 'PaymentMethod', op: 'contains', value: 'ELECTRONIC' },
          ],
        },
      ],
    };
    expect((await count(where)).count).toBe(expected);
    expect((await count({ not: where })).count).toBe(rows.length - expected);
  });

  it('blank TotalCharges cells are empty', async () => {
    const blanks = rows.filter((r) => r.TotalCharges.trim() === '').length;
    expect(blanks).toBe(11);
    expect((await count({ field: 'TotalCharges', op: 'isEmpty' })).count).toBe(blanks);
  });

  it('topPercent 10 by MonthlyCharges: nearest rank with ties in', async () => {
    const values = rows.map((r) => Number(r.MonthlyCharges)).sort((a, b) => b - a);
    const k = Math.ceil((values.length * 10) / 100);
    const threshold = values[k - 1]!;
    const expected = values.filter((v) => v >= threshold).length;
    expect((await count({ field: 'MonthlyCharges', op: 'topPercent', value: 10 })).count).toBe(expected);
  });

  it('a SQL rule', async () => {
    const expected = rows.filter(
      (r) => r.TotalCharges.trim() !== '' && Number(r.MonthlyCharges) * Number(r.tenure) > Number(r.TotalCharges),
    ).length;
    expect((await count({ sql: 'MonthlyCharges * tenure > TotalCharges' })).count).toBe(expected);
  });

  it('a scheme by contract value', async () => {
    const tier = (r: Rec): string =>
      Number(r.MonthlyCharges) >= 90 ? 'High' : Number(r.MonthlyCharges) >= 50 ? 'Medium' : 'Low';
    const r = await api.countSegment({
      target: {
        definition: {
          entity,
          tiers: [
            { name: 'High', where: { field: 'MonthlyCharges', op: 'gte', value: 90 } },
            { name: 'Medium', where: { field: 'MonthlyCharges', op: 'gte', value: 50 } },
          ],
          otherwise: 'Low',
        },
      },
    });
    expect(r.tiers!.map((x) => [x.name, x.count])).toEqual(
      ['High', 'Medium', 'Low'].map((n) => [n, rows.filter((x) => tier(x) === n).length]),
    );
  });

  it('members page in key order', async () => {
    const keys = rows
      .filter((r) => r.SeniorCitizen === '1' && r.Churn === 'Yes')
      .map((r) => r.customerID)
      .sort();
    const page = await api.segmentMembers({
      target: {
        definition: {
          entity,
          where: {
            all: [
              { field: 'SeniorCitizen', op: 'eq', value: 1 },
              { field: 'Churn', op: 'isTrue' },
            ],
          },
        },
      },
      columns: ['customerID'],
      limit: 50,
    });
    expect(page.rows.map((r) => r.customerID)).toEqual(keys.slice(0, 50));
    expect(page.nextAfter).toBe(keys[49]);
  });
});
