/**
 * CSV/TSV loading with reconciliation (docs/architecture.md, SPEC §10): rejects kept via store_rejects at the physical
 * line where each record starts, in the user's words (rejectReasons.ts); lines the sniffer skipped
 * listed as rejects; records with NUL bytes (taken out before, nulRecords.ts) too; chosen column
 * types applied (chosenTypes.ts); text columns that are almost another type reported
 * (typeIssues.ts). Reconciliation accounts for every physical line of the file: skipped, header,
 * blank, or part of a loaded or rejected record; loaded + rejected = records when it holds.
 */
import type { ImportOptions, TypeIssue } from '../../../shared/api/dataApi';
import type { Session, SqlParam } from '../db/db';
import { quoteIdent } from '../db/sql';
import { badInput } from './errors';
import { ApiError } from '../../../shared/api/protocol';
import { readHead, type StagedFile } from './stage';
import { csvError, type CsvSettings } from './csvSniff';
import { storeRejects } from './rejectReasons';
import { scanText } from './textScan';
import type { NulReject } from './nulRecords';
import { RejectSpans, RowLocator, rowOrdinal } from './recordWalker';
import { applyChosenTypes, needsConversion } from './chosenTypes';
import { describeTypeIssue, findTypeIssues, typeWords, withLines } from './typeIssues';

export { csvError, sniffCsv, type CsvSettings } from './csvSniff';

export interface LoadOutcome {
  rows: number;
  records: number;
  rejected: number;
  warnings: string[];
  typeIssues?: TypeIssue[];
  invalidAsNull?: Record<string, number>;
}

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/;

/**
 * Thrown by a strict load that met a bad record: the caller rolls back and loads again tolerantly
 * (clean files, the common case, skip store_rejects' cost; files with bad records pay twice).
 */
export class NeedsTolerantLoad extends Error {
  constructor() {
    super('the file has records the strict reader refused');
  }
}

/** Thrown when the load found NUL bytes the staging did not take out: roll back, clean, load again. */
export class NeedsNulCleaning extends Error {
  constructor() {
    super('the file has NUL bytes');
  }
}

/** read_csv arguments for `settings` (the dialect, options that change parsing), as bound parameters. */
export function readArgs(
  settings: CsvSettings,
  staged: StagedFile,
  opts: ImportOptions,
  params: SqlParam[],
  columnTypes: Record<string, string>,
): string[] {
  const add = (name: string, value: SqlParam) => {
    params.push(value);
    return `${name} = $${params.length}`;
  };
  const args = [
    add('delim', settings.delimiter),
    add('quote', settings.quote),
    add('escape', settings.escape),
    add('header', settings.header),
    add('skip', settings.skip),
  ];
  if (staged.readEncoding === 'latin-1') args.push(add('encoding', 'latin-1'));
  if (opts.nullTokens?.length) args.push(add('nullstr', { type: 'VARCHAR[]', value: opts.nullTokens }));
  if (opts.decimalComma) args.push(add('decimal_separator', ','));
  const dateFormat = opts.dateFormat ?? settings.dateFormat;
  if (dateFormat) args.push(add('dateformat', dateFormat));
  if (settings.timestampFormat) args.push(add('timestampformat', settings.timestampFormat));
  // The sniffed columns (with the given types) are passed explicitly, so the reader does not sniff again.
  const columnSpec = Object.fromEntries(settings.columns.map((c) => [c.name, columnTypes[c.name] ?? c.type]));
  args.push('auto_detect = false', add('columns', { type: 'STRUCT(VARCHAR)', value: columnSpec }));
  return args;
}

function checkColumnTypes(staged: StagedFile, settings: CsvSettings, opts: ImportOptions): void {
  const known = new Set(settings.columns.map((c) => c.name));
  for (const [name, type] of Object.entries(opts.columnTypes ?? {})) {
    if (!known.has(name))
      throw badInput(
        staged.label,
        `has no column '${name}' to set a type for`,
        `Columns are: ${settings.columns.map((c) => c.name).join(', ')}.`,
      );
    if (!TYPE_NAME.test(type))
      throw badInput(
        staged.label,
        `'${type}' is not a column type`,
        'Use a DuckDB type such as VARCHAR, BIGINT, DOUBLE, DATE or TIMESTAMP.',
      );
  }
}

