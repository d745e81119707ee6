/**
 * `segwb flow DEF.json --from SNAPSHOT --to SNAPSHOT [--version N]` (docs/cli.md, SPEC §7): how a segment's
 * members flow between two snapshots (stayed, entered, left, new, gone), or for a scheme, how rows
 * moved between its tiers (matrix, new, gone). `--json` prints the normative keys and more.
 */
import { ApiError } from '../../../shared/api/protocol';
import { EXIT, type Command } from '../command';
import { fmtInt, textTable } from '../format';
import { needFiles, readDef, str, versionOf } from './segmentCommands';

export const flowCommand: Command = {
  name: 'flow',
  summary: "a segment's membership flow (or a scheme's tier moves) between two snapshots",
  usage: 'segwb flow DEF.json --from SNAPSHOT --to SNAPSHOT [--version N] [--workspace DIR] [--json]',
  options: { from: { type: 'string' }, to: { type: 'string' }, version: { type: 'string' } },
  check({ values, positionals }) {
    needFiles(positionals, false, 'flow');
    versionOf(values);
    if (!str(values, 'from') || !str(values, 'to'))
      throw new ApiError(
        'usage',
        'flow needs --from SNAPSHOT and --to SNAPSHOT (see segwb tables for the snapshot ids)',
      );
  },
  async run(ctx) {
    const file = ctx.positionals[0]!;
    const version = versionOf(ctx.values);
    const r = await ctx.api.segmentFlow({
      target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
      from: str(ctx.values, 'from')!,
      to: str(ctx.values, 'to')!,
    });
    if (ctx.json) {
      ctx.out(JSON.stringify(r));
      return EXIT.ok;
    }
    ctx.out(
      `${r.segment ?? file} (v${r.version ?? '?'}) on ${r.table}: snapshot ${r.from} (as of ${r.fromAsOf}) → ${r.to} (as of ${r.toAsOf})`,
    );
    if (r.kind === 'segment') {
      const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
      for (const line of textTable(
        ['stayed', 'entered', 'left', 'new', 'gone', 'retention', 'jaccard'],
        [
          [
            fmtInt(r.stayed),
            fmtInt(r.entered),
            fmtInt(r.left),
            fmtInt(r.new),
            fmtInt(r.gone),
            pct(r.retention),
            pct(r.jaccard),
          ],
        ],
      ))
        ctx.out(line);
      return EXIT.ok;
    }
    const rows = r.tiers.map((t, i) => [t, ...r.matrix[i]!.map(fmtInt), fmtInt(r.gone[i] ?? 0)]);
    rows.push(['(new)', ...r.new.map(fmtInt), '']);
    for (const line of textTable(['from \\ to', ...r.tiers, '(gone)'], rows)) ctx.out(line);
    return EXIT.ok;
  },
};
