/**
 * CSV/TSV: sniffing (dialect, header, types; overridable) and loading with reconciliation
 * (SPEC §10): rejects kept via store_rejects with the physical line where each record starts,
 * sniffer-skipped lines listed as rejects with a warning, loaded + rejected checked against a
 * cheap line count and, on a mismatch, an exact quote-aware record count.
 */
import type { ColumnInfo, ImportOptions } from '../../../shared/api/dataApi';
import type { Row, Session, SqlParam } from '../db';
import { countCsvRecords, countLines, linesAtOffsets } from './countRecords';
import { badInput, duckLine, duckMessage } from './errors';
import { ApiError } from '../../../shared/api/protocol';
import { readHead, type StagedFile } from './stage';

export interface CsvSettings {
  delimiter: string;
  quote: string;
  escape: string;
  header: boolean;
  skip: number;
  columns: ColumnInfo[];
  /** Formats the sniffer detected (null: ISO or none). */
  dateFormat: string | null;
  timestampFormat: string | null;
}

export interface LoadOutcome {
  rows: number;
  records: number;
  rejected: number;
  warnings: string[];
}

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$/;

/** Named arguments of sniff_csv/read_csv from the user's overrides, as bound parameters. */
function dialectArgs(opts: ImportOptions, format: 'csv' | 'tsv', encoding: 'utf-8' | 'latin-1', params: SqlParam[]): string[] {
  const args: string[] = [];
  const add = (name: string, value: SqlParam) => {
    params.push(value);
    args.push(`${name} = $${params.length}`);
  };
  const delim = opts.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  if (delim !== undefined) add('delim', delim);
  if (opts.quote !== undefined) add('quote', opts.quote);
  if (opts.header !== undefined) add('header', opts.header);
  if (encoding === 'latin-1') add('encoding', 'latin-1');
  // Options that change how values parse also change the sniffed types.
  if (opts.nullTokens?.length) add('nullstr', { type: 'VARCHAR[]', value: opts.nullTokens });
  if (opts.decimalComma) add('decimal_separator', ',');
  if (opts.dateFormat) add('dateformat', opts.dateFormat);
  return args;
}

function unempty(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return s === '(empty)' ? '' : s;
}

export async function sniffCsv(s: Session, staged: StagedFile, opts: ImportOptions, format: 'csv' | 'tsv'): Promise<CsvSettings> {
  const head = readHead(staged.path, 4096);
  if (staged.readEncoding === 'utf-8' && head.includes(0)) {
    throw badInput(staged.name, 'is not a text file (it contains binary data)', 'Choose a CSV, TSV, Parquet, JSON or XLSX file.');
  }
  // Two sniffs: tolerant of bad rows (a few ragged lines otherwise make it guess '|' and one column)
  // and strict (which finds title lines before the header). The one that sees more columns wins.
  const sniff = async (ignoreErrors: boolean) => {
    const params: SqlParam[] = [staged.path];
    const args = dialectArgs(opts, format, staged.readEncoding, params);
    const [r] = await s.query(
      `SELECT Delimiter, Quote, Escape, SkipRows, HasHeader, Columns::JSON::VARCHAR AS cols, DateFormat, TimestampFormat FROM sniff_csv($1, ignore_errors = ${ignoreErrors}${args.map((a) => `, ${a}`).join('')})`,
      params,
    );
    return r;
  };
  let row: Row | undefined;
  try {
    row = await sniff(true);
  } catch (err) {
    throw csvError(staged.name, err);
  }
  if (!row) throw badInput(staged.name, 'could not be read as CSV', 'Check that it is a delimited text file.');
  // The strict sniff only matters when the tolerant one saw (almost) no columns.
  const strict = JSON.parse(String(row.cols ?? '[]')).length <= 2 ? await sniff(false).catch(() => undefined) : undefined;
  const width = (r: typeof row) => (JSON.parse(String(r?.cols ?? '[]')) as unknown[]).length;
  if (strict && width(strict) > width(row)) row = strict;
  const cols = JSON.parse(String(row.cols)) as { name: string; type: string }[];
  return {
    delimiter: unempty(row.Delimiter),
    quote: unempty(row.Quote),
    escape: unempty(row.Escape),
    header: row.HasHeader === true,
    skip: Number(row.SkipRows ?? 0),
    columns: cols.map((c) => ({ name: c.name, type: c.type })),
    dateFormat: row.DateFormat === null || row.DateFormat === undefined ? null : String(row.DateFormat),
    timestampFormat: row.TimestampFormat === null || row.TimestampFormat === undefined ? null : String(row.TimestampFormat),
  };
}

