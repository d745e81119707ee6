/**
 * segwb commands of the segment language (docs/cli.md, SPEC §7): count, measure, export, compile, validate.
 * Definition files are read here (paths relative to the folder segwb started in) and sent to the
 * engine as text, so messages name the file as the user typed it. `compile` needs no workspace:
 * the schema comes from the definition's `fields` and SQL rules are parsed by an in-memory DuckDB.
 * With `--db` (pgOptions.ts), count, measure and export run the definition on a PostgreSQL server;
 * count and export then need no workspace (one given, or the current folder when it is one, still
 * parses SQL rules and is where measure records go).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/protocol';
import { exportFormats, type ExportFormat } from '../../../shared/api/choices';
import { DIALECTS, type DialectName } from '../../../shared/segments/dialectNames';
import { diagnosticLine } from '../../../shared/segments/location';
import { EXIT, type ArgValues, type Command, type CommandContext } from '../command';
import { fmtInt, fmtNumber, textTable } from '../format';
import { folderState } from '../workspaceDir';
import { checkDb, dbOptions, onServer, serverLabel, serverOf } from './pgOptions';

const AS_OF_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function str(values: ArgValues, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

export function checkAsOf(values: ArgValues): void {
  const asOf = str(values, 'as-of');
  if (asOf === undefined) return;
  const day = asOf.slice(0, 10);
  const d = new Date(`${day}T00:00:00Z`);
  if (!AS_OF_RE.test(asOf) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new ApiError(
      'usage',
      `--as-of '${asOf}' is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with Z or an offset`,
    );
  }
}

export function versionOf(values: ArgValues): number | undefined {
  const v = str(values, 'version');
  if (v === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(v)) throw new ApiError('usage', `--version '${v}' is not a positive integer`);
  return Number(v);
}

export function needFiles(positionals: string[], many: boolean, name: string): void {
  if (!positionals.length) throw new ApiError('usage', `${name} needs a definition file (DEF.json)`);
  if (!many && positionals.length > 1)
    throw new ApiError('usage', `${name} takes one definition file (got ${positionals.length})`);
}

export function readDef(ctx: Pick<CommandContext, 'cwd'>, file: string): string {
  try {
    return readFileSync(resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new ApiError(
      'invalid_input',
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
}

export function runOpts(values: ArgValues): { snapshot?: string; asOf?: string } {
  const snapshot = str(values, 'snapshot');
  const asOf = str(values, 'as-of');
  return { ...(snapshot !== undefined ? { snapshot } : {}), ...(asOf !== undefined ? { asOf } : {}) };
}

export function measuresOf(values: ArgValues): string[] | undefined {
  const m = values.measure;
  if (m === undefined) return undefined;
  return (Array.isArray(m) ? m : [m])
    .map(String)
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
}

/** With --db: open the workspace when one is given or the current folder is one (measure needs it). */
async function openIfWorkspace(ctx: CommandContext): Promise<void> {
  if (ctx.workspaceGiven || folderState(ctx.workspace) === 'workspace')
    await ctx.api.openWorkspace({ path: ctx.workspace });
}

/** A job id for a long call on the server, cancelled when the user interrupts (Ctrl-C). */
function cancelOnInterrupt(ctx: CommandContext): { jobId: string; done: () => void } {
  const jobId = `cli-pg-${process.pid}-${Date.now()}`;
  let finished = false;
  void ctx.interrupted.then(() => {
    if (!finished) void ctx.api.cancelJob({ jobId }).catch(() => undefined);
  });
  return { jobId, done: () => void (finished = true) };
}

function pct(share: number | null): string {
  return share === null ? 'n/a' : `${(share * 100).toFixed(2)}%`;
}

interface CountFigures {
  count: number;
  total: number;
  share: number | null;
  segment: string | null;
  id: string | null;
  version: number | null;
  hash: string | null;
  asOf: string;
  asOfSource: string;
  table: string;
  measures: { column: string; sum: number | null; avg: number | null }[];
  tiers?: { name: string; count: number; share: number | null }[];
  warnings: string[];
}

