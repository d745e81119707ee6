/**
 * CSV/TSV sniffing: delimiter, quoting, header, title lines to skip, column names and types, all
 * overridable (docs/architecture.md, SPEC §2). DuckDB's sniffer decides from a sample, and a sample is easily misled:
 * - a few ragged lines make it guess '|' and one column: a strict sniff runs too, the wider wins;
 * - one broken quoted record in the sample makes it give up quoting for the whole file (every
 *   quoted field then keeps its quotes or splits at its commas). RFC 4180 quoting is the default:
 *   when the sniffer says "no quote" for a file that has quotes, it sniffs again on the sample's
 *   well-formed records (a record whose quoted field has text after the closing quote is left out,
 *   as the reader will reject it) with quote and escape '"', unless that leaves out most records
 *   (then the quotes really are plain text);
 * - a line over the reader's 2 MB limit makes the sniff fail: it runs on the sample without such
 *   lines, and the reader rejects them at their line.
 * Sheets converted to CSV by the engine have a known dialect; only their types are sniffed.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ColumnInfo, ImportOptions } from '../../../shared/api/dataApi';
import { ApiError } from '../../../shared/api/protocol';
import type { Row, Session, SqlParam } from '../db/db';
import { badInput, duckMessage, scrubPaths } from './errors';
import { HEAD_BYTES, readHead, type StagedFile, type StagingScope } from './stage';
import { looksBinary, sampleWithoutLongLines } from './textScan';

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

/** DuckDB's max_line_size default: a longer line is a reject ("LINE SIZE OVER MAXIMUM"). */
export const MAX_LINE_BYTES = 2_000_000;
const SAMPLE_RECORDS = 20_480;

interface Forced {
  delim?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
}

/** Named arguments of sniff_csv from the user's overrides (and forced dialect parts), as bound parameters. */
function sniffArgs(
  opts: ImportOptions,
  format: 'csv' | 'tsv',
  encoding: 'utf-8' | 'latin-1',
  forced: Forced,
  params: SqlParam[],
): string[] {
  const args: string[] = [];
  const add = (name: string, value: SqlParam) => {
    params.push(value);
    args.push(`${name} = $${params.length}`);
  };
  const delim = forced.delim ?? opts.delimiter ?? (format === 'tsv' ? '\t' : undefined);
  if (delim !== undefined) add('delim', delim);
  const quote = forced.quote ?? opts.quote;
  if (quote !== undefined) add('quote', quote);
  if (forced.escape !== undefined) add('escape', forced.escape);
  const header = forced.header ?? opts.header;
  if (header !== undefined) add('header', header);
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

function toSettings(row: Row): CsvSettings {
  const cols = JSON.parse(String(row.cols)) as { name: string; type: string }[];
  return {
    delimiter: unempty(row.Delimiter),
    quote: unempty(row.Quote),
    escape: unempty(row.Escape),
    header: row.HasHeader === true,
    skip: Number(row.SkipRows ?? 0),
    columns: cols.map((c) => ({ name: c.name, type: c.type })),
    dateFormat: row.DateFormat === null || row.DateFormat === undefined ? null : String(row.DateFormat),
    timestampFormat:
      row.TimestampFormat === null || row.TimestampFormat === undefined ? null : String(row.TimestampFormat),
  };
}

async function sniffOnce(
  s: Session,
  path: string,
  staged: StagedFile,
  opts: ImportOptions,
  format: 'csv' | 'tsv',
  forced: Forced,
  ignoreErrors: boolean,
): Promise<CsvSettings | null> {
  const params: SqlParam[] = [path];
  const args = sniffArgs(opts, format, staged.readEncoding, forced, params);
  const [r] = await s.query(
    `SELECT Delimiter, Quote, Escape, SkipRows, HasHeader, Columns::JSON::VARCHAR AS cols, DateFormat, TimestampFormat FROM sniff_csv($1, ignore_errors = ${ignoreErrors}${args.map((a) => `, ${a}`).join('')})`,
    params,
  );
  return r ? toSettings(r) : null;
}

/** Tolerant sniff; when it sees (almost) no columns, a strict one too, and the wider wins. */
async function sniffBest(
  s: Session,
  path: string,
  staged: StagedFile,
  opts: ImportOptions,
  format: 'csv' | 'tsv',
  forced: Forced,
): Promise<CsvSettings> {
  const tolerant = await sniffOnce(s, path, staged, opts, format, forced, true);
  if (!tolerant) throw badInput(staged.label, 'could not be read as CSV', 'Check that it is a delimited text file.');
  if (tolerant.columns.length > 2) return tolerant;
  const strict = await sniffOnce(s, path, staged, opts, format, forced, false).catch(() => null);
  return strict && strict.columns.length > tolerant.columns.length ? strict : tolerant;
}

function isLineSizeError(err: unknown): boolean {
  return /Maximum line size|line size/i.test(err instanceof Error ? err.message : String(err));
}

export async function sniffCsv(
  s: Session,
  staged: StagedFile,
  opts: ImportOptions,
  format: 'csv' | 'tsv',
  scope: StagingScope,
): Promise<CsvSettings> {
  const head = readHead(staged.path, HEAD_BYTES);
  if (staged.readEncoding === 'utf-8' && looksBinary(head)) {
    throw badInput(
      staged.label,
      'is not a text file (it contains binary data)',
      'Choose a CSV, TSV, Parquet, JSON or XLSX file.',
    );
  }
  const fixed: Forced = staged.dialect
    ? { delim: staged.dialect.delimiter, quote: staged.dialect.quote, escape: staged.dialect.escape }
    : {};
  let path = staged.path;
  let settings: CsvSettings;
  try {
    settings = await sniffBest(s, path, staged, opts, format, fixed);
  } catch (err) {
    if (!isLineSizeError(err)) throw csvError(staged, err);
    path = scope.path('sample.csv');
    await sampleWithoutLongLines(staged.path, path, MAX_LINE_BYTES);
    settings = await sniffBest(s, path, staged, opts, format, fixed).catch((e: unknown) => {
      throw csvError(staged, e);
    });
  }
  if (staged.dialect || opts.quote !== undefined || settings.quote !== '' || !head.includes(0x22)) return settings;
  return (await sniffQuoted(s, path, staged, opts, format, settings, scope)) ?? settings;
}

/**
 * RFC 4180 quoting for a file the sniffer read without quotes: sniff the sample's well-formed
 * records with quote and escape '"'. Null when most records are not well-formed quoted CSV.
 */
async function sniffQuoted(
  s: Session,
  path: string,
  staged: StagedFile,
  opts: ImportOptions,
  format: 'csv' | 'tsv',
  unquoted: CsvSettings,
  scope: StagingScope,
): Promise<CsvSettings | null> {
  const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : unquoted.delimiter);
  if (delimiter.length !== 1) return null;
  const sample = scope.path('quoted-sample.csv');
  const { kept, dropped } = await wellQuotedSample(path, sample, delimiter, SAMPLE_RECORDS);
  if (kept === 0 || dropped > kept) return null;
  const forced: Forced = { delim: delimiter, quote: '"', escape: '"' };
  const quoted = await sniffBest(s, sample, staged, opts, format, forced).catch(() => null);
  if (!quoted || quoted.columns.length < unquoted.columns.length) return null;
  return { ...quoted, quote: '"', escape: '"' };
}

