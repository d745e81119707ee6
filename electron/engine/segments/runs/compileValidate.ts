/**
 * `validate` and `compile` (docs/cli.md, SPEC §7): both work without a workspace, taking the schema from the
 * definition's `fields`; with a workspace open, validation checks the real tables (missing or
 * retyped fields are errors) and compile uses the latest snapshot's as-of for `snapshot` as-of.
 */
import { ApiError } from '../../../../shared/api/protocol';
import type {
  CompileResult,
  DefinitionTarget,
  SegmentDiagnostic,
  ValidationReport,
} from '../../../../shared/api/segmentsApi';
import type { DialectName } from '../../../../shared/segments/dialectNames';
import { schemasFromFields } from '../../../../shared/segments/fieldsRecord';
import type { Definition, TableSchemas } from '../../../../shared/segments/model';
import { validateDefinition } from '../../../../shared/segments/validate';
import type { ScalarRunner } from '../../sqlGuard/parseSqlExpr';
import type { Workspace } from '../../workspace/workspace';
import { diagnosticLine } from '../../../../shared/segments/location';
import { compileDefinitionSql } from './compileAdapter';
import { rootDiagnostics, type LoadedDefinition } from '../definitions/definitionSource';
import { relatedSnapshot, relatedTables } from './runContext';
import { checkCompat } from '../../../../shared/segments/compat';
import { withRunner } from '../../sqlGuard/runners';
import { parseDefinitionSql, withoutUnchecked } from '../../sqlGuard/sqlExprs';

function label(target: DefinitionTarget): string {
  return target.file ?? target.name ?? 'definition';
}

/**
 * Real schemas of the tables a definition reads (latest snapshots), and the tables it reads that the
 * workspace lacks; null when the definition names no entity table.
 */
async function workspaceSchemas(
  ws: Workspace,
  def: Definition,
): Promise<{ schemas: TableSchemas; missing: string[] } | null> {
  const entity: unknown = def.entity; // a draft is not validated yet
  const table = typeof entity === 'object' && entity !== null && 'table' in entity ? entity.table : undefined;
  if (typeof table !== 'string') return null;
  const tables = await ws.tables();
  if (!tables.some((t) => t.name === table)) return { schemas: {}, missing: [table] };
  const snapshot = await ws.resolveSnapshot(table);
  const schemas: TableSchemas = { [table]: await ws.columns(snapshot.relation) };
  const missing: string[] = [];
  for (const rel of relatedTables(def)) {
    if (rel === table) continue;
    if (!tables.some((t) => t.name === rel)) missing.push(rel);
    else schemas[rel] = await ws.columns((await relatedSnapshot(ws, rel, snapshot.asOf)).relation);
  }
  return { schemas, missing };
}

export async function validateTarget(
  ws: Workspace | null,
  runner: ScalarRunner | null,
  target: DefinitionTarget,
  load: (t: DefinitionTarget) => LoadedDefinition,
): Promise<ValidationReport> {
  const file = label(target);
  let loaded: LoadedDefinition;
  try {
    loaded = load(target);
  } catch (err) {
    if (err instanceof ApiError)
      return { file, valid: false, diagnostics: [{ path: '', message: err.message, severity: 'error' }] };
    throw err;
  }
  const diagnostics: SegmentDiagnostic[] = [...loaded.diagnostics];
  if (!diagnostics.some((x) => x.severity === 'error')) {
    const def = loaded.definition;
    const found = ws ? await workspaceSchemas(ws, def) : null;
    // A table the definition reads that the workspace lacks is an error, as it is for count (docs/cli.md, SPEC §7).
    for (const t of found?.missing ?? []) {
      diagnostics.push({
        path: loaded.defPath || 'entity',
        message: `${loaded.defPath ? `${loaded.defPath}: ` : ''}the definition reads table '${t}', which is not in this workspace`,
        severity: 'error',
      });
    }
    const real = found && !found.missing.length ? found.schemas : null;
    const schemas = real ?? schemasFromFields(def.fields);
    const parsed = await withRunner(runner, (run) => parseDefinitionSql(run, def, schemas));
    // Appended one by one: a rule can carry 100,000 diagnostics (an `in` list of wrong values), and
    // spreading that many arguments overflows the stack.
    const add = (list: readonly SegmentDiagnostic[]) => {
      for (const d of list) diagnostics.push(d);
    };
    // The saved `fields` record against the real tables (docs/definition-files.md, SPEC §5). A draft (the builder's, or
    // a save)
    // has its record recomputed on save, and its unknown columns are the validator's to name.
    if (real && !target.definition)
      add(rootDiagnostics(checkCompat(def, real, parsed.exprs).diagnostics, loaded.defPath));
    add(rootDiagnostics(parsed.diagnostics, loaded.defPath));
    add(
      rootDiagnostics(
        withoutUnchecked(validateDefinition(def, schemas, { sqlExprs: parsed.exprs }), parsed.diagnostics),
        loaded.defPath,
      ),
    );
  }
  return { file, valid: !diagnostics.some((x) => x.severity === 'error'), diagnostics };
}