/** Turn a DuckDB CSV failure into one clear invalid_input error. */
export function csvError(file: string, err: unknown): Error {
  if (err instanceof ApiError && err.code === 'interrupted') return err;
  const msg = duckMessage(err);
  const line = duckLine(err);
  if (/Maximum line size|line size/i.test(msg)) {
    return badInput(file, 'has a line longer than the 2 MB limit (is it really a CSV file?)', 'Check the file; very long lines usually mean a wrong format or a missing line break.', line);
  }
  if (/not possible to automatically detect|sniff/i.test(msg)) {
    return badInput(file, 'could not be read as CSV (no consistent delimiter or columns found)', 'Check that it is a delimited text file, or set the delimiter in the import options.');
  }
  if (/unicode|encoding/i.test(msg)) {
    return badInput(file, 'is not valid text in the detected encoding', 'Choose the file encoding in the import options.', line);
  }
  return badInput(file, `could not be read as CSV (${msg})`, 'Check the file or the import options.', line);
}

/**
 * Thrown by a strict load that met a bad record: the caller rolls back and loads again tolerantly
 * (clean files, the common case, skip store_rejects' cost; files with bad records pay twice).
 */
export class NeedsTolerantLoad extends Error {
  constructor() {
    super('the file has records the strict reader refused');
  }
}

/**
 * Load `staged` into the new table `target` (the caller owns the transaction). Rejects go to
 * meta.rejects under `snapshotId`. `tolerant: false` reads strictly and throws NeedsTolerantLoad at
 * the first bad record; `true` keeps every bad record (store_rejects).
 */
export async function loadCsv(
  s: Session,
  staged: StagedFile,
  target: string,
  opts: ImportOptions,
  format: 'csv' | 'tsv',
  snapshotId: string,
  onProgress: (f: number) => void,
  tolerant = true,
): Promise<LoadOutcome & { settings: CsvSettings }> {
  const settings = await sniffCsv(s, staged, opts, format);
  const warnings: string[] = [];
  const params: SqlParam[] = [staged.path];
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
    ...(tolerant ? ['store_rejects = true', `rejects_table = '_import_rejects'`, `rejects_scan = '_import_scans'`] : []),
  ];
  if (staged.readEncoding === 'latin-1') args.push(add('encoding', 'latin-1'));
  if (opts.nullTokens?.length) args.push(add('nullstr', { type: 'VARCHAR[]', value: opts.nullTokens }));
  if (opts.decimalComma) args.push(add('decimal_separator', ','));
  const dateFormat = opts.dateFormat ?? settings.dateFormat;
  if (dateFormat) args.push(add('dateformat', dateFormat));
  if (settings.timestampFormat) args.push(add('timestampformat', settings.timestampFormat));
  const known = new Set(settings.columns.map((c) => c.name));
  for (const [name, type] of Object.entries(opts.columnTypes ?? {})) {
    if (!known.has(name)) throw badInput(staged.name, `has no column '${name}' to set a type for`, `Columns are: ${settings.columns.map((c) => c.name).join(', ')}.`);
    if (!TYPE_NAME.test(type)) throw badInput(staged.name, `'${type}' is not a column type`, 'Use a DuckDB type such as VARCHAR, BIGINT, DOUBLE, DATE or TIMESTAMP.');
  }
  // The sniffed columns (with the user's types) are passed explicitly, so the reader does not sniff again.
  const columnSpec = Object.fromEntries(settings.columns.map((c) => [c.name, opts.columnTypes?.[c.name] ?? c.type]));
  args.push('auto_detect = false', add('columns', { type: 'STRUCT(VARCHAR)', value: columnSpec }));
  await s.run(`DROP TABLE IF EXISTS temp._import_rejects`);
  await s.run(`DROP TABLE IF EXISTS temp._import_scans`);
  try {
    const [, lines] = await Promise.all([
      s.run(`CREATE TABLE ${target} AS SELECT * FROM read_csv($1, ${args.join(', ')})`, params, { onProgress: (f) => onProgress(f) }).catch((err: unknown) => {
        if (!tolerant && !(err instanceof ApiError && err.code === 'interrupted')) throw new NeedsTolerantLoad();
        throw csvError(staged.name, err);
      }),
      countLines(staged.path),
    ]);
    const [loaded] = await s.query(`SELECT count(*) AS n FROM ${target}`);
    const rows = Number(loaded?.n ?? 0);
    let rejected = tolerant ? await storeRejects(s, staged, snapshotId) : 0;
    if (settings.skip > 0) {
      rejected += await storeSkipped(s, staged, settings.skip, snapshotId);
      warnings.push(`The CSV sniffer skipped the first ${settings.skip} line(s) of ${staged.name} as not part of the table; they are listed as rejected records. If they are data, set the header and delimiter in the import options and import again.`);
    }
    const headerRecords = settings.header ? 1 : 0;
    let records = lines - headerRecords;
    if (rows + rejected !== records) {
      const exact = await countCsvRecords(staged.path, { quote: settings.quote, escape: settings.escape });
      records = exact.records - headerRecords;
      if (rows + rejected !== records) {
        warnings.push(`${staged.name} has ${records} records, but ${rows} were loaded and ${rejected} rejected: ${records - rows - rejected} record(s) could not be accounted for. Check the delimiter and quote settings.`);
      }
    }
    if (rejected > 0 && rejected >= rows) {
      warnings.push(`Most records of ${staged.name} were rejected (${rejected} of ${rows + rejected}); the delimiter ('${settings.delimiter}') or the header row may be wrong. Check the import settings.`);
    }
    return { rows, records, rejected, warnings, settings };
  } finally {
    await s.run(`DROP TABLE IF EXISTS temp._import_rejects`).catch(() => undefined);
    await s.run(`DROP TABLE IF EXISTS temp._import_scans`).catch(() => undefined);
  }
}