/**
 * The chosen column types, checked against the file's columns and by DuckDB itself (a name the
 * pattern allows may still be no type). Run it outside the import's transaction: a failed check
 * would abort it.
 */
export async function checkChosenTypes(
  s: Session,
  staged: StagedFile,
  settings: CsvSettings,
  opts: ImportOptions,
): Promise<void> {
  checkColumnTypes(staged, settings, opts);
  for (const type of new Set(Object.values(opts.columnTypes ?? {}))) {
    // TYPE_NAME admits only letters, digits, spaces, (n[, m]) and []: safe to splice.
    const ok = await s.query(`SELECT CAST(NULL AS ${type}) AS x`).then(
      () => true,
      () => false,
    );
    if (!ok)
      throw badInput(
        staged.label,
        `'${type}' is not a column type`,
        'Use a DuckDB type such as VARCHAR, BIGINT, DOUBLE, DATE or TIMESTAMP.',
      );
  }
}

/**
 * Load `staged` into the new table `target` with the dialect and columns `settings` sniffed
 * (sniffCsv, run outside the transaction: a sniff that fails must not abort it). The caller owns
 * the transaction. Rejects go to
 * meta.rejects under `snapshotId`. `tolerant: false` reads strictly and throws NeedsTolerantLoad at
 * the first bad record; `true` keeps every bad record (store_rejects). `nulRejects` are records
 * taken out before the load for their NUL bytes (null: the file was not cleaned).
 */
