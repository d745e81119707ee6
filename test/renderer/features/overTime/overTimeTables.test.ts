// The Over time view's tables and CSVs: the trend per snapshot with exact numbers, the trend CSV
// (one row per target and snapshot, naming the measurement each figure comes from; empty where
// none), the measurement log as recorded (each record once, every field), the flow's groups with
// their shares, the transition matrix with new and gone and row totals, paths and reach.
import { describe, expect, it } from 'vitest';
import {
  flowShareNote,
  flowTable,
  logCsv,
  logRecords,
  pathsTable,
  reachTable,
  tierMatrixTable,
  trendCsv,
  trendTable,
} from '../../../../renderer/features/overTime/overTimeTables';
import { visibleModel } from '../../../../renderer/features/compare/compareTables';
import { trendSeries } from '../../../../renderer/store/overTime/trends';
import type { TrendsResult } from '../../../../renderer/store/overTimeTypes';
import { NOV, OCT, paths, record, refs, schemeFlow, segmentFlow, SEP } from '../../overTimeFixtures';

const a1 = record({
  segment: 'Activated',
  version: 1,
  snapshot: SEP,
  count: 100,
  ranAt: '2026-09-02T08:00:00Z',
  mrr: 5000,
});
const a2oct = record({
  segment: 'Activated',
  version: 2,
  snapshot: OCT,
  count: 85,
  ranAt: '2026-11-03T08:00:00Z',
  mrr: 4250.5,
});
const a2nov = record({
  segment: 'Activated',
  version: 2,
  snapshot: NOV,
  count: 90,
  ranAt: '2026-11-02T08:00:00Z',
  mrr: 4500,
});
const high = record({
  segment: 'Value tiers / High',
  version: 1,
  snapshot: NOV,
  count: 55,
  ranAt: '2026-11-02T09:00:00Z',
  mrr: 5500,
});
const whole = record({
  segment: 'Value tiers',
  version: 1,
  snapshot: NOV,
  count: 1000,
  ranAt: '2026-11-01T09:00:00Z',
  tiers: [{ name: 'High', count: 55, share: 0.055 }],
});
const result: TrendsResult = {
  table: 'accounts',
  snapshots: refs,
  measures: ['mrr'],
  measured: 2,
  targets: [
    {
      target: { file: 'segments/activated.segment.json' },
      label: 'Activated',
      segmentId: 'id-Activated',
      version: 2,
      records: [a1, a2oct, a2nov],
      schemeRecords: [],
    },
    {
      target: { file: 'schemes/value-tiers.scheme.json', tier: 'High' },
      label: 'Value tiers / High',
      segmentId: 'id-Value tiers',
      version: 1,
      records: [high],
      schemeRecords: [whole],
    },
  ],
};
const parse = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));