/**
 * Copy the reader's rejects into meta.rejects, one row per record, at its physical start line (as the
 * user sees it: a sheet row for a converted XLSX).
 */
async function storeRejects(s: Session, staged: StagedFile, snapshotId: string): Promise<number> {
  const userLine = staged.userLine ?? ((l: number) => l);
  const exists = await s.query(`SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = '_import_rejects'`);
  if (!exists.length) return 0;
  const offsets = await s.query(`SELECT line, min(line_byte_position) AS pos FROM temp._import_rejects GROUP BY line`);
  if (!offsets.length) return 0;
  const map = await linesAtOffsets(staged.path, offsets.map((r) => Number(r.pos)));
  await s.run(`CREATE OR REPLACE TEMP TABLE _import_linemap (dline BIGINT, pline BIGINT)`);
  const BATCH = 500;
  for (let i = 0; i < offsets.length; i += BATCH) {
    const slice = offsets.slice(i, i + BATCH);
    const params: SqlParam[] = [];
    const tuples = slice.map((r) => {
      params.push(Number(r.line), userLine(map.get(Number(r.pos)) ?? Number(r.line)));
      return `($${params.length - 1}::BIGINT, $${params.length}::BIGINT)`;
    });
    await s.run(`INSERT INTO _import_linemap VALUES ${tuples.join(', ')}`, params);
  }
  await s.run(
    `INSERT INTO meta.rejects
     SELECT $1, m.pline, min(r.column_name), string_agg(DISTINCT lower(r.error_type) || ': ' || r.error_message, '; '), any_value(r.csv_line)
     FROM temp._import_rejects r JOIN _import_linemap m ON r.line = m.dline GROUP BY m.pline`,
    [snapshotId],
  );
  await s.run(`DROP TABLE IF EXISTS _import_linemap`);
  return offsets.length;
}

/** Lines the sniffer skipped before the header become rejects (the user decides). */
async function storeSkipped(s: Session, staged: StagedFile, skip: number, snapshotId: string): Promise<number> {
  const text = readHead(staged.path, 1 << 20).toString(staged.readEncoding === 'latin-1' ? 'latin1' : 'utf8');
  const lines = text.split('\n').slice(0, skip);
  let n = 0;
  for (const [i, raw] of lines.entries()) {
    if (raw.replace(/\r$/, '').trim() === '') continue;
    await s.run(`INSERT INTO meta.rejects VALUES ($1, $2, NULL, $3, $4)`, [snapshotId, staged.userLine?.(i + 1) ?? i + 1, 'skipped by the CSV sniffer (before the header row)', raw.replace(/\r$/, '')]);
    n++;
  }
  return n;
}