/** `count --json` (SPEC §7): the same fields in the same order on DuckDB and PostgreSQL; `where` names the data. */
function countJson(r: CountFigures, where: Record<string, unknown>): string {
  return JSON.stringify({
    count: r.count,
    total: r.total,
    share: r.share,
    segment: r.segment,
    id: r.id,
    version: r.version,
    hash: r.hash,
    asOf: r.asOf,
    asOfSource: r.asOfSource,
    table: r.table,
    ...where,
    measures: r.measures,
    ...(r.tiers ? { tiers: r.tiers } : {}),
    warnings: r.warnings,
  });
}

/** A count for reading: the line, measures rounded for reading, a scheme's tiers, then warnings. */
function printCount(ctx: CommandContext, r: CountFigures & { warnings: string[] }, file: string, on: string): void {
  ctx.out(
    `${r.segment ?? file} (v${r.version ?? '?'}): ${fmtInt(r.count)} of ${fmtInt(r.total)} ${r.table} (${pct(r.share)}) on ${on}, as of ${r.asOf}`,
  );
  for (const m of r.measures) ctx.out(`  ${m.column}: sum ${fmtNumber(m.sum)}, avg ${fmtNumber(m.avg)}`);
  if (r.tiers)
    for (const line of textTable(
      ['tier', 'count', 'share'],
      r.tiers.map((t) => [t.name, fmtInt(t.count), pct(t.share)]),
    ))
      ctx.out(`  ${line}`);
  for (const w of r.warnings) ctx.err(`warning: ${w}`);
}

const commonRun = {
  version: { type: 'string' },
  snapshot: { type: 'string' },
  'as-of': { type: 'string' },
  measure: { type: 'string', multiple: true },
} as const;

export const countCommand: Command = {
  name: 'count',
  summary: 'count the members of a segment (or each tier of a scheme) on a snapshot',
  usage:
    'segwb count DEF.json [--version N] [--snapshot ID] [--as-of DATE] [--measure COL] [--workspace DIR] [--db postgres://…|postgres [--db-schema S]] [--json]',
  options: { ...commonRun, ...dbOptions },
  needs: ({ values }) => (onServer(values) ? 'engine' : 'workspace'),
  check({ values, positionals, env }) {
    needFiles(positionals, false, 'count');
    versionOf(values);
    checkAsOf(values);
    checkDb(values, env);
  },
  async run(ctx) {
    const file = ctx.positionals[0]!;
    const version = versionOf(ctx.values);
    const measures = measuresOf(ctx.values);
    if (onServer(ctx.values)) {
      await openIfWorkspace(ctx);
      const asOf = str(ctx.values, 'as-of');
      const r = await ctx.api.countOnPostgres({
        target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
        server: serverOf(ctx.values, ctx.env),
        ...(asOf !== undefined ? { asOf } : {}),
        ...(measures ? { measures } : {}),
      });
      if (ctx.json) {
        ctx.out(countJson(r, { engine: 'postgres', server: r.server }));
        return EXIT.ok;
      }
      printCount(ctx, r, file, serverLabel(r.server));
      return EXIT.ok;
    }
    const r = await ctx.api.countSegment({
      target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
      ...runOpts(ctx.values),
      ...(measures ? { measures } : {}),
    });
    if (ctx.json) {
      ctx.out(countJson(r, { snapshot: r.snapshot, related: r.related }));
      return EXIT.ok;
    }
    printCount(ctx, r, file, `snapshot ${r.snapshot}`);
    return EXIT.ok;
  },
};