describe('trend tables', () => {
  it('has a row per snapshot and, per target at its version, members, share and the KPIs (exact in CSV)', () => {
    const m = trendTable(result, trendSeries(result, 'count'));
    expect(visibleModel(m).columns.map((c) => c.label)).toEqual([
      'Snapshot as of',
      'Activated (v2) members',
      'Activated (v2) share',
      'Activated (v2) mrr sum',
      'Activated (v2) mrr avg',
      'Value tiers / High (v1) members',
      'Value tiers / High (v1) share',
      'Value tiers / High (v1) mrr sum',
      'Value tiers / High (v1) mrr avg',
    ]);
    expect(m.rows.map((r) => r.cells.map((c) => c.exact))).toEqual([
      ['2026-09-01', SEP, '', '', '', '', '', '', '', ''],
      ['2026-10-01', OCT, '85', String(85 / 950), '4250.5', String(4250.5 / 85), '', '', '', ''],
      ['2026-11-01', NOV, '90', '0.09', '4500', '50', '55', '0.055', '5500', '100'],
    ]);
  });

  it('writes the trend with the measurement behind each figure, and the whole log once per record', () => {
    const rows = parse(trendCsv(result, trendSeries(result, 'count')));
    expect(rows[0]).toEqual([
      'segment',
      'file',
      'tier',
      'version',
      'hash',
      'snapshot',
      'snapshot_as_of',
      'as_of',
      'as_of_source',
      'ran_at',
      'count',
      'total',
      'share',
      'mrr sum',
      'mrr avg',
      'measurement_id',
    ]);
    expect(rows).toHaveLength(1 + 2 * 3);
    expect(rows[1]).toEqual([
      'Activated',
      'segments/activated.segment.json',
      '',
      '2',
      '',
      SEP,
      '2026-09-01',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(rows[2]).toEqual([
      'Activated',
      'segments/activated.segment.json',
      '',
      '2',
      a2oct.hash,
      OCT,
      '2026-10-01',
      '2026-10-01T00:00:00Z',
      'snapshot',
      a2oct.ranAt,
      '85',
      '950',
      String(85 / 950),
      '4250.5',
      String(4250.5 / 85),
      a2oct.id,
    ]);
    expect(rows[6]![2]).toBe('High');
    const log = logRecords(result);
    expect(log.map((x) => x.id)).toEqual([a1.id, whole.id, a2nov.id, high.id, a2oct.id]);
    const l = parse(logCsv(log));
    expect(l[0]!.slice(0, 4)).toEqual(['measurement_id', 'segment_id', 'segment', 'version']);
    expect(l[0]).toContain('mrr sum');
    expect(l).toHaveLength(6);
    const wholeRow = logCsv([whole]).split('\r\n')[1]!;
    // The scheme's tiers as JSON (quoted: it has commas and quotes).
    expect(wholeRow).toContain('"[{""name"":""High"",""count"":55,""share"":0.055}]"');
  });
});

describe('flow and tier tables', () => {
  it("lists the flow's groups with their share of the members on the snapshot they are in", () => {
    const m = flowTable(segmentFlow());
    // The CSV's header reads as the screen's.
    expect(m.columns.map((c) => c.label)).toEqual(['Group', 'Keys', 'Share', 'Rows as of', 'Meaning']);
    expect(m.rows.map((r) => [r.cells[0]!.text, r.cells[1]!.exact, r.cells[2]!.exact, r.cells[3]!.text])).toEqual([
      ['stayed', '200', String(200 / 300), '2026-11-01'],
      ['entered', '60', '0.2', '2026-11-01'],
      ['left', '80', String(80 / 300), '2026-10-01'],
      ['new keys', '40', String(40 / 300), '2026-11-01'],
      ['gone keys', '20', String(20 / 300), '2026-10-01'],
    ]);
  });

  it("says what the Share column is a share of, so each snapshot's groups add up to 100%", () => {
    const f = segmentFlow();
    const m = flowTable(f);
    const shareOf = (g: string) => Number(m.rows.find((r) => r.cells[0]!.text === g)!.cells[2]!.exact);
    expect(shareOf('stayed') + shareOf('entered') + shareOf('new keys')).toBeCloseTo(1, 12);
    expect(shareOf('stayed') + shareOf('left') + shareOf('gone keys')).toBeCloseTo(1, 12);
    expect(flowShareNote(f)).toBe(
      'Share: stayed, entered and new keys of the 300 members as of 2026-11-01; ' +
        'stayed, left and gone keys of the 300 as of 2026-10-01.',
    );
  });

  it('writes the transition matrix with gone keys, row totals and the new keys row', () => {
    const m = tierMatrixTable(schemeFlow(), () => '#aa1111');
    expect(m.columns.map((c) => c.label)).toEqual([
      'From (as of 2026-10-01)',
      'High',
      'Medium',
      'Low',
      'gone',
      'Total',
    ]);
    expect(m.rows.map((r) => r.cells.map((c) => c.exact))).toEqual([
      ['High', '80', '15', '0', '5', '100'],
      ['Medium', '42', '400', '50', '8', '500'],
      ['Low', '0', '30', '300', '20', '350'],
      ['new', '10', '20', '20', '', '50'],
    ]);
  });

  it('lists paths and the median snapshots to reach each tier', () => {
    expect(pathsTable(paths()).rows.map((r) => r.cells.map((c) => c.exact))).toEqual([
      ['Low', '600', '0.6', '1'],
      ['Medium', '300', '0.3', '1'],
      ['Low → Medium → High', '100', '0.1', '3'],
    ]);
    expect(reachTable(paths(), () => '#aa1111').rows.map((r) => r.cells.map((c) => c.exact))).toEqual([
      ['High', '100', '2'],
      ['Medium', '100', '1'],
      ['Low', '0', ''],
    ]);
  });
});