/**
 * Compile for a dialect. The as-of: `asOf` when given; else the definition's (`fixed`, `now`); for
 * `snapshot`, `opts.snapshotAsOf` (the run's snapshot, when a workspace is open), else today's UTC
 * date with a note saying so. `opts.inline` writes the values into the SQL.
 */
export async function compileDefinitionFor(
  runner: ScalarRunner | null,
  loaded: LoadedDefinition,
  dialect: DialectName,
  asOf?: string,
  opts: { snapshotAsOf?: string; inline?: boolean; now?: Date } = {},
): Promise<CompileResult> {
  if (loaded.diagnostics.some((x) => x.severity === 'error')) {
    const first = loaded.diagnostics.find((x) => x.severity === 'error')!;
    throw new ApiError('invalid_input', `${loaded.file ?? 'definition'}: ${diagnosticLine(first)}`, {
      diagnostics: loaded.diagnostics,
    });
  }
  const def = loaded.definition;
  const schemas = schemasFromFields(def.fields);
  const table = (def.entity as { table?: unknown } | undefined)?.table;
  if (typeof table === 'string' && !schemas[table]) {
    throw new ApiError(
      'invalid_input',
      `${loaded.file ?? 'definition'}: compile takes the table schema from the definition's "fields", which does not list '${table}'; save the definition in a workspace that has the table to record it`,
    );
  }
  const parsed = await withRunner(runner, (run) => parseDefinitionSql(run, def, schemas));
  const pre = rootDiagnostics(parsed.diagnostics, loaded.defPath);
  const validation = rootDiagnostics(
    withoutUnchecked(validateDefinition(def, schemas, { sqlExprs: parsed.exprs }), parsed.diagnostics),
    loaded.defPath,
  );
  const errors = [...pre, ...validation].filter((x) => x.severity === 'error');
  if (errors.length) {
    throw new ApiError(
      'invalid_input',
      `${loaded.file ?? 'definition'}: ${errors.slice(0, 5).map(diagnosticLine).join('; ')}`,
      { diagnostics: errors },
    );
  }
  const spec = (def.asOf ?? { kind: 'snapshot' }) as { kind?: string; at?: string };
  const compileAsOf =
    asOf !== undefined
      ? { kind: 'instant' as const, at: asOf }
      : spec.kind === 'fixed' && typeof spec.at === 'string'
        ? { kind: 'instant' as const, at: spec.at }
        : spec.kind === 'now'
          ? { kind: 'now' as const }
          : { kind: 'instant' as const, at: opts.snapshotAsOf ?? (opts.now ?? new Date()).toISOString().slice(0, 10) };
  const out = compileDefinitionSql(def, {
    dialect,
    schemas,
    asOf: compileAsOf,
    sqlExprs: parsed.exprs,
    ...(opts.inline ? { inline: true } : {}),
  });
  const diagnostics = [...validation, ...rootDiagnostics(out.diagnostics, loaded.defPath)];
  const failed = diagnostics.filter((x) => x.severity === 'error');
  if (failed.length)
    throw new ApiError('invalid_input', `${loaded.file ?? 'definition'}: ${failed.map(diagnosticLine).join('; ')}`, {
      diagnostics,
    });
  if (spec.kind === 'snapshot' && asOf === undefined) {
    const at = compileAsOf.kind === 'instant' ? compileAsOf.at : '';
    const message = opts.snapshotAsOf
      ? `asOf is "snapshot": compiled with the snapshot's as-of date (${at}) as a constant; pass --as-of to choose`
      : `asOf is "snapshot": compiled with today's UTC date (${at}) as a constant (no workspace given); pass --as-of or --workspace to choose`;
    diagnostics.push({ path: loaded.defPath ? `${loaded.defPath}.asOf` : 'asOf', message, severity: 'info' });
  }
  return { dialect, sql: out.sql, params: out.params, diagnostics };
}