/**
 * Copy the first `max` records of `path` that are well-formed RFC 4180 (`"` quotes, `""` inside)
 * to `out`. A record is malformed when a closing quote is followed by anything but the delimiter
 * or the line's end; like DuckDB's reader, reading resumes at the next line break.
 */
export async function wellQuotedSample(
  path: string,
  out: string,
  delimiter: string,
  max: number,
): Promise<{ kept: number; dropped: number }> {
  const d = delimiter.charCodeAt(0);
  const q = 0x22;
  const sink = createWriteStream(out);
  let kept = 0;
  let dropped = 0;
  let parts: Buffer[] = [];
  let bytes = 0;
  let inQuote = false;
  let closed = false; // just after a closing quote
  let fieldStart = true;
  let broken = false;
  let empty = true;
  const endRecord = async () => {
    if (!empty) {
      if (broken) dropped++;
      else {
        for (const p of parts) if (!sink.write(p)) await once(sink, 'drain');
        kept++;
      }
    }
    parts = [];
    bytes = 0;
    inQuote = false;
    closed = false;
    fieldStart = true;
    broken = false;
    empty = true;
  };
  try {
    outer: for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 10) {
          if (inQuote && !broken && bytes + i - from < MAX_LINE_BYTES) continue; // a line break inside a quoted field
          parts.push(chunk.subarray(from, i + 1));
          from = i + 1;
          await endRecord();
          if (kept >= max) break outer;
          continue;
        }
        if (b !== 13) empty = false;
        if (broken) continue;
        if (inQuote) {
          if (b === q) {
            inQuote = false;
            closed = true;
          }
          continue;
        }
        if (closed) {
          closed = false;
          if (b === q) {
            inQuote = true; // "" inside a quoted field
            continue;
          }
          if (b === d) fieldStart = true;
          else if (b !== 13) broken = true;
          continue;
        }
        if (b === q && fieldStart) inQuote = true;
        fieldStart = b === d;
      }
      if (from < chunk.length) {
        parts.push(Buffer.from(chunk.subarray(from)));
        bytes += chunk.length - from;
      }
    }
    if (kept < max) await endRecord();
  } finally {
    sink.end();
    await once(sink, 'close');
  }
  return { kept, dropped };
}

/** Turn a DuckDB CSV failure into one clear invalid_input error, in the words of the source. */
export function csvError(staged: StagedFile, err: unknown): Error {
  if (err instanceof ApiError && err.code === 'interrupted') return err;
  const msg = scrubPaths(duckMessage(err), staged.name, [staged.path]);
  const sheet = staged.unit === 'row';
  // DuckDB's line numbers here count from its sample, not the user's file: none are shown (the
  // load's rejects carry real lines).
  if (isLineSizeError(err)) {
    return badInput(
      staged.label,
      `has a line longer than the ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes a record may have (is it really a CSV file?)`,
      'Check the file; very long lines usually mean a wrong format or a missing line break.',
    );
  }
  if (/not possible to automatically detect|sniff/i.test(msg)) {
    return sheet
      ? badInput(
          staged.label,
          'could not be read (no consistent columns found)',
          'Check the sheet, or save it as CSV and import that.',
        )
      : badInput(
          staged.label,
          'could not be read as CSV (no consistent delimiter or columns found)',
          'Check that it is a delimited text file, or set the delimiter in the import options.',
        );
  }
  if (/unicode|encoding/i.test(msg)) {
    return badInput(
      staged.label,
      'is not valid text in the detected encoding',
      'Choose the file encoding in the import options.',
    );
  }
  return badInput(
    staged.label,
    `could not be read${sheet ? '' : ' as CSV'} (${msg})`,
    sheet ? 'Check the sheet.' : 'Check the file or the import options.',
  );
}