export async function loadCsv(
  s: Session,
  staged: StagedFile,
  target: string,
  opts: ImportOptions,
  snapshotId: string,
  onProgress: (f: number) => void,
  settings: CsvSettings,
  tolerant = true,
  nulRejects: NulReject[] | null = null,
): Promise<LoadOutcome & { settings: CsvSettings }> {
  checkColumnTypes(staged, settings, opts);
  const warnings: string[] = [];
  const chosen = opts.columnTypes ?? {};
  // Chosen types are read as text and converted after the load (chosenTypes.ts).
  const readTypes = Object.fromEntries(
    Object.entries(chosen).map(([c, type]) => [c, needsConversion(type) ? 'VARCHAR' : type]),
  );
  const params: SqlParam[] = [staged.path];
  const args = readArgs(settings, staged, opts, params, readTypes);
  if (tolerant)
    args.push('store_rejects = true', `rejects_table = '_import_rejects'`, `rejects_scan = '_import_scans'`);
  await s.run(`DROP TABLE IF EXISTS temp._import_rejects`);
  await s.run(`DROP TABLE IF EXISTS temp._import_scans`);
  try {
    const [, scan] = await Promise.all([
      s
        .run(`CREATE TABLE ${target} AS SELECT * FROM read_csv($1, ${args.join(', ')})`, params, {
          onProgress: (f) => onProgress(f),
        })
        .catch((err: unknown) => {
          if (!tolerant && !(err instanceof ApiError && err.code === 'interrupted')) throw new NeedsTolerantLoad();
          throw csvError(staged, err);
        }),
      scanText(staged.path),
    ]);
    if (scan.nul && nulRejects === null) throw new NeedsNulCleaning();
    const unit = staged.unit;
    const userLine = staged.userLine ?? ((l: number) => l);
    const ctxWords = { unit, header: settings.header, encoding: staged.encoding === 'latin-1' ? 'Latin-1' : 'UTF-8' };
    const duck = tolerant
      ? await storeRejects(s, staged, snapshotId, ctxWords)
      : { records: 0, spans: new RejectSpans() };
    let rejected = duck.records;
    const skipped = settings.skip > 0 ? await storeSkipped(s, staged, settings.skip, snapshotId) : 0;
    rejected += skipped;
    if (skipped > 0 || settings.skip > 0) {
      warnings.push(
        unit === 'row'
          ? `The first ${settings.skip} row(s) of ${staged.label} look like a title above the table, not part of it; they are listed as rejected rows. If they are data, set the header in the import options and import again.`
          : `The CSV sniffer skipped the first ${settings.skip} line(s) of ${staged.name} as not part of the table; they are listed as rejected records. If they are data, set the header and delimiter in the import options and import again.`,
      );
    }
    if (nulRejects?.length) {
      await storeNulRejects(s, nulRejects, snapshotId, unit);
      rejected += nulRejects.length;
      warnings.push(
        `${nulRejects.length} record(s) of ${staged.label} hold NUL bytes (binary data) and were rejected, at ${unit}${nulRejects.length > 1 ? 's' : ''} ${nulRejects
          .slice(0, 5)
          .map((r) => r.line)
          .join(', ')}${nulRejects.length > 5 ? ', …' : ''}.`,
      );
    }
    const [loaded] = await s.query(`SELECT count(*) AS n FROM ${target}`);
    const loadedRows = Number(loaded?.n ?? 0);
    const textColumns = settings.columns.filter((c) => (readTypes[c.name] ?? c.type) === 'VARCHAR').map((c) => c.name);
    const records =
      (await reconcile(s, target, textColumns, settings, scan, {
        rows: loadedRows,
        duckRejected: duck.records,
        skipped,
        rejectExtraLines: duck.spans.extraLines,
      })) + (nulRejects?.length ?? 0);
    // "Which line is this row": a walk of the file that stops at the last row asked for (rejected
    // records take the lines DuckDB said they did).
    const locate = () =>
      new RowLocator(
        staged.path,
        {
          quote: settings.quote,
          escape: settings.escape,
          skipLines: settings.skip,
          header: settings.header,
          rejected: duck.spans,
        },
        true,
        staged.readEncoding === 'latin-1' ? 'latin1' : 'utf8',
      );
    const parse = {
      dateFormat: opts.dateFormat ?? settings.dateFormat,
      timestampFormat: settings.timestampFormat,
      decimalComma: opts.decimalComma === true,
    };
    // Columns the reader typed as text though nearly all values are of one type (rowids still in file order).
    const auto = settings.columns.filter((c) => !(c.name in chosen));
    // Positions are asked for only when a line must be found (the query scans the table).
    let ordinal: Promise<string | null> | null = null;
    const ordinalOf = () => (ordinal ??= rowOrdinal(s, target, settings.columns));
    const found = await findTypeIssues(s, target, ordinalOf, auto, parse);
    const typeIssues = found.length ? await withLines(found, locate(), userLine, false) : [];
    for (const issue of typeIssues) {
      warnings.push(
        `${describeTypeIssue(issue, unit)}; the column was loaded as text. To load it as ${typeWords(issue.type).many}, choose its type in the import options: those values then become rejected records, or empty (NULL).`,
      );
    }
    // Chosen types last: a record rejected for its value moves from loaded to rejected (records stay).
    const chosenOutcome = await applyChosenTypes(
      s,
      target,
      chosen,
      { ...parse, ...(opts.invalidValues ? { invalidValues: opts.invalidValues } : {}) },
      { snapshotId, unit, userLine, locator: locate, ordinalOf },
    );
    rejected += chosenOutcome.rejected;
    warnings.push(...chosenOutcome.warnings);
    const rows = loadedRows - chosenOutcome.rejected;
    if (records !== rows + rejected) {
      warnings.push(
        `${staged.label} has ${records - rows - rejected} line(s) that are neither loaded nor rejected (${rows} loaded, ${rejected} rejected). Check the delimiter and quote settings.`,
      );
    }
    if (rejected > 0 && rejected >= rows) {
      warnings.push(
        `Most records of ${staged.label} were rejected (${rejected} of ${rows + rejected}); the delimiter ('${settings.delimiter}') or the header row may be wrong. Check the import settings.`,
      );
    }
    return {
      rows,
      records,
      rejected,
      warnings,
      settings,
      ...(typeIssues.length ? { typeIssues } : {}),
      ...(Object.keys(chosenOutcome.invalidAsNull).length ? { invalidAsNull: chosenOutcome.invalidAsNull } : {}),
    };
  } finally {
    await s.run(`DROP TABLE IF EXISTS temp._import_rejects`).catch(() => undefined);
    await s.run(`DROP TABLE IF EXISTS temp._import_scans`).catch(() => undefined);
  }
}

