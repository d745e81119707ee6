/** `segwb profile TABLE`: per column type, NULLs, exact distinct (NULLs excluded), min and max. */
import { ApiError } from '../../../shared/api/protocol';
import type { ColumnProfile } from '../../../shared/api/dataApi';
import type { Command } from '../command';
import { fmtInt, textTable } from '../format';

export const profileCommand: Command = {
  name: 'profile',
  summary: 'profile every column of a table (type, nulls, distinct, min, max)',
  usage: [
    'segwb profile TABLE [--snapshot ID] [--workspace DIR] [--json]',
    '',
    '  --snapshot ID   profile this snapshot instead of the latest',
  ].join('\n'),
  options: { snapshot: { type: 'string' } },
  check({ positionals }) {
    if (positionals.length !== 1)
      throw new ApiError('usage', `profile takes exactly one TABLE (got ${positionals.length})`);
  },
  async run(ctx) {
    const name = ctx.positionals[0]!;
    const snapshotId = typeof ctx.values.snapshot === 'string' ? ctx.values.snapshot : undefined;
    const table = (await ctx.api.listTables({})).find((t) => t.name === name);
    if (!table) throw new ApiError('not_found', `no table '${name}' in ${ctx.workspace}`);
    const snapshot = snapshotId ? table.snapshots.find((s) => s.id === snapshotId) : table.snapshots.at(-1);
    if (snapshotId && !snapshot) throw new ApiError('not_found', `table '${name}' has no snapshot '${snapshotId}'`);
    const columns: ColumnProfile[] = [];
    // One column at a time (docs/architecture.md, SPEC §11.5): bounded memory, and each query is cheap and
    // interruptible.
    for (const c of table.columns)
      columns.push(
        await ctx.api.profileColumn({ table: name, column: c.name, ...(snapshotId ? { snapshot: snapshotId } : {}) }),
      );
    const rows = snapshot?.rows ?? table.rows;
    if (ctx.json) {
      ctx.out(JSON.stringify({ table: name, snapshot: snapshot?.id ?? null, rows, columns }));
      return 0;
    }
    ctx.out(
      `${name}: ${fmtInt(rows)} rows, ${columns.length} columns${snapshot ? ` (snapshot ${snapshot.id}, as of ${snapshot.asOf})` : ''}`,
    );
    const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v).slice(0, 30));
    for (const line of textTable(
      ['column', 'type', 'nulls', 'distinct', 'min', 'max'],
      columns.map((p) => [p.name, p.type, fmtInt(p.nulls), fmtInt(p.distinct), cell(p.min), cell(p.max)]),
    ))
      ctx.out(line);
    return 0;
  },
};
