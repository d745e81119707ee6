// Compare tables as CSV: every column (file, hash, value counts too), exact numbers as JavaScript
// holds them (never the rounded text the screen shows), RFC 4180 quoting; and the same table on
// screen reads formatted (thousands separators, sensible decimals, 1.24× indexes).
import { describe, expect, it } from 'vitest';
import type { BreakdownResult, ConcentrationResult, DistributionResult } from '../../../../shared/api/compareApi';
import { kpiCsv, tableCsv } from '../../../../renderer/features/compare/compareCsv';
import {
  apartShown,
  apartTable,
  breakdownTable,
  concentrationTable,
  kpiTable,
  overlapTable,
  quartileTable,
  visibleModel,
} from '../../../../renderer/features/compare/compareTables';
import { compareResult, threeColumns } from '../../compareFixtures';

/** RFC 4180, independent of the code under test. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  return out;
}

describe('compare CSV', () => {
  it('KPIs: the table `segwb compare --csv` prints, one row per column then the rest and the whole table, exact numbers', () => {
    const r = compareResult([{ name: 'Big, "quoted"', count: 333, mrr: 1_234_567.891 }], [[333]]);
    const text = kpiCsv(r);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      'segment',
      'version',
      'hash',
      'count',
      'share',
      'mrr sum',
      'mrr avg',
      'mrr median',
      'mrr index',
    ]);
    expect(rows.map((x) => x[0])).toEqual(['segment', 'Big, "quoted"', 'Rest of the table', 'Whole table']);
    const big = rows[1]!;
    expect(big.slice(1, 5)).toEqual(['2', 'sha256:Big, "quoted"', '333', '0.333']);
    expect(Number(big[5])).toBe(1_234_567.891);
    expect(big[6]).toBe(String(1_234_567.891 / 333));
    expect(Number(big[8])).toBe(1_234_567.891 / 333 / 500);
    const small = compareResult(
      [
        { name: 'A', count: 3, mrr: 0.30000000000000004 },
        { name: 'B', count: 1, mrr: 1 },
      ],
      [
        [3, 0],
        [0, 1],
      ],
    );
    expect(parseCsv(kpiCsv(small))[1]![5]).toBe('0.30000000000000004');
  });

  it('every other table writes its exact values, CSV-only columns included', () => {
    const m = kpiTable(
      compareResult(
        [
          { name: 'A', count: 3, mrr: 0.30000000000000004 },
          { name: 'B', count: 1, mrr: 1 },
        ],
        [
          [3, 0],
          [0, 1],
        ],
      ),
      ['mrr'],
      ['#aa1111', '#11aa11'],
    );
    const rows = parseCsv(tableCsv(m));
    expect(rows[0]).toEqual([
      'Segment',
      'Kind',
      'Definition',
      'Version',
      'Hash',
      'Members',
      'Share',
      'mrr values',
      'mrr sum',
      'mrr avg',
      'mrr median',
      'mrr index',
    ]);
    expect(rows[2]!.slice(0, 9)).toEqual([
      'A',
      'segment',
      'segments/a.segment.json',
      '2',
      'sha256:A',
      '3',
      '0.003',
      '3',
      '0.30000000000000004',
    ]);
  });

  it('the screen shows the same figures, formatted for reading, exact in the cell title', () => {
    const m = visibleModel(kpiTable(threeColumns(), ['mrr'], []));
    expect(m.columns.map((c) => c.label)).toEqual([
      'Segment',
      'Version',
      'Members',
      'Share',
      'mrr sum',
      'mrr avg',
      'mrr median',
      'mrr index',
    ]);
    const activated = m.rows[1]!.cells;
    expect(activated.map((c) => c.text)).toEqual(['Activated', 'v2', '300', '30%', '180,000', '600', '600', '1.20×']);
    expect(activated[5]).toEqual({ text: '600', exact: '600', numeric: true });
    // With one column, the rest of the table is a row too.
    const one = kpiTable(compareResult([{ name: 'Activated', count: 300, mrr: 180_000 }], [[300]]), ['mrr'], []);
    expect(one.rows.map((r) => [r.kind, r.cells[0]!.text, r.cells[5]!.exact])).toEqual([
      ['baseline', 'Whole table', '1000'],
      ['column', 'Activated', '300'],
      ['rest', 'Rest of the table', '700'],
    ]);
  });

  it('overlap, breakdown, quartiles and concentration tables hold the numbers as given', () => {
    const r = threeColumns();
    expect(parseCsv(tableCsv(overlapTable(r, [])))).toEqual([
      ['Segment', 'Members', 'Activated', 'At risk', 'Advocates'],
      ['Activated', '300', '300', '20', '80'],
      ['At risk', '200', '20', '200', '5'],
      ['Advocates', '100', '80', '5', '100'],
    ]);
    const b: BreakdownResult = {
      column: 'mrr',
      family: 'number',
      value: 'sum',
      measure: 'seats',
      categories: [null, null],
      details: [
        { label: '0 – 100', value: null, kind: 'bin', lo: 0, hi: 100 },
        { label: '(empty)', value: null, kind: 'empty' },
      ],
      counts: [
        [5, 1],
        [2, 0],
      ],
      values: [
        [10.5, null],
        [4, null],
      ],
      baseline: { counts: [7, 1], values: [14.5, null] },
    };
    expect(parseCsv(tableCsv(breakdownTable(b, ['A', 'B'])))).toEqual([
      [
        'mrr',
        'Kind',
        'From',
        'To',
        'A members',
        'A sum seats',
        'B members',
        'B sum seats',
        'Whole table members',
        'Whole table sum seats',
      ],
      ['0 – 100', 'bin', '0', '100', '5', '10.5', '2', '4', '7', '14.5'],
      ['(empty)', 'empty', '', '', '1', '', '0', '', '1', ''],
    ]);
    const d: DistributionResult = {
      measure: 'mrr',
      edges: [0, 1],
      histograms: [[1]],
      boxes: [{ values: 1, min: 1.5, q1: 2.25, median: 3, q3: 3.75, max: 4 }],
      baseline: { histogram: [1], box: { values: 0, min: null, q1: null, median: null, q3: null, max: null } },
    };
    expect(parseCsv(tableCsv(quartileTable(d, ['A'], [])))).toEqual([
      ['Segment', 'Values', 'Min', 'Q1', 'Median', 'Q3', 'Max'],
      ['A', '1', '1.5', '2.25', '3', '3.75', '4'],
      ['Whole table', '0', '', '', '', '', ''],
    ]);
    const c: ConcentrationResult = {
      measure: 'mrr',
      points: [1],
      curves: [[1]],
      top: [{ p10: 0.612, p20: 0.8, p50: null }],
      totals: [99.5],
      baseline: { curve: [1], top: { p10: 0.3, p20: 0.5, p50: 0.9 }, total: 1000 },
    };
    expect(parseCsv(tableCsv(concentrationTable(c, ['A'], [])))).toEqual([
      ['Segment', 'mrr total', 'Top 10%', 'Top 20%', 'Top 50%'],
      ['A', '99.5', '0.612', '0.8', ''],
      ['Whole table', '1000', '0.3', '0.5', '0.9'],
    ]);
  });

  it("what sets it apart: dates' means read as dates on screen, exact days in the CSV", () => {
    const m = apartTable(
      {
        column: 0,
        against: 'rest',
        sizeA: 10,
        sizeB: 90,
        skipped: [],
        features: [
          {
            field: 'signup_date',
            kind: 'number',
            family: 'date',
            effect: 0.8,
            direction: -1,
            a: { mean: 20454.4, sd: 30.25, values: 10 },
            b: { mean: 20500, sd: 40, values: 90 },
          },
          {
            field: 'plan',
            kind: 'category',
            effect: 0.3,
            direction: 0,
            value: 'pro',
            shareA: 0.5,
            shareB: 0.2,
            inDefinition: true,
          },
        ],
      },
      { a: 'Activated', b: 'the rest' },
    );
    const shown = visibleModel(m);
    expect(shown.columns.map((c) => c.label)).toEqual([
      'Field',
      'Effect',
      'Activated',
      'the rest',
      'Value',
      'In the definition',
    ]);
    expect(shown.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['signup_date', '0.8', '2026-01-01', '2026-02-16', '', ''],
      ['plan', '0.3', '50%', '20%', 'pro', 'yes'],
    ]);
    const rows = parseCsv(tableCsv(m));
    expect(rows[1]!.slice(0, 9)).toEqual([
      'signup_date',
      'number',
      'date',
      '0.8',
      '-1',
      '20454.4',
      '20500',
      '30.25',
      '40',
    ]);
  });

  it('what sets it apart without the fields the definitions read, others in their order', () => {
    const f = (field: string, effect: number, inDefinition?: boolean) => ({
      field,
      kind: 'category' as const,
      effect,
      direction: 1,
      ...(inDefinition === undefined ? {} : { inDefinition }),
    });
    const a = {
      column: 0,
      against: 'rest' as const,
      sizeA: 1,
      sizeB: 1,
      skipped: [],
      features: [f('plan', 1, true), f('country', 0.5, false), f('mrr', 0.4, true), f('industry', 0.2)],
    };
    expect(apartShown(a, true).features.map((x) => x.field)).toEqual(['country', 'industry']);
    expect(apartShown(a, false)).toBe(a);
    expect(a.features).toHaveLength(4);
  });
});
