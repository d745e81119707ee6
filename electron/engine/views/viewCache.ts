/**
 * Paged rows of a (snapshot, sort, filters) view without large OFFSETs (docs/architecture.md, SPEC §11.4).
 * - Natural order, no filters: a page is a rowid range of the snapshot table (snapshots are
 *   immutable, rowids 0..n-1).
 * - Otherwise a permutation `viewcache.v<n>(rid)` is built once (ORDER BY the sort, then rowid; its own
 *   rowid is the position; `rid` renamed if a column has that name), cancellable and with DuckDB
 *   progress. A page reads its rowids from the permutation and fetches those rows with a pushed-down
 *   rowid filter (a join would scan the table), reading a few hundred positions ahead into a bounded
 *   per-view row cache.
 * A few views are cached (LRU); permutations live in the attached in-memory database.
 * A user column named `rowid` (any case) shadows DuckDB's pseudo-column, so such a snapshot is read
 * through a copy in the cache database with that column renamed (insertion order kept, so the copy's
 * rowid is the snapshot's), its name restored and the position exposed under a free name; see source().
 * Segments (segmentView.ts): `segment` filters the permutation to the definition's members, `alsoIn`
 * to the members of each of those too and `notIn` to rows in none of those (compare's overlap cells),
 * `keysAt` to keys (not) among another snapshot's (members) (flow groups, tier moves);
 * `membership` and `metrics` are computed per page for that page's rows only (not cached); a sort
 * item may be a definition's membership (a ✓ column), computed over the whole snapshot.
 */
import {
  viewSpec as viewSpecSchema,
  type ColumnInfo,
  type RowsPage,
  type SnapshotInfo,
  type ViewSpec,
} from '../../../shared/api/dataApi';
import type { SqlParam } from '../db/db';
import { quoteIdent } from '../db/sql';
import { VIEW_CACHE_DB, type Workspace } from '../workspace/workspace';
import { filterSql, orderSql } from './filters';
import type { DefinitionTarget } from '../../../shared/api/segmentsApi';
import { definitionsOf, humanRunError } from '../segments/runs/runErrors';
import {
  RunCache,
  memberFilterSql,
  memberFiltersSql,
  pageMembership,
  pageMetrics,
  resolveMemberFilters,
  type PreparedTarget,
} from './segmentView';

/** Rowids per fetch statement (kept below db.ts's dynamic_or_filter_threshold). */
export const FETCH_CHUNK = 1000;
/** Positions fetched at least per miss (read-ahead for a scrolling grid). */
const READ_AHEAD = 300;
/** Rows kept per view (insertion-ordered map: oldest dropped first). */
const ROW_CACHE = 5000;
const MAX_VIEWS = 3;

/** Where a view's rows are read: FROM item, position expression, and the user's columns. */
interface Source {
  from: string;
  /** Row position 0..n-1 in file order (the snapshot's rowid). */
  pos: string;
  /** Select list of exactly the snapshot's columns. */
  star: string;
  /**
   * The permutation's column: a name no column has, since ORDER BY binds a select alias before a
   * column (a column named like it would sort by the position instead).
   */
  rid: string;
}

/** A name no column has (DuckDB names are case-insensitive). */
function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 1; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

interface ViewEntry {
  key: string;
  relation: string;
  /** Set once `ready` resolves. */
  source: Source | null;
  columns: ColumnInfo[];
  /** Permutation table, or null for natural order without filters. */
  perm: string | null;
  total: number;
  ready: Promise<void>;
  /** Rows by position, for sorted/filtered views. */
  rowCache: Map<number, RowsPage['rows'][number]>;
}

export class ViewCache {
  private readonly views = new Map<string, ViewEntry>();
  /** Snapshot resolution per (table, snapshot), so a page costs no catalog query; see invalidate(). */
  private readonly snaps = new Map<string, Promise<SnapshotInfo>>();
  private readonly runs: RunCache;
  /** Renamed copies of snapshots with a `rowid` column, by relation (dropped with their last view). */
  private readonly copies = new Map<string, { table: string; source: Promise<Source> }>();
  private seq = 0;

  constructor(private readonly ws: Workspace) {
    this.runs = new RunCache(ws);
  }