export const measureCommand: Command = {
  name: 'measure',
  summary: 'measure segments and append measurement records to the workspace',
  usage:
    'segwb measure DEF.json... [--version N] [--snapshot ID|all] [--as-of DATE] [--measure COL] [--workspace DIR] [--db postgres://…|postgres [--db-schema S]] [--json]',
  options: { ...commonRun, ...dbOptions },
  check({ values, positionals, env }) {
    needFiles(positionals, true, 'measure');
    versionOf(values);
    checkAsOf(values);
    checkDb(values, env);
  },
  async run(ctx) {
    const version = versionOf(ctx.values);
    const measures = measuresOf(ctx.values);
    const snapshot = str(ctx.values, 'snapshot');
    const asOf = str(ctx.values, 'as-of');
    const records = [];
    for (const file of ctx.positionals) {
      if (onServer(ctx.values)) {
        // The measurement is recorded in the workspace, naming the engine, server version and database.
        const rec = await ctx.api.measureOnPostgres({
          target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
          server: serverOf(ctx.values, ctx.env),
          ...(asOf !== undefined ? { asOf } : {}),
          ...(measures ? { measures } : {}),
        });
        records.push({ file, ...rec });
        continue;
      }
      const recs = await ctx.api.measureSegment({
        target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
        ...(snapshot === 'all' ? { allSnapshots: true } : snapshot !== undefined ? { snapshot } : {}),
        ...(asOf !== undefined ? { asOf } : {}),
        ...(measures ? { measures } : {}),
      });
      for (const r of recs) records.push({ file, ...r });
    }
    if (ctx.json) {
      ctx.out(JSON.stringify(records));
      return EXIT.ok;
    }
    const rows = records.map((r) => [
      r.file,
      r.segment ?? '',
      r.version ?? '',
      r.snapshot,
      r.asOf,
      fmtInt(r.count),
      fmtInt(r.total),
      pct(r.share),
    ]);
    for (const line of textTable(['file', 'segment', 'version', 'snapshot', 'as-of', 'count', 'total', 'share'], rows))
      ctx.out(line);
    // A scheme's count is its rows in a named tier; each tier's count follows (otherwise last), as recorded.
    for (const r of records) {
      if (r.tiers)
        ctx.out(`${r.file} on ${r.snapshot}: ${r.tiers.map((t) => `${t.name} ${fmtInt(t.count)}`).join(' · ')}`);
    }
    return EXIT.ok;
  },
};

export const exportCommand: Command = {
  name: 'export',
  summary: 'export the members of a segment to CSV, Parquet, JSON or XLSX',
  usage:
    'segwb export DEF.json --out FILE.(csv|parquet|json|xlsx) [--columns a,b] [--version N] [--snapshot ID] [--as-of DATE] [--workspace DIR] [--db postgres://…|postgres [--db-schema S]] [--json]',
  options: {
    out: { type: 'string' },
    columns: { type: 'string' },
    version: { type: 'string' },
    snapshot: { type: 'string' },
    'as-of': { type: 'string' },
    ...dbOptions,
  },
  needs: ({ values }) => (onServer(values) ? 'engine' : 'workspace'),
  check({ values, positionals, env }) {
    needFiles(positionals, false, 'export');
    versionOf(values);
    checkAsOf(values);
    checkDb(values, env);
    const out = str(values, 'out');
    if (!out) throw new ApiError('usage', 'export needs --out FILE.(csv|parquet|json|xlsx)');
    const ext = out.toLowerCase().split('.').pop() ?? '';
    if (!(exportFormats as readonly string[]).includes(ext))
      throw new ApiError('usage', `--out '${out}': the file must end in .csv, .parquet, .json or .xlsx`);
  },
  async run(ctx) {
    const file = ctx.positionals[0]!;
    const version = versionOf(ctx.values);
    const out = resolve(ctx.cwd, str(ctx.values, 'out')!);
    const columns = str(ctx.values, 'columns')
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    const format = out.toLowerCase().split('.').pop() as ExportFormat;
    if (onServer(ctx.values)) {
      await openIfWorkspace(ctx);
      const asOf = str(ctx.values, 'as-of');
      const job = cancelOnInterrupt(ctx);
      try {
        const r = await ctx.api.exportFromPostgres({
          target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
          server: serverOf(ctx.values, ctx.env),
          out,
          format,
          ...(columns?.length ? { columns } : {}),
          ...(asOf !== undefined ? { asOf } : {}),
          jobId: job.jobId,
        });
        if (ctx.json) ctx.out(JSON.stringify({ ...r, engine: 'postgres' }));
        else
          ctx.out(
            `Exported ${fmtInt(r.rows)} rows from ${serverLabel(r.server)} to ${r.file} (definition recorded in ${r.metaFile})`,
          );
        return EXIT.ok;
      } finally {
        job.done();
      }
    }
    const r = await ctx.api.exportMembers({
      target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
      out,
      format,
      ...(columns?.length ? { columns } : {}),
      ...runOpts(ctx.values),
    });
    if (ctx.json) ctx.out(JSON.stringify(r));
    else ctx.out(`Exported ${fmtInt(r.rows)} rows to ${r.file} (definition recorded in ${r.metaFile})`);
    return EXIT.ok;
  },
};

