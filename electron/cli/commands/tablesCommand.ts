/** `segwb tables`: the workspace's tables with rows, snapshots and columns. */
import { ApiError } from '../../../shared/api/protocol';
import type { SnapshotInfo } from '../../../shared/api/dataApi';
import type { Command } from '../command';
import { fmtInt, textTable } from '../format';

/** A snapshot for JSON output: everything but the internal DuckDB relation name. */
export function publicSnapshot(s: SnapshotInfo): Omit<SnapshotInfo, 'relation'> {
  const { relation: _relation, ...rest } = s;
  return rest;
}

export const tablesCommand: Command = {
  name: 'tables',
  summary: 'list the tables of the workspace with their rows, snapshots and columns',
  usage: 'segwb tables [--workspace DIR] [--json]',
  options: {},
  check({ positionals }) {
    if (positionals.length) throw new ApiError('usage', `tables takes no arguments (got '${positionals[0]}')`);
  },
  async run(ctx) {
    const tables = await ctx.api.listTables({});
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          tables.map((t) => ({
            name: t.name,
            rows: t.rows,
            snapshots: t.snapshots.map(publicSnapshot),
            columns: t.columns,
          })),
        ),
      );
      return 0;
    }
    if (!tables.length) {
      ctx.out(`No tables yet in ${ctx.workspace}. Import one with: segwb import FILE`);
      return 0;
    }
    const rows = tables.map((t) => [
      t.name,
      fmtInt(t.rows),
      t.columns.length,
      t.snapshots.length,
      t.snapshots.at(-1)?.asOf ?? '',
    ]);
    for (const line of textTable(['table', 'rows', 'columns', 'snapshots', 'latest as-of'], rows)) ctx.out(line);
    return 0;
  },
};