  /** Prepare (build the permutation of) a view; returns its row count. */
  async prepare(spec: ViewSpec, jobId?: string, onProgress?: (f: number) => void): Promise<{ total: number }> {
    return this.inUserWords(spec, async () => {
      const entry = await this.entry(spec, jobId, onProgress);
      await entry.ready;
      return { total: entry.total };
    });
  }

  /** A DuckDB failure of a definition the view runs names its SQL part, never internal tables (runErrors.ts). */
  private async inUserWords<T>(spec: ViewSpec, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const parsed = viewSpecSchema.safeParse(spec);
      if (!parsed.success) throw err;
      const v = parsed.data;
      const targets: DefinitionTarget[] = [
        ...(v.segment ? [v.segment] : []),
        ...(v.alsoIn ?? []),
        ...(v.notIn ?? []),
        ...(v.membership ?? []),
        ...(v.metrics ? [v.metrics.definition] : []),
        ...(v.keysAt ?? []).map((k) => k.target),
      ];
      throw targets.length ? humanRunError(err, definitionsOf(this.ws, targets)) : err;
    }
  }

  /**
   * The view's rows as a FROM-able relation with exactly the snapshot's columns (column profiles of
   * what the grid shows): the snapshot itself in natural order, else its rows among the permutation's.
   */
  async relation(
    spec: ViewSpec,
    jobId?: string,
    onProgress?: (f: number) => void,
  ): Promise<{ relation: string; total: number }> {
    const entry = await this.entry(spec, jobId, onProgress);
    await entry.ready;
    const src = entry.source!;
    if (!entry.perm && src.star === '*') return { relation: src.from, total: entry.total };
    const where = entry.perm ? ` WHERE ${src.pos} IN (SELECT ${src.rid} FROM ${entry.perm})` : '';
    return { relation: `(SELECT ${src.star} FROM ${src.from}${where})`, total: entry.total };
  }

  async rows(spec: ViewSpec, offset: number, limit: number): Promise<RowsPage> {
    return this.inUserWords(spec, () => this.pageWithSegments(spec, offset, limit));
  }

  private async pageWithSegments(spec: ViewSpec, offset: number, limit: number): Promise<RowsPage> {
    const page = await this.plainRows(spec, offset, limit);
    const view = viewSpecSchema.parse(spec);
    if (!view.membership?.length && !view.metrics) return page;
    const snap = await this.snapshot(view.table, view.snapshot);
    if (view.membership?.length) {
      const contexts = [];
      for (const t of view.membership) contexts.push((await this.runs.get(t, snap)).ctx);
      page.membership = await pageMembership(this.ws, contexts, page.rows);
    }
    if (view.metrics) {
      const { ctx } = await this.runs.get(view.metrics.definition, snap);
      page.metrics = await pageMetrics(this.ws, ctx, view.metrics.names, page.rows);
    }
    return page;
  }

  private async plainRows(spec: ViewSpec, offset: number, limit: number): Promise<RowsPage> {
    const entry = await this.entry(spec);
    await entry.ready;
    const end = Math.min(offset + limit, entry.total);
    if (offset >= end) return { offset, rows: [], total: entry.total };
    if (!entry.perm) {
      const src = entry.source!;
      const rows = await this.ws.query(
        `SELECT ${src.star} FROM ${src.from} WHERE ${src.pos} >= $1 AND ${src.pos} < $2 ORDER BY ${src.pos}`,
        [offset, end],
      );
      return { offset, rows, total: entry.total };
    }
    const cache = entry.rowCache;
    let missing = false;
    for (let p = offset; p < end && !missing; p++) missing = !cache.has(p);
    if (missing) await this.fetchPositions(entry, offset, Math.min(entry.total, Math.max(end, offset + READ_AHEAD)));
    const rows: RowsPage['rows'] = [];
    for (let p = offset; p < end; p++) rows.push(cache.get(p)!);
    return { offset, rows, total: entry.total };
  }

  /**
   * Rows at positions [from, to) into the view's row cache: their rowids from the permutation (a
   * rowid range of it), then the rows by `rowid = ANY([...])`, which DuckDB pushes into the scan as
   * a rowid filter (db.ts raises dynamic_or_filter_threshold). A few hundred rows cost about what
   * one page does, so the next pages of a scrolling grid are already here.
   */
  private async fetchPositions(entry: ViewEntry, from: number, to: number): Promise<void> {
    const ridRes = await this.ws.queryResult(
      `SELECT ${entry.source!.rid} FROM ${entry.perm!} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`,
      [from, to],
    );
    const rids = ridRes.rows.map((r) => Number(r[0]));
    const byRid = new Map<number, RowsPage['rows'][number]>();
    for (let i = 0; i < rids.length; i += FETCH_CHUNK) {
      const chunk = rids.slice(i, i + FETCH_CHUNK);
      // Engine-made integers read from our own permutation table, checked, hence inlined: DuckDB
      // only turns a constant list into a pushed-down rowid filter.
      if (!chunk.every((x) => Number.isSafeInteger(x) && x >= 0)) throw new Error('corrupt view permutation');
      const src = entry.source!;
      const res = await this.ws.queryResult(
        `SELECT ${src.pos}, ${src.star} FROM ${src.from} WHERE ${src.pos} = ANY([${chunk.join(', ')}])`,
      );
      const names = res.columns.slice(1).map((c) => c.name);
      for (const r of res.rows) {
        const o: RowsPage['rows'][number] = {};
        for (let k = 0; k < names.length; k++) o[names[k]!] = r[k + 1] ?? null;
        byRid.set(Number(r[0]), o);
      }
    }
    const cache = entry.rowCache;
    rids.forEach((rid, i) => {
      cache.delete(from + i);
      cache.set(from + i, byRid.get(rid)!);
    });
    for (const p of cache.keys()) {
      if (cache.size <= ROW_CACHE) break;
      cache.delete(p);
    }
  }

  /** Forget snapshot resolutions (call after an import: a table's latest snapshot may change). */
  invalidate(): void {
    this.snaps.clear();
    this.runs.clear();
  }

  /** Drop every cached view (e.g. when the workspace closes or a table changes). */
  async clear(): Promise<void> {
    for (const e of [...this.views.values()]) await this.drop(e);
    for (const relation of [...this.copies.keys()]) await this.dropCopy(relation);
  }

  private async entry(spec: ViewSpec, jobId?: string, onProgress?: (f: number) => void): Promise<ViewEntry> {
    const view = viewSpecSchema.parse(spec);
    const snap = await this.snapshot(view.table, view.snapshot);
    const segment: PreparedTarget | null = view.segment ? await this.runs.get(view.segment, snap) : null;
    const filters = await resolveMemberFilters(
      view,
      snap,
      (t, at) => this.runs.get(t, at),
      (id) => this.snapshot(view.table, id),
    );
    const sortMembers: PreparedTarget[] = [];
    for (const s of view.sort) if ('member' in s) sortMembers.push(await this.runs.get(s.member, snap));
    let m = 0;
    const sortKey = view.sort.map((s) => ('column' in s ? s : { member: sortMembers[m++]!.key, dir: s.dir }));
    const memberKeys = filters.map((x) => [x.key, x.member]);
    const key = JSON.stringify([snap.relation, sortKey, view.filters, segment?.key ?? null, memberKeys]);
    const hit = this.views.get(key);
    if (hit) {
      this.views.delete(key);
      this.views.set(key, hit);
      return hit;
    }
    const columns = await this.ws.columns(snap.relation);
    const natural = view.sort.length === 0 && view.filters.length === 0 && !segment && !filters.length;
    const entry: ViewEntry = {
      key,
      relation: snap.relation,
      source: null,
      columns,
      perm: null,
      total: snap.rows,
      ready: Promise.resolve(),
      rowCache: new Map(),
    };
    // With a copy to build first, each build reports half the progress.
    const copied = columns.some((c) => c.name.toLowerCase() === 'rowid');
    const source = this.source(
      snap.relation,
      columns,
      jobId,
      copied && !natural && onProgress ? (f) => onProgress(f / 2) : onProgress,
    );
    const permProgress = copied && onProgress ? (f: number) => onProgress(0.5 + f / 2) : onProgress;
    entry.ready = source.then((src) => {
      entry.source = src;
    });
    if (!natural) {
      const params: SqlParam[] = [];
      const members =
        (segment ? `${memberFilterSql(segment.ctx, params)} AND ` : '') + memberFiltersSql(filters, params);
      const where = members + filterSql(view.filters, view.table, columns, params);
      const order = orderSql(view.sort, columns, params, (i, p) => memberFilterSql(sortMembers[i]!.ctx, p));
      const perm = `${VIEW_CACHE_DB}.${quoteIdent(`v${++this.seq}`)}`;
      entry.perm = perm;
      entry.ready = entry.ready.then(() =>
        this.ws.withSession(async (s) => {
          const src = entry.source!;
          await s.run(
            `CREATE TABLE ${perm} AS SELECT ${src.pos} AS ${src.rid} FROM ${src.from} WHERE ${where} ORDER BY ${order ? `${order}, ` : ''}${src.pos}`,
            params,
            { onProgress: permProgress },
          );
          const [r] = await s.query(`SELECT count(*) AS n FROM ${perm}`);
          entry.total = Number(r?.n ?? 0);
        }, jobId),
      );
    }
    entry.ready.catch(() => {
      if (this.views.get(key) === entry) this.views.delete(key);
    });
    this.views.set(key, entry);
    while (this.views.size > MAX_VIEWS) {
      const oldest = this.views.values().next().value as ViewEntry;
      await this.drop(oldest);
    }
    return entry;
  }

  /**
   * The source of a snapshot's views: the table itself, or (a column shadows rowid) a copy built
   * once in the cache database with that column under a free name, read through a select that
   * restores the name and exposes the copy's rowid as a free position name. The copy keeps the
   * snapshot's insertion order (preserve_insertion_order), so positions are the snapshot's rowids.
   */
  private source(
    relation: string,
    columns: ColumnInfo[],
    jobId?: string,
    onProgress?: (f: number) => void,
  ): Promise<Source> {
    const taken = new Set(columns.map((c) => c.name.toLowerCase()));
    const rid = quoteIdent(freeName('rid', taken));
    const shadow = columns.find((c) => c.name.toLowerCase() === 'rowid');
    if (!shadow) return Promise.resolve({ from: relation, pos: 'rowid', star: '*', rid });
    const hit = this.copies.get(relation);
    if (hit) return hit.source;
    const renamed = quoteIdent(freeName('__segwb_rowid', taken));
    const pos = quoteIdent(freeName('__segwb_pos', taken));
    const table = `${VIEW_CACHE_DB}.${quoteIdent(`c${++this.seq}`)}`;
    const name = quoteIdent(shadow.name);
    const source = this.ws.withSession(async (s) => {
      await s.run(`CREATE TABLE ${table} AS SELECT * RENAME (${name} AS ${renamed}) FROM ${relation}`, [], {
        onProgress,
      });
      return {
        from: `(SELECT rowid AS ${pos}, * RENAME (${renamed} AS ${name}) FROM ${table})`,
        pos,
        star: `* EXCLUDE (${pos})`,
        rid,
      };
    }, jobId);
    const copy = { table, source };
    source.catch(() => {
      if (this.copies.get(relation) === copy) this.copies.delete(relation);
    });
    this.copies.set(relation, copy);
    return source;
  }

  private snapshot(table: string, snapshot: string | undefined): Promise<SnapshotInfo> {
    const snapKey = JSON.stringify([table, snapshot ?? null]);
    let snapP = this.snaps.get(snapKey);
    if (!snapP) {
      snapP = this.ws.resolveSnapshot(table, snapshot);
      snapP.catch(() => this.snaps.delete(snapKey));
      this.snaps.set(snapKey, snapP);
    }
    return snapP;
  }

  private async drop(entry: ViewEntry): Promise<void> {
    this.views.delete(entry.key);
    await entry.ready.catch(() => undefined);
    if (entry.perm) await this.ws.run(`DROP TABLE IF EXISTS ${entry.perm}`).catch(() => undefined);
    if (![...this.views.values()].some((v) => v.relation === entry.relation)) await this.dropCopy(entry.relation);
  }

  /** Drop the renamed copy of `relation`, if any (once it is built or has failed). */
  private async dropCopy(relation: string): Promise<void> {
    const copy = this.copies.get(relation);
    if (!copy) return;
    this.copies.delete(relation);
    await copy.source.catch(() => undefined);
    await this.ws.run(`DROP TABLE IF EXISTS ${copy.table}`).catch(() => undefined);
  }
}
