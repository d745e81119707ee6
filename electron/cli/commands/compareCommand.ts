/**
 * `segwb compare DEF.json... [--measure COL]... [--breakdown COL] [--snapshot ID] [--as-of DATE] [--csv]`
 * (docs/cli.md, SPEC §7): segments side by side on one snapshot, a scheme file contributing one entry per tier
 * (`<scheme> / <tier>`, otherwise last). `--json` prints the normative keys (table, snapshot, asOf,
 * total, segments with measures {sum, avg, median}, overlap, breakdown with the column's values and
 * counts per segment) and more; `--csv` prints the KPI table (shared/compare/kpiTable.ts); otherwise
 * a readable table, rounded for reading.
 */
import { ApiError } from '../../../shared/api/protocol';
import { kpiTable } from '../../../shared/compare/kpiTable';
import { toCsv } from '../../../shared/csv';
import { EXIT, type Command } from '../command';
import { fmtInt, fmtNumber, textTable } from '../format';
import { checkAsOf, measuresOf, needFiles, readDef, runOpts, str } from './segmentCommands';

const pct = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export const compareCommand: Command = {
  name: 'compare',
  summary: 'compare segments (and the tiers of schemes) side by side: counts, measures, overlap, a breakdown',
  usage:
    'segwb compare DEF.json... [--measure COL]... [--breakdown COL] [--snapshot ID] [--as-of DATE] [--csv] [--workspace DIR] [--json]',
  options: {
    measure: { type: 'string', multiple: true },
    breakdown: { type: 'string' },
    snapshot: { type: 'string' },
    'as-of': { type: 'string' },
    csv: { type: 'boolean' },
  },
  check({ values, positionals }) {
    needFiles(positionals, true, 'compare');
    checkAsOf(values);
    if (values.csv && values.json) throw new ApiError('usage', 'compare prints either --json or --csv, not both');
    if (values.breakdown !== undefined && !str(values, 'breakdown'))
      throw new ApiError('usage', '--breakdown needs a column name');
  },
  async run(ctx) {
    const measures = measuresOf(ctx.values) ?? [];
    const column = str(ctx.values, 'breakdown');
    const r = await ctx.api.compareSegments({
      targets: ctx.positionals.map((file) => ({ text: readDef(ctx, file), name: file })),
      measures,
      ...runOpts(ctx.values),
      ...(column ? { breakdown: { column, mode: 'values' as const } } : {}),
    });
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          table: r.table,
          snapshot: r.snapshot,
          snapshotAsOf: r.snapshotAsOf,
          asOf: r.asOf,
          asOfSource: r.asOfSource,
          total: r.total,
          segments: r.segments.map((s) => ({
            name: s.name,
            id: s.id,
            version: s.version,
            hash: s.hash,
            ...(s.tier !== undefined ? { scheme: s.scheme, tier: s.tier } : {}),
            count: s.count,
            share: s.share,
            measures: s.measures,
          })),
          baseline: r.baseline,
          overlap: r.overlap,
          breakdown: r.breakdown
            ? {
                column: r.breakdown.column,
                categories: r.breakdown.categories,
                counts: r.breakdown.counts,
                baseline: r.breakdown.baseline.counts,
              }
            : null,
          warnings: r.warnings,
        }),
      );
      return EXIT.ok;
    }
    const kpi = kpiTable(r);
    if (ctx.values.csv) {
      process.stdout.write(toCsv(kpi.header, kpi.rows));
      return EXIT.ok;
    }
    ctx.out(`${r.table}, snapshot ${r.snapshot} (${r.snapshotAsOf}), as of ${r.asOf}: ${fmtInt(r.total)} rows`);
    const head = [
      'segment',
      'version',
      'count',
      'share',
      ...measures.flatMap((m) => [`${m} avg`, `${m} median`, 'index']),
    ];
    const groups = [
      ...r.segments.map((s) => ({ ...s, label: s.name })),
      ...(r.rest ? [{ ...r.rest, version: null, label: r.rest.name }] : []),
      { ...r.baseline, version: null, label: r.baseline.name },
    ];
    const rows = groups.map((g) => [
      g.label,
      g.version === null ? '' : `v${g.version}`,
      fmtInt(g.count),
      pct(g.share),
      ...measures.flatMap((m) => {
        const s = g.measures[m];
        return [
          fmtNumber(s?.avg),
          fmtNumber(s?.median),
          s?.index === null || s?.index === undefined ? '—' : `${s.index.toFixed(2)}×`,
        ];
      }),
    ]);
    for (const line of textTable(head, rows)) ctx.out(line);
    if (r.segments.length > 1) {
      ctx.out('');
      ctx.out('Overlap (rows in both):');
      const names = r.segments.map((_, i) => `#${i + 1}`);
      for (const line of textTable(
        ['', ...names],
        r.overlap.map((row, i) => [`#${i + 1} ${r.segments[i]!.name}`, ...row.map(fmtInt)]),
      ))
        ctx.out(line);
    }
    if (r.breakdown) {
      ctx.out('');
      ctx.out(`By ${r.breakdown.column}:`);
      const bhead = [r.breakdown.column, ...r.segments.map((s) => s.name), 'whole table'];
      const brows = r.breakdown.details.map((d, c) => [
        d.label,
        ...r.breakdown!.counts.map((counts) => fmtInt(counts[c] ?? 0)),
        fmtInt(r.breakdown!.baseline.counts[c] ?? 0),
      ]);
      for (const line of textTable(bhead, brows)) ctx.out(line);
    }
    for (const w of r.warnings) ctx.err(`warning: ${w}`);
    return EXIT.ok;
  },
};
