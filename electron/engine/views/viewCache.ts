/**
 * Paged rows of a (snapshot, sort, filters) view without large OFFSETs (SPEC §11.4).
 * - Natural order, no filters: a page is a rowid range of the snapshot table (snapshots are
 *   immutable, rowids 0..n-1).
 * - Otherwise a permutation `viewcache.v<n>(rid)` is built once (ORDER BY the sort, then rowid; its own
 *   rowid is the position), cancellable and with DuckDB progress. Rows are fetched in blocks of
 *   BLOCK positions joined back to the snapshot by rowid and kept in `viewcache` (a random-access
 *   fetch from compressed storage costs about one scan whatever the block size, so a block serves
 *   every later page within it from memory).
 * A few views and blocks are cached (LRU); everything lives in the attached in-memory database.
 */
import { viewSpec as viewSpecSchema, type ColumnInfo, type RowsPage, type ViewSpec } from '../../../shared/api/dataApi';
import type { SqlParam } from '../db';
import { quoteIdent } from '../db/sql';
import { VIEW_CACHE_DB, type Workspace } from '../workspace';
import { filterSql, orderSql } from './filters';

export const BLOCK = 8192;
const MAX_VIEWS = 3;
const MAX_BLOCKS = 24;

interface ViewEntry {
  key: string;
  relation: string;
  columns: ColumnInfo[];
  /** Permutation table, or null for natural order without filters. */
  perm: string | null;
  total: number;
  ready: Promise<void>;
  blocks: Map<number, Promise<string>>;
}

export class ViewCache {
  private readonly views = new Map<string, ViewEntry>();
  private seq = 0;

  constructor(private readonly ws: Workspace) {}

  /** Prepare (build the permutation of) a view; returns its row count. */
  async prepare(spec: ViewSpec, jobId?: string, onProgress?: (f: number) => void): Promise<{ total: number }> {
    const entry = await this.entry(spec, jobId, onProgress);
    await entry.ready;
    // The first block too, so the grid's first page is served from memory.
    if (entry.perm && entry.total > 0) await this.block(entry, 0);
    return { total: entry.total };
  }

  async rows(spec: ViewSpec, offset: number, limit: number): Promise<RowsPage> {
    const entry = await this.entry(spec);
    await entry.ready;
    const end = Math.min(offset + limit, entry.total);
    if (offset >= end) return { offset, rows: [], total: entry.total };
    if (!entry.perm) {
      const rows = await this.ws.query(`SELECT * FROM ${entry.relation} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`, [offset, end]);
      return { offset, rows, total: entry.total };
    }
    const out: RowsPage['rows'] = [];
    for (let k = Math.floor(offset / BLOCK); k * BLOCK < end; k++) {
      const block = await this.block(entry, k);
      const lo = Math.max(offset, k * BLOCK) - k * BLOCK;
      const hi = Math.min(end, (k + 1) * BLOCK) - k * BLOCK;
      out.push(...(await this.ws.query(`SELECT * FROM ${block} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`, [lo, hi])));
    }
    return { offset, rows: out, total: entry.total };
  }

  /** Drop every cached view (e.g. when the workspace closes or a table changes). */
  async clear(): Promise<void> {
    for (const e of [...this.views.values()]) await this.drop(e);
  }

  private async entry(spec: ViewSpec, jobId?: string, onProgress?: (f: number) => void): Promise<ViewEntry> {
    const view = viewSpecSchema.parse(spec);
    const snap = await this.ws.resolveSnapshot(view.table, view.snapshot);
    const key = JSON.stringify([snap.relation, view.sort, view.filters]);
    const hit = this.views.get(key);
    if (hit) {
      this.views.delete(key);
      this.views.set(key, hit);
      return hit;
    }
    const columns = await this.ws.columns(snap.relation);
    const natural = view.sort.length === 0 && view.filters.length === 0;
    const entry: ViewEntry = { key, relation: snap.relation, columns, perm: null, total: snap.rows, ready: Promise.resolve(), blocks: new Map() };
    if (!natural) {
      const params: SqlParam[] = [];
      const where = filterSql(view.filters, columns, params);
      const order = orderSql(view.sort, columns);
      const perm = `${VIEW_CACHE_DB}.${quoteIdent(`v${++this.seq}`)}`;
      entry.perm = perm;
      entry.ready = this.ws.withSession(async (s) => {
        await s.run(`CREATE TABLE ${perm} AS SELECT rowid AS rid FROM ${snap.relation} WHERE ${where} ORDER BY ${order ? `${order}, ` : ''}rowid`, params, { onProgress });
        const [r] = await s.query(`SELECT count(*) AS n FROM ${perm}`);
        entry.total = Number(r?.n ?? 0);
      }, jobId);
      entry.ready.catch(() => {
        if (this.views.get(key) === entry) this.views.delete(key);
      });
    }
    this.views.set(key, entry);
    while (this.views.size > MAX_VIEWS) {
      const oldest = this.views.values().next().value as ViewEntry;
      await this.drop(oldest);
    }
    return entry;
  }

  private block(entry: ViewEntry, k: number): Promise<string> {
    const hit = entry.blocks.get(k);
    if (hit) {
      entry.blocks.delete(k);
      entry.blocks.set(k, hit);
      return hit;
    }
    const perm = entry.perm!;
    const name = `${perm.slice(0, -1)}_b${k}"`;
    const made = this.ws
      .run(
        `CREATE TABLE ${name} AS SELECT b.* FROM (SELECT rowid AS pos, rid FROM ${perm} WHERE rowid >= $1 AND rowid < $2) p JOIN ${entry.relation} b ON b.rowid = p.rid ORDER BY p.pos`,
        [k * BLOCK, (k + 1) * BLOCK],
      )
      .then(() => name);
    made.catch(() => entry.blocks.delete(k));
    entry.blocks.set(k, made);
    while (entry.blocks.size > MAX_BLOCKS) {
      const [oldK, oldP] = entry.blocks.entries().next().value as [number, Promise<string>];
      entry.blocks.delete(oldK);
      void oldP.then((n) => this.ws.run(`DROP TABLE IF EXISTS ${n}`)).catch(() => undefined);
    }
    return made;
  }

  private async drop(entry: ViewEntry): Promise<void> {
    this.views.delete(entry.key);
    await entry.ready.catch(() => undefined);
    for (const p of entry.blocks.values()) {
      const n = await p.catch(() => null);
      if (n) await this.ws.run(`DROP TABLE IF EXISTS ${n}`).catch(() => undefined);
    }
    if (entry.perm) await this.ws.run(`DROP TABLE IF EXISTS ${entry.perm}`).catch(() => undefined);
  }
}
