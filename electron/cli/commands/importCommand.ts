/**
 * `segwb import FILE`: import a file into the workspace as a table (a new snapshot when the table
 * exists). The workspace is created only when the folder is empty or missing; a non-empty folder
 * that is not a workspace is "not a workspace" (exit 3), so a typo never litters a random folder.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../shared/api/protocol';
import type { ImportOptions } from '../../../shared/api/dataApi';
import { EXIT, type Command, type CommandContext } from '../command';
import { fmtInt, isIsoDate } from '../format';
import { folderState } from '../workspaceDir';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `--type COL=TYPE` values as columnTypes (undefined when none); a malformed one is a usage error. */
function columnTypes(v: unknown): Record<string, string> | undefined {
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
  if (!list.length) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.lastIndexOf('=');
    if (at <= 0 || at === item.length - 1)
      throw new ApiError('usage', `--type takes COLUMN=TYPE (e.g. amount=DOUBLE), got '${item}'`);
    out[item.slice(0, at)] = item.slice(at + 1).trim();
  }
  return out;
}

/** Whether an import may use `dir`: true when it is a workspace, false when one is to be created. */
function workspaceFolderForImport(dir: string): boolean {
  const state = folderState(dir);
  if (state === 'file') throw new ApiError('invalid_input', `${dir} is a file, not a workspace folder.`);
  if (state === 'other')
    throw new ApiError(
      'not_found',
      `${dir} is not a Segment Workbench workspace and is not empty; pass --workspace with a workspace or an empty folder.`,
    );
  return state === 'workspace';
}

/** Open the workspace for an import, creating it only in an empty or missing folder. */
export async function openForImport(ctx: CommandContext): Promise<void> {
  const exists = workspaceFolderForImport(ctx.workspace);
  await ctx.api.openWorkspace({ path: ctx.workspace, create: !exists });
}

