/**
 * Segments half of the engine API (docs/rules.md, SPEC §3–§7): definition files, counts (live ones interrupt
 * their stale predecessor), members, measurements, exports, compile, validate, explain, funnel.
 * Composed with the data half by engineApi.ts. Every method resolves its target (file, text or
 * draft), prepares a run (snapshots, schemas, SQL guard, validation, as-of) and composes queries.
 */
import path from 'node:path';
import type { ApiEvent } from '../../../shared/api/protocol';
import { ApiError } from '../../../shared/api/protocol';
import type { CountResult, DefinitionTarget, MeasurementRecord, SegmentsApi } from '../../../shared/api/segmentsApi';
import type { QueryOptions, Workspace } from '../workspace/workspace';
import { workspaceRunner } from '../sqlGuard/runners';
import { asDraft, draftDefinition, type LoadedDefinition } from './definitions/definitionSource';
import { loadTarget } from './runs/targetRun';
import {
  deleteDefinitionFile,
  listTrash,
  renameDefinitionFile,
  restoreDefinitionFile,
} from './definitions/definitionFiles';
import { listDefinitions, readDefinitionDocument, saveDefinition } from './definitions/definitionStore';
import { XLSX_PAGE_KEY, exportMembers, formatFromPath } from './export/exporter';
import { LiveCounts } from './runs/liveCounts';
import { appendMeasurements, listMeasurements } from './measurements/measurements';
import { prepareRun, readCatalog, type RunContext } from './runs/runContext';
import type { SnapshotInfo } from '../../../shared/api/dataApi';
import {
  countDefinition,
  countMany,
  explainKey,
  funnel,
  membersPage,
  membershipRule,
  sourceNames,
} from './runs/segmentRuns';
import { compileDefinitionFor, validateTarget } from './runs/compileValidate';
import { checkLookups, renderOverSource, renderSchemeRows } from './runs/compileAdapter';
import { quoteIdent } from '../db/sql';
import type { SqlParam } from '../workspace/workspace';
import { memberFiltersSql, resolveMemberFilters } from '../views/segmentView';
import { collectFields } from '../../../shared/segments/compat';
import { parseDefinitionSql } from '../sqlGuard/sqlExprs';
import { inUserWords } from './runs/runErrors';

export interface SegmentsDeps {
  workspace: () => Workspace | null;
  emit: (event: ApiEvent) => void;
}

const RUN_METHODS = [
  'countSegment',
  'countSegments',
  'segmentMembers',
  'measureSegment',
  'exportMembers',
  'explainRow',
  'segmentFunnel',
] as const;
type RunRequest = { target: DefinitionTarget } | { targets: DefinitionTarget[] };