/**
 * Records in the file DuckDB read, by accounting for its physical lines: every line is skipped, the
 * header, blank, or one line of a loaded or rejected record (a multi-line record has line breaks
 * inside quoted fields). The cheap identity (one line per record) is tried first; only when it
 * fails are the line breaks inside loaded values counted. Returns loaded + rejected when every line
 * is accounted for, else that plus the lines left over (the caller warns).
 */
async function reconcile(
  s: Session,
  target: string,
  textColumns: readonly string[],
  settings: CsvSettings,
  scan: { lines: number; blank: number },
  n: { rows: number; duckRejected: number; skipped: number; rejectExtraLines: number },
): Promise<number> {
  const counted = n.rows + n.duckRejected + n.skipped;
  const recordLines = scan.lines - scan.blank - (settings.header ? 1 : 0) - n.skipped;
  if (recordLines === n.rows + n.duckRejected) return counted;
  let extra = n.rejectExtraLines;
  if (textColumns.length) {
    // Line breaks inside loaded values, less the blank lines among them (those count as blank).
    const parts = textColumns
      .map(quoteIdent)
      .map(
        (c) =>
          `coalesce(sum(length(${c}) - length(replace(${c}, chr(10), ''))) - sum(list_count(list_filter(string_split(${c}, chr(10))[2:-2], x -> x = '' OR x = chr(13)))), 0)`,
      );
    const [row] = await s.query(`SELECT ${parts.join(' + ')} AS breaks FROM ${target}`);
    extra += Number(row?.breaks ?? 0);
  }
  return counted + (recordLines - n.rows - n.duckRejected - extra);
}

/** Lines the sniffer skipped before the header become rejects (the user decides). */
async function storeSkipped(s: Session, staged: StagedFile, skip: number, snapshotId: string): Promise<number> {
  const text = readHead(staged.path, 1 << 20).toString(staged.readEncoding === 'latin-1' ? 'latin1' : 'utf8');
  const lines = text.split('\n').slice(0, skip);
  const unit = staged.unit;
  let n = 0;
  for (const [i, raw] of lines.entries()) {
    if (raw.replace(/\r$/, '').trim() === '') continue;
    const line = staged.userLine?.(i + 1) ?? i + 1;
    await s.run(`INSERT INTO meta.rejects VALUES ($1, $2, NULL, $3, $4)`, [
      snapshotId,
      line,
      `${unit} ${line} comes before the header ${unit} (a title or a note?), so it was not loaded as data`,
      raw.replace(/\r$/, ''),
    ]);
    n++;
  }
  return n;
}

async function storeNulRejects(
  s: Session,
  rejects: NulReject[],
  snapshotId: string,
  unit: 'line' | 'row',
): Promise<void> {
  const BATCH = 500;
  for (let i = 0; i < rejects.length; i += BATCH) {
    const params: SqlParam[] = [];
    const tuples = rejects.slice(i, i + BATCH).map((r) => {
      params.push(
        snapshotId,
        r.line,
        `${unit} ${r.line} holds NUL bytes (binary data, shown as ␀), which a text field cannot hold`,
        r.raw,
      );
      const k = params.length;
      return `($${k - 3}, $${k - 2}::BIGINT, NULL, $${k - 1}, $${k})`;
    });
    await s.run(`INSERT INTO meta.rejects VALUES ${tuples.join(', ')}`, params);
  }
}