function checkReadable(path: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.R_OK);
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : err instanceof Error
          ? err.message
          : String(err);
    throw new ApiError('invalid_input', `cannot read ${path}: ${reason}`);
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a CSV/TSV/Parquet/JSON/NDJSON/XLSX file as a table (or a new snapshot of it)',
  usage: [
    'segwb import FILE [--workspace DIR] [--table NAME] [--as-of YYYY-MM-DD] [--sheet NAME] [--delimiter C]',
    '                  [--format F] [--encoding E] [--key COLUMN] [--strict] [--json]',
    '',
    'Loads FILE into the workspace and reconciles it: rows loaded + rows rejected = records in the file.',
    'Rejected records are kept with their line and reason; the import exits 0 when some rows loaded.',
    '  --table NAME      table name (default: from the file name); an existing table gets a new snapshot',
    "  --as-of DATE      the snapshot's as-of date (default: today, UTC)",
    '  --sheet NAME      XLSX sheet      --delimiter C   CSV delimiter (default: sniffed)',
    '  --format F        csv|tsv|parquet|json|ndjson|xlsx (default: from the extension / content)',
    '  --encoding E      utf-8|utf-16le|utf-16be|latin-1|windows-1252 (default: sniffed)',
    '  --key COLUMN      check this column for duplicate values',
    '  --type COL=TYPE   load column COL as TYPE (BIGINT, DOUBLE, DATE, TIMESTAMP, BOOLEAN, VARCHAR...);',
    '                    repeat for more columns. Blank cells are NULL; a value that does not fit is a',
    '                    rejected record with its line, or NULL with --invalid null',
    '  --invalid W       what a value that does not fit its --type becomes: reject (default) or null',
    '  --strict          any rejected record fails the import (exit 3) and loads nothing',
    '  --workspace DIR   default: the current folder. The workspace is created there only when DIR is',
    '                    empty or does not exist; any other folder without workspace.json is refused (exit 3).',
  ].join('\n'),
  options: {
    table: { type: 'string' },
    'as-of': { type: 'string' },
    sheet: { type: 'string' },
    delimiter: { type: 'string' },
    format: { type: 'string' },
    encoding: { type: 'string' },
    key: { type: 'string' },
    strict: { type: 'boolean' },
    type: { type: 'string', multiple: true },
    invalid: { type: 'string' },
  },
  needs: 'engine',
  handlesInterrupt: true,
  check({ values, positionals, cwd }) {
    if (positionals.length !== 1)
      throw new ApiError('usage', `import takes exactly one FILE (got ${positionals.length})`);
    const asOf = str(values['as-of']);
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new ApiError('usage', `--as-of must be a date YYYY-MM-DD, got '${asOf}'`);
    columnTypes(values.type);
    const invalid = str(values.invalid);
    if (invalid !== undefined && invalid !== 'reject' && invalid !== 'null')
      throw new ApiError('usage', `--invalid must be reject or null, got '${invalid}'`);
    checkReadable(resolve(cwd, positionals[0]!));
    workspaceFolderForImport(resolve(cwd, str(values.workspace) ?? '.'));
  },
  async run(ctx) {
    const asOf = str(ctx.values['as-of']);
    const file = resolve(ctx.cwd, ctx.positionals[0]!);
    await openForImport(ctx);
    const options = {
      table: str(ctx.values.table),
      asOf,
      sheet: str(ctx.values.sheet),
      delimiter: str(ctx.values.delimiter),
      format: str(ctx.values.format),
      encoding: str(ctx.values.encoding),
      key: str(ctx.values.key),
      strict: ctx.values.strict === true ? true : undefined,
      columnTypes: columnTypes(ctx.values.type),
      invalidValues: str(ctx.values.invalid),
    };
    const clean = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ImportOptions;
    const jobId = `cli-import-${randomBytes(4).toString('hex')}`;
    void ctx.interrupted.then(() => ctx.api.cancelJob({ jobId }).catch(() => {}));
    const r = await ctx.api.importFile({ file: { kind: 'path', path: file }, options: clean, jobId });
    if (ctx.json) {
      ctx.out(
        JSON.stringify({
          table: r.table,
          snapshot: r.snapshot.id,
          asOf: r.snapshot.asOf,
          rows: r.rows,
          rejected: r.rejected,
          records: r.records,
          warnings: r.warnings,
          columns: r.columns,
          rejects: r.rejects,
          blanksAsNull: r.blanksAsNull,
          ...(r.duplicateKeys ? { duplicateKeys: r.duplicateKeys } : {}),
          ...(r.typeIssues ? { typeIssues: r.typeIssues } : {}),
          ...(r.invalidAsNull ? { invalidAsNull: r.invalidAsNull } : {}),
          fingerprint: r.snapshot.fingerprint,
        }),
      );
    } else {
      ctx.out(
        `Imported ${fmtInt(r.rows)} rows into table ${r.table} (snapshot ${r.snapshot.id}, as of ${r.snapshot.asOf}); ${fmtInt(r.rejected)} rejected of ${fmtInt(r.records)} records.`,
      );
      for (const w of r.warnings) ctx.out(`warning: ${w}`);
      for (const rej of r.rejects.slice(0, 20))
        ctx.out(`  rejected line ${rej.line ?? '?'}${rej.column ? ` (${rej.column})` : ''}: ${rej.reason}`);
      if (r.rejected > 20) ctx.out(`  … and ${fmtInt(r.rejected - 20)} more rejected records.`);
      for (const [col, n] of Object.entries(r.blanksAsNull))
        ctx.out(`  ${fmtInt(n)} blank cells in ${col} read as NULL`);
      const dup = r.duplicateKeys;
      if (dup && dup.count > 0)
        ctx.out(
          `warning: ${fmtInt(dup.count)} duplicate values in key column ${dup.column} (e.g. ${dup.examples.slice(0, 3).join(', ')})`,
        );
      else if (dup) ctx.out(`  key column ${dup.column}: all values unique`);
    }
    if (ctx.values.strict === true && r.rejected > 0) return EXIT.invalidInput;
    return EXIT.ok;
  },
};