export function createSegmentsService(deps: SegmentsDeps): SegmentsApi {
  const live = new LiveCounts();

  const requireWs = (): Workspace => {
    const ws = deps.workspace();
    if (!ws) throw new ApiError('not_found', 'No workspace is open');
    return ws;
  };

  const load = (target: DefinitionTarget): LoadedDefinition => loadTarget(deps.workspace(), target);

  const prepareLoaded = async (
    ws: Workspace,
    loaded: LoadedDefinition,
    opts: { snapshot?: string; asOf?: string; now?: Date },
    catalog?: SnapshotInfo[],
  ): Promise<RunContext> => {
    const ctx = await prepareRun(ws, workspaceRunner(ws), loaded, opts, catalog);
    await checkLookups(ws, ctx);
    return ctx;
  };
  const prepare = (
    ws: Workspace,
    target: DefinitionTarget,
    opts: { snapshot?: string; asOf?: string },
  ): Promise<RunContext> => prepareLoaded(ws, load(target), opts);

  /**
   * Run `fn` as a job; with a liveKey, a newer call of the same key interrupts it (its ticket is
   * taken on arrival; `check()` fails once superseded, so stale work is never started).
   */
  const liveRun = async <T>(
    ws: Workspace,
    liveKey: string | undefined,
    jobId: string | undefined,
    fn: (opts: QueryOptions | undefined, check: () => void) => Promise<T>,
  ): Promise<T> => {
    if (!liveKey) return fn(jobId ? { jobId } : undefined, () => {});
    const ticket = live.start(liveKey, (id) => ws.cancel(id), jobId);
    try {
      return await fn({ jobId: ticket }, () => live.assertCurrent(liveKey, ticket));
    } finally {
      live.finish(liveKey, ticket);
    }
  };

  /**
   * A definition with errors is never saved, whichever client asks (issue 11 item 3): it is checked
   * as `validate` checks it, against this workspace's tables, without its `fields` record (which
   * the save recomputes). Warnings do not block.
   */
  const refuseInvalid = async (ws: Workspace, name: string, definition: Record<string, unknown>): Promise<void> => {
    const { fields: _recomputed, ...checked } = definition;
    const report = await validateTarget(ws, workspaceRunner(ws), { definition: checked }, load);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    if (!errors.length) return;
    const head = errors
      .slice(0, 3)
      .map((d) => d.message)
      .join('; '); // the app shows paths beside the rules
    const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
    const fix = errors.length === 1 ? 'it' : 'them';
    throw new ApiError('invalid_input', `Cannot save '${name.trim()}': ${head}${more}. Fix ${fix} and save again.`, {
      diagnostics: errors,
    });
  };

  const progress = (jobId: string | undefined, fraction: number | null, message: string): void => {
    if (jobId) deps.emit({ kind: 'progress', jobId, fraction, message });
  };

  const service: SegmentsApi = {
    async listDefinitions() {
      return listDefinitions(requireWs());
    },

    async readDefinition(req) {
      return readDefinitionDocument(deps.workspace(), req.file);
    },

    async validateDefinition(req) {
      const ws = deps.workspace();
      return validateTarget(ws, ws ? workspaceRunner(ws) : null, req.target, load);
    },

    async saveDefinition(req) {
      const ws = requireWs();
      const definition = { ...asDraft(req.definition) };
      await refuseInvalid(ws, req.name, definition);
      const entity: { table?: unknown } | undefined = definition.entity; // not validated yet
      // Record the fields read, with today's types, when the tables are here (docs/definition-files.md, SPEC §5).
      if (entity && typeof entity.table === 'string' && (await ws.tables()).some((t) => t.name === entity.table)) {
        const ctx = await prepareRun(ws, workspaceRunner(ws), draftDefinition({ ...definition, fields: {} }), {}).catch(
          () => null,
        );
        if (ctx) {
          const parsed = await parseDefinitionSql(workspaceRunner(ws), definition, ctx.schemas);
          definition.fields = collectFields(definition, ctx.schemas, parsed.exprs);
        }
      }
      return saveDefinition(ws, {
        kind: req.kind ?? 'segment',
        name: req.name,
        definition,
        note: req.note ?? '',
        ...(req.file !== undefined ? { file: req.file } : {}),
        ...(req.description !== undefined ? { description: req.description } : {}),
        ...(req.tags !== undefined ? { tags: req.tags } : {}),
        ...(req.author !== undefined ? { author: req.author } : {}),
      });
    },

    async renameDefinition(req) {
      return renameDefinitionFile(requireWs(), req.file, req.name, req.renameFile ?? true);
    },

    async deleteDefinition(req) {
      return deleteDefinitionFile(requireWs(), req.file);
    },

    async restoreDefinition(req) {
      return restoreDefinitionFile(requireWs(), req.trashFile);
    },

    async listTrash() {
      return listTrash(requireWs());
    },

    async countSegment(req) {
      const ws = requireWs();
      return liveRun(ws, req.liveKey, req.jobId, async (opts, check) => {
        const ctx = await prepare(ws, req.target, req);
        check();
        return countDefinition(ws, ctx, req.measures ?? [], opts);
      });
    },

    async countSegments(req) {
      const ws = requireWs();
      return liveRun(ws, req.liveKey, req.jobId, async (opts, check) => {
        const contexts: RunContext[] = [];
        const catalog = await readCatalog(ws);
        for (const t of req.targets) contexts.push(await prepareLoaded(ws, load(t), req, catalog));
        check();
        // Segments without measures: one UNION ALL statement of pushed-down WHERE counts (docs/architecture.md, SPEC
        // §11.3);
        // schemes (tiers) and measures are counted one by one.
        if (!req.measures?.length && contexts.every((c) => c.loaded.kind === 'segment'))
          return countMany(ws, contexts, opts);
        const out = [];
        for (const ctx of contexts) out.push(await countDefinition(ws, ctx, req.measures ?? [], opts));
        return out;
      });
    },

    async segmentMembers(req) {
      const ws = requireWs();
      const ctx = await prepare(ws, req.target, req);
      return membersPage(ws, ctx, req.columns, req.after, req.limit ?? 100);
    },

    async measureSegment(req) {
      const ws = requireWs();
      const first = load(req.target);
      const table = (first.definition.entity as { table?: string } | undefined)?.table;
      // One catalog read and one instant for every snapshot (runs measured together share a `now`).
      const catalog = await readCatalog(ws);
      const own = catalog.filter((s) => s.table === table);
      if (req.allSnapshots && table && !own.length) await ws.table(table); // throws the usual "no table" error
      const snapshots = req.allSnapshots && table ? own.map((s) => s.id) : [req.snapshot];
      const now = new Date();
      const opts = req.jobId ? { jobId: req.jobId } : undefined;
      progress(
        req.jobId,
        0,
        `Measuring on ${snapshots.length === 1 ? `snapshot ${snapshots[0] ?? 'latest'}` : `${snapshots.length} snapshots`}`,
      );
      const contexts: RunContext[] = [];
      for (const snapshot of snapshots)
        contexts.push(
          await prepareLoaded(
            ws,
            first,
            { ...(snapshot ? { snapshot } : {}), ...(req.asOf ? { asOf: req.asOf } : {}), now },
            catalog,
          ),
        );
      // A segment without measures on several snapshots: one UNION ALL statement of pushed-down
      // counts (docs/architecture.md, SPEC §11.3); schemes and measures one snapshot after another.
      let counts: CountResult[] = [];
      if (contexts.length > 1 && !req.measures?.length && first.kind === 'segment')
        counts = await countMany(ws, contexts, opts);
      else {
        for (const [i, ctx] of contexts.entries()) {
          progress(req.jobId, i / contexts.length, `Measuring on snapshot ${ctx.snapshot.id}`);
          counts.push(await countDefinition(ws, ctx, req.measures ?? [], opts));
        }
      }
      const ranAt = new Date().toISOString().replace(/\.000Z$/, 'Z');
      const records = counts.map((counted, i): Omit<MeasurementRecord, 'id'> => {
        const ctx = contexts[i]!;
        const record: Omit<MeasurementRecord, 'id'> = {
          segmentId: counted.id,
          segment: counted.segment,
          version: counted.version,
          hash: counted.hash,
          table: counted.table,
          snapshot: ctx.snapshot.id,
          snapshotAsOf: ctx.snapshot.asOf,
          fingerprint: ctx.snapshot.fingerprint,
          asOf: counted.asOf,
          asOfSource: counted.asOfSource,
          count: counted.count,
          total: counted.total,
          share: counted.share,
          measures: counted.measures,
          related: counted.related,
          ranAt,
        };
        if (counted.tiers) record.tiers = counted.tiers;
        return record;
      });
      const out = await appendMeasurements(ws, records);
      progress(req.jobId, 1, 'Measured');
      return out;
    },

    async listMeasurements(req) {
      return listMeasurements(requireWs(), req.segmentId, req.limit ?? 1000);
    },

    async exportMembers(req) {
      const ws = requireWs();
      const ctx = await prepare(ws, req.target, req);
      const format = req.format ?? formatFromPath(req.out);
      if (!format)
        throw new ApiError(
          'usage',
          `Cannot tell the export format from '${req.out}': use .csv, .parquet, .json or .xlsx`,
        );
      if (!path.isAbsolute(req.out))
        throw new ApiError('usage', `The export destination must be an absolute path, not '${req.out}'`);
      const schema = ctx.schemas[ctx.entity.table] ?? [];
      const columns = req.columns?.length ? [...req.columns] : schema.map((c) => c.name);
      // The definition's metrics are columns of the entity source too (e."name"), so they export alike.
      const names = sourceNames(ctx);
      const missing = columns.filter((c) => !names.has(c));
      if (missing.length)
        throw new ApiError(
          'invalid_input',
          `No column or metric ${missing.map((m) => `'${m}'`).join(', ')} in ${ctx.entity.table}`,
        );
      const opts = req.jobId ? { jobId: req.jobId } : undefined;
      const counted = await countDefinition(ws, ctx, [], opts);
      const key = quoteIdent(ctx.entity.key);
      // XLSX is written in keyset-paged batches: the key rides along as a hidden last column.
      const head =
        columns.map((c) => `e.${quoteIdent(c)}`).join(', ') +
        (format === 'xlsx' ? `, e.${key} AS ${quoteIdent(XLSX_PAGE_KEY)}` : '');
      // A scheme is a partition: its export is every row with its tier.
      const scheme = ctx.loaded.kind === 'scheme';
      const base = scheme
        ? renderSchemeRows(ctx, head, ' WHERE TRUE')
        : renderOverSource(ctx, head, membershipRule(ctx.loaded.definition));
      // Narrowed by other definitions (an overlap cell, a flow group): their conditions follow the WHERE.
      const filters = await resolveMemberFilters(
        req,
        ctx.snapshot,
        async (t, at) => ({ key: '', ctx: await prepareLoaded(ws, load(t), { snapshot: at.id }) }),
        (id) => ws.resolveSnapshot(ctx.entity.table, id),
      );
      const params = [...base.params] as SqlParam[]; // a copy, not a spread into push: lists may be long
      const narrowed = filters.length ? ` AND ${memberFiltersSql(filters, params).replace(/ AND $/, '')}` : '';
      const members = { sql: `${base.sql}${narrowed} ORDER BY e.${key}`, params };
      if (scheme) columns.push('tier');
      if (filters.length) {
        const [n] = await ws.query(`SELECT count(*) AS n FROM (${base.sql}${narrowed})`, params, opts);
        counted.count = Number(n?.n ?? 0);
      } else if (scheme) counted.count = counted.total;
      const selectSql = members.sql;
      progress(req.jobId, 0, `Exporting ${counted.count} rows`);
      const metaFile = await exportMembers(ws, {
        selectSql,
        params: members.params,
        columns,
        rows: counted.count,
        format,
        out: req.out,
        ...(req.jobId ? { jobId: req.jobId } : {}),
        progress: (f, message) => progress(req.jobId, f, message),
        meta: {
          segment: ctx.loaded.name,
          id: ctx.loaded.id,
          version: ctx.loaded.version,
          hash: ctx.loaded.hash,
          file: ctx.loaded.file,
          table: ctx.entity.table,
          snapshot: ctx.snapshot.id,
          fingerprint: ctx.snapshot.fingerprint,
          asOf: ctx.asOf.iso,
          asOfSource: ctx.asOf.source,
          related: counted.related,
          rows: counted.count,
          columns,
          format,
          exportedAt: new Date().toISOString(),
        },
      });
      progress(req.jobId, 1, 'Exported');
      return { file: req.out, format, rows: counted.count, columns, metaFile };
    },

    async compileDefinition(req) {
      const ws = deps.workspace();
      const loaded = load(req.target);
      // With a workspace, an as-of of `snapshot` is the snapshot's, as for every run (docs/rules.md, SPEC §3).
      const table = (loaded.definition.entity as { table?: unknown } | undefined)?.table;
      const snapshotAsOf =
        ws && typeof table === 'string' && (await ws.tables()).some((t) => t.name === table)
          ? (await ws.resolveSnapshot(table, req.snapshot)).asOf
          : undefined;
      return compileDefinitionFor(ws ? workspaceRunner(ws) : null, loaded, req.dialect, req.asOf, {
        ...(snapshotAsOf ? { snapshotAsOf } : {}),
        ...(req.inline ? { inline: true } : {}),
      });
    },

    async explainRow(req) {
      const ws = requireWs();
      const ctx = await prepare(ws, req.target, req);
      const r = await explainKey(ws, ctx, req.key);
      return { key: req.key, ...r };
    },

    async segmentFunnel(req) {
      const ws = requireWs();
      return liveRun(ws, req.liveKey, req.jobId, async (opts, check) => {
        const ctx = await prepare(ws, req.target, req);
        check();
        return funnel(ws, ctx, opts);
      });
    },
  };
  // Methods that run definitions: a DuckDB failure reaches the user named by the SQL part it comes
  // from, never with DuckDB's error class or internal tables (runErrors.ts).
  for (const method of RUN_METHODS) {
    const run = service[method] as (req: RunRequest) => Promise<unknown>;
    (service as unknown as Record<string, unknown>)[method] = (req: RunRequest) =>
      inUserWords(deps.workspace(), 'targets' in req ? req.targets : [req.target], () => run(req));
  }
  return service;
}
