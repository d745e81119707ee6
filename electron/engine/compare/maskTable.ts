/**
 * The membership bitmask of a comparison, computed once per run and kept (docs/architecture.md, SPEC §11: one scan), so
 * a
 * changed breakdown, a distribution or "what sets it apart" read it instead of evaluating the rules
 * and their metrics again.
 *
 * The kept table holds, in the snapshot's row order, each row's mask and the values of the metrics
 * that join related tables (aggregates, lookups: the expensive ones). Reads then go through
 * `snapshot POSITIONAL JOIN mask table` (no hash join; snapshots are immutable tables whose rows
 * keep their order) with the row-level metrics (days since, expressions) computed inline. A
 * snapshot with a column named `rowid` hides DuckDB's row position, so there the kept table is a
 * whole copy (every column, every metric, the mask) read on its own.
 *
 * Every read is `FROM <from> AS e` exposing the entity's columns, every merged metric and the mask.
 */
import { randomBytes } from 'node:crypto';
import { Frag } from '../../../shared/segments/compiler';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { VIEW_CACHE_DB } from '../workspace/workspace';
import { quoteIdent } from '../db/sql';
import { preparedFor } from '../segments/runs/compileAdapter';
import { draftDefinition } from '../segments/definitions/definitionSource';
import type { RunContext } from '../segments/runs/runContext';
import { maskExpression, type CompareRun } from './compareRun';

/** Runs whose masks are kept per workspace (a few bytes a row each). */
const KEPT = 3;

export interface MaskSource {
  /** FROM-able relation (alias it `e`): entity columns, merged metrics and the mask column. */
  from: Frag;
  /** The mask column's quoted name. */
  mask: string;
}

interface Kept {
  table: string;
  ready: Promise<MaskSource>;
}

/** A name no column or metric has (DuckDB names are case-insensitive). */
function freeName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let i = 1; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  return name;
}

/** The kept masks of one workspace's comparisons (owned by the compare service, per workspace). */
export class MaskTables {
  private readonly kept = new Map<string, Kept>();
  constructor(private readonly ws: Workspace) {}

  /** The run's mask source, built on first use (with DuckDB progress), then kept. */
  async get(run: CompareRun, opts?: QueryOptions): Promise<MaskSource> {
    let entry = this.kept.get(run.identity);
    if (entry) this.kept.delete(run.identity);
    else {
      // Unique in the database (another service over the same workspace keeps its own masks).
      const table = `${VIEW_CACHE_DB}.${quoteIdent(`cmp_${randomBytes(6).toString('hex')}`)}`;
      const built: Kept = { table, ready: this.build(run, table, opts) };
      built.ready.catch(() => {
        if (this.kept.get(run.identity) === built) this.kept.delete(run.identity);
      });
      entry = built;
    }
    this.kept.set(run.identity, entry);
    for (const [id, old] of this.kept) {
      if (this.kept.size <= KEPT) break;
      this.kept.delete(id);
      void old.ready.then(() => this.ws.run(`DROP TABLE IF EXISTS ${old.table}`)).catch(() => undefined);
    }
    return entry.ready;
  }

  private async build(run: CompareRun, table: string, opts?: QueryOptions): Promise<MaskSource> {
    const columns = run.merged.schemas[run.entity.table] ?? [];
    const taken = new Set([
      ...columns.map((c) => c.name.toLowerCase()),
      ...[...run.metrics.keys()].map((m) => m.toLowerCase()),
    ]);
    const mask = quoteIdent(freeName('__segwb_mask', taken));
    const snap = run.merged.snapshots[run.entity.table]!;
    if (columns.some((c) => c.name.toLowerCase() === 'rowid')) {
      // No row position to align on: keep a whole copy with every metric and the mask.
      const p = preparedFor(run.merged);
      const q = p.render(
        new Frag([
          'CREATE TABLE ',
          table,
          ' AS SELECT e.*, CAST(',
          ...maskExpression(run).parts,
          ` AS SMALLINT) AS ${mask} FROM `,
          ...p.source.parts,
          ' AS e',
        ]),
      );
      await this.ws.run(q.sql, q.params, opts);
      return { from: new Frag([table]), mask };
    }
    const rid = quoteIdent(freeName('__segwb_rid', taken));
    const joined = [...run.metrics.values()]
      .filter((m) => m.kind === 'aggregate' || m.kind === 'lookup')
      .map((m) => m.name);
    const withRid: RunContext = {
      ...run.merged,
      snapshots: {
        ...run.merged.snapshots,
        [run.entity.table]: { ...snap, relation: `(SELECT *, rowid AS ${rid} FROM ${snap.relation})` },
      },
    };
    const p = preparedFor(withRid);
    const kept = joined.map((m) => `, e.${quoteIdent(m)}`).join('');
    // Joins do not keep the scan's order: sort the narrow result back into the snapshot's.
    const q = p.render(
      new Frag([
        'CREATE TABLE ',
        table,
        ' AS SELECT CAST(',
        ...maskExpression(run, withRid).parts,
        ` AS SMALLINT) AS ${mask}${kept} FROM `,
        ...p.source.parts,
        ` AS e ORDER BY e.${rid}`,
      ]),
    );
    await this.ws.run(q.sql, q.params, opts);
    // Reads: the snapshot beside the kept table, row-level metrics computed inline.
    const inline = [...run.metrics.values()].filter((m) => m.kind !== 'aggregate' && m.kind !== 'lookup');
    const readCtx: RunContext = {
      ...run.merged,
      loaded: draftDefinition({
        entity: run.entity,
        asOf: run.merged.loaded.definition.asOf,
        metrics: inline,
        where: { all: [] },
      }),
      snapshots: {
        ...run.merged.snapshots,
        [run.entity.table]: { ...snap, relation: `(SELECT * FROM ${snap.relation} POSITIONAL JOIN ${table})` },
      },
    };
    return { from: preparedFor(readCtx).source, mask };
  }

  /** Drop every kept table (the workspace closes). */
  async clear(): Promise<void> {
    const all = [...this.kept.values()];
    this.kept.clear();
    for (const k of all)
      await k.ready.then(() => this.ws.run(`DROP TABLE IF EXISTS ${k.table}`)).catch(() => undefined);
  }
}