export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile a definition to SQL for DuckDB, PostgreSQL, BigQuery or Snowflake',
  usage: `segwb compile DEF.json --dialect ${DIALECTS.join('|')} [--version N] [--as-of DATE] [--inline] [--workspace DIR] [--json]`,
  options: {
    dialect: { type: 'string' },
    version: { type: 'string' },
    'as-of': { type: 'string' },
    inline: { type: 'boolean' },
  },
  // No workspace needed (the schema comes from `fields`); with one, an as-of of `snapshot` is its latest snapshot's.
  needs: ({ workspaceGiven }) => (workspaceGiven ? 'workspace' : 'none'),
  check({ values, positionals }) {
    needFiles(positionals, false, 'compile');
    versionOf(values);
    checkAsOf(values);
    const dialect = str(values, 'dialect');
    if (!dialect) throw new ApiError('usage', `compile needs --dialect ${DIALECTS.join('|')}`);
    if (!(DIALECTS as readonly string[]).includes(dialect)) {
      throw new ApiError('usage', `unknown dialect '${dialect}' (use ${DIALECTS.join(', ')})`);
    }
  },
  async run(ctx) {
    const file = ctx.positionals[0]!;
    const version = versionOf(ctx.values);
    // The compiler and DuckDB's parser load only for this command (segwb starts light, docs/architecture.md, SPEC §11).
    const [{ compileDefinitionFor }, { loadDefinitionText }] = await Promise.all([
      import('../../engine/segments/runs/compileValidate'),
      import('../../engine/segments/definitions/definitionSource'),
    ]);
    const loaded = loadDefinitionText(readDef(ctx, file), file, version);
    const dialect = str(ctx.values, 'dialect') as DialectName;
    const asOf = str(ctx.values, 'as-of');
    const inline = ctx.values.inline === true;
    const r = ctx.workspaceGiven
      ? await ctx.api.compileDefinition({
          target: { text: readDef(ctx, file), name: file, ...(version !== undefined ? { version } : {}) },
          dialect,
          ...(asOf ? { asOf } : {}),
          ...(inline ? { inline } : {}),
        })
      : await compileDefinitionFor(null, loaded, dialect, asOf, inline ? { inline } : {});
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          dialect: r.dialect,
          sql: r.sql,
          params: r.params,
          segment: loaded.name,
          id: loaded.id,
          version: loaded.version,
          hash: loaded.hash,
          diagnostics: r.diagnostics,
        }),
      );
      return EXIT.ok;
    }
    ctx.out(r.sql);
    if (r.params.length) ctx.out(`-- params: ${JSON.stringify(r.params)}`);
    for (const d of r.diagnostics) ctx.err(`${d.severity}: ${d.message}`);
    return EXIT.ok;
  },
};

export const validateCommand: Command = {
  name: 'validate',
  summary:
    'validate definition files (schema, hashes, ops against field types, and the workspace tables when there is one)',
  usage: 'segwb validate DEF.json... [--workspace DIR] [--json]',
  options: {},
  needs: 'engine',
  check({ positionals }) {
    needFiles(positionals, true, 'validate');
  },
  async run(ctx) {
    if (ctx.workspaceGiven || folderState(ctx.workspace) === 'workspace')
      await ctx.api.openWorkspace({ path: ctx.workspace });
    const reports = [];
    for (const file of ctx.positionals) {
      let text: string | null = null;
      try {
        text = readDef(ctx, file);
      } catch (err) {
        reports.push({
          file,
          valid: false,
          diagnostics: [{ path: '', message: (err as Error).message, severity: 'error' as const }],
        });
      }
      if (text !== null) {
        const r = await ctx.api.validateDefinition({ target: { text, name: file } });
        reports.push({ ...r, file });
      }
    }
    if (ctx.json) ctx.out(JSON.stringify(reports));
    else {
      for (const r of reports) {
        ctx.out(`${r.file}: ${r.valid ? 'valid' : 'INVALID'}`);
        for (const d of r.diagnostics) ctx.out(`  ${d.severity}: ${diagnosticLine(d)}`);
      }
    }
    return reports.every((r) => r.valid) ? EXIT.ok : EXIT.invalidInput;
  },
};

export const segmentCommands: readonly Command[] = [
  countCommand,
  measureCommand,
  exportCommand,
  compileCommand,
  validateCommand,
];
