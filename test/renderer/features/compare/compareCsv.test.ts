// Compare tables as CSV: every column (file, hash, value counts too), exact numbers as JavaScript
// holds them (never the rounded text the screen shows), RFC 4180 quoting; and the same table on
// screen reads formatted (thousands separators, sensible decimals, 1.24× indexes).
import { describe, expect, it } from 'vitest';
import type { BreakdownResult, ConcentrationResult, DistributionResult } from '../../../../shared/api/compareApi';
import { csvField, tableCsv } from '../../../../renderer/features/compare/compareCsv';
import { breakdownTable, concentrationTable, kpiTable, overlapTable, quartileTable, visibleModel } from '../../../../renderer/features/compare/compareTables';
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
    } else cell += ch;
  }
  return out;
}

describe('compare CSV', () => {
  it('KPIs: one row per column after the whole table, every column, exact numbers', () => {
    const r = compareResult([{ name: 'Big, "quoted"', count: 333, mrr: 1_234_567.891 }, { name: 'Small', count: 3, mrr: 0.30000000000000004 }], [[333, 1], [1, 3]]);
    const rows = parseCsv(tableCsv(kpiTable(r, ['mrr'])));
    expect(rows[0]).toEqual(['Segment', 'Kind', 'Definition', 'Version', 'Hash', 'Members', 'Share', 'mrr values', 'mrr sum', 'mrr avg', 'mrr median', 'mrr index']);
    expect(rows.map((x) => x[0])).toEqual(['Segment', 'Whole table', 'Big, "quoted"', 'Small']);
    const big = rows[2]!;
    expect(big.slice(1, 7)).toEqual(['segment', 'segments/big, "quoted".segment.json', '2', 'sha256:Big, "quoted"', '333', '0.333']);
    expect(Number(big[8])).toBe(1_234_567.891);
    expect(big[9]).toBe(String(1_234_567.891 / 333));
    expect(Number(big[11])).toBe(1_234_567.891 / 333 / 500);
    expect(rows[3]![8]).toBe('0.30000000000000004');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('the screen shows the same figures, formatted for reading, exact in the cell title', () => {
    const m = visibleModel(kpiTable(threeColumns(), ['mrr']));
    expect(m.columns.map((c) => c.label)).toEqual(['Segment', 'Version', 'Members', 'Share', 'mrr sum', 'mrr avg', 'mrr median', 'mrr index']);
    const activated = m.rows[1]!.cells;
    expect(activated.map((c) => c.text)).toEqual(['Activated', 'v2', '300', '30%', '180,000', '600', '600', '1.20×']);
    expect(activated[5]).toEqual({ text: '600', exact: '600', numeric: true });
    // With one column, the rest of the table is a row too.
    const one = kpiTable(compareResult([{ name: 'Activated', count: 300, mrr: 180_000 }], [[300]]), ['mrr']);
    expect(one.rows.map((r) => [r.kind, r.cells[0]!.text, r.cells[5]!.exact])).toEqual([['baseline', 'Whole table', '1000'], ['column', 'Activated', '300'], ['rest', 'Rest of the table', '700']]);
  });

  it('overlap, breakdown, quartiles and concentration tables hold the numbers as given', () => {
    const r = threeColumns();
    expect(parseCsv(tableCsv(overlapTable(r)))).toEqual([
      ['Segment', 'Members', 'Activated', 'At risk', 'Advocates'],
      ['Activated', '300', '300', '20', '80'], ['At risk', '200', '20', '200', '5'], ['Advocates', '100', '80', '5', '100'],
    ]);
    const b: BreakdownResult = {
      column: 'mrr', family: 'number', value: 'sum', measure: 'seats', categories: [null, null],
      details: [{ label: '0 – 100', value: null, kind: 'bin', lo: 0, hi: 100 }, { label: '(empty)', value: null, kind: 'empty' }],
      counts: [[5, 1], [2, 0]], values: [[10.5, null], [4, null]], baseline: { counts: [7, 1], values: [14.5, null] },
    };
    expect(parseCsv(tableCsv(breakdownTable(b, ['A', 'B'])))).toEqual([
      ['mrr', 'Kind', 'From', 'To', 'A members', 'A sum seats', 'B members', 'B sum seats', 'Whole table members', 'Whole table sum seats'],
      ['0 – 100', 'bin', '0', '100', '5', '10.5', '2', '4', '7', '14.5'],
      ['(empty)', 'empty', '', '', '1', '', '0', '', '1', ''],
    ]);
    const d: DistributionResult = { measure: 'mrr', edges: [0, 1], histograms: [[1]], boxes: [{ values: 1, min: 1.5, q1: 2.25, median: 3, q3: 3.75, max: 4 }], baseline: { histogram: [1], box: { values: 0, min: null, q1: null, median: null, q3: null, max: null } } };
    expect(parseCsv(tableCsv(quartileTable(d, ['A'])))).toEqual([['Segment', 'Values', 'Min', 'Q1', 'Median', 'Q3', 'Max'], ['A', '1', '1.5', '2.25', '3', '3.75', '4'], ['Whole table', '0', '', '', '', '', '']]);
    const c: ConcentrationResult = { measure: 'mrr', points: [1], curves: [[1]], top: [{ p10: 0.612, p20: 0.8, p50: null }], totals: [99.5], baseline: { curve: [1], top: { p10: 0.3, p20: 0.5, p50: 0.9 }, total: 1000 } };
    expect(parseCsv(tableCsv(concentrationTable(c, ['A'])))).toEqual([['Segment', 'mrr total', 'Top 10%', 'Top 20%', 'Top 50%'], ['A', '99.5', '0.612', '0.8', ''], ['Whole table', '1000', '0.3', '0.5', '0.9']]);
  });
});
