/**
 * Parquet, JSON (an array or one object) and NDJSON loading. These readers have no reject side
 * channel: a malformed document is bad input (one error naming the file and line), so every record
 * is either loaded or the import fails. Reconciliation: Parquet's own row count from its footer;
 * NDJSON's non-blank lines.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Session } from '../db/db';
import { countLines } from './countRecords';
import { badInput, duckLine, duckMessage as rawDuckMessage, passCancel, scrubPaths } from './errors';
import type { LoadOutcome } from './csv';
import type { StagedFile } from './stage';

/** DuckDB's message without paths inside staging (the user's file name instead). */
const duckMessage = (err: unknown, staged: StagedFile): string =>
  scrubPaths(rawDuckMessage(err), staged.name, [staged.path]);

/** A Parquet reading failure in the user's words. */
export function parquetError(staged: StagedFile, err: unknown): Error {
  passCancel(err);
  const msg = duckMessage(err, staged);
  if (/magic bytes|footer|truncated|too small|corrupt/i.test(msg)) {
    return badInput(
      staged.name,
      'is not a complete Parquet file (it may be truncated or damaged)',
      'Export or download the file again.',
    );
  }
  return badInput(staged.name, `could not be read as Parquet (${msg})`, 'Check the file.');
}

/**
 * A JSON or NDJSON reading failure in the user's words. DuckDB names the line where parsing failed,
 * which for an unterminated object is the next one: the first line that is not a JSON value itself
 * is named instead (scanning no further than DuckDB's line).
 */
export async function jsonError(staged: StagedFile, err: unknown, ndjson: boolean): Promise<Error> {
  passCancel(err);
  const msg = duckMessage(err, staged);
  const reported = ndjson ? duckLine(err) : undefined;
  const line = ndjson ? ((await firstBadNdjsonLine(staged.path, reported)) ?? reported) : undefined;
  // Past the "in file …, at byte …, in line …:" part, DuckDB says what is wrong.
  if (/Malformed JSON|unexpected|invalid/i.test(msg)) {
    return badInput(
      staged.name,
      `is not valid ${ndjson ? 'NDJSON' : 'JSON'} (${msg.replace(/^.*?: /, '')})`,
      'Fix or re-export the file.',
      line,
    );
  }
  return badInput(staged.name, `could not be read as ${ndjson ? 'NDJSON' : 'JSON'} (${msg})`, 'Check the file.', line);
}

export async function loadParquet(
  s: Session,
  staged: StagedFile,
  target: string,
  onProgress: (f: number) => void,
): Promise<LoadOutcome> {
  let footerRows: number;
  try {
    const [meta] = await s.query(`SELECT sum(num_rows) AS n FROM parquet_file_metadata($1)`, [staged.path]);
    footerRows = Number(meta?.n ?? 0);
    await s.run(`CREATE TABLE ${target} AS SELECT * FROM read_parquet($1)`, [staged.path], { onProgress });
  } catch (err) {
    throw parquetError(staged, err);
  }
  const [loaded] = await s.query(`SELECT count(*) AS n FROM ${target}`);
  const rows = Number(loaded?.n ?? 0);
  const warnings =
    rows === footerRows ? [] : [`${staged.name}: its footer announces ${footerRows} rows but ${rows} were read.`];
  return { rows, records: footerRows, rejected: 0, warnings };
}

export async function loadJson(
  s: Session,
  staged: StagedFile,
  target: string,
  ndjson: boolean,
  onProgress: (f: number) => void,
): Promise<LoadOutcome> {
  const format = ndjson ? 'newline_delimited' : 'auto';
  try {
    await s.run(`CREATE TABLE ${target} AS SELECT * FROM read_json($1, format = $2)`, [staged.path, format], {
      onProgress,
    });
  } catch (err) {
    throw await jsonError(staged, err, ndjson);
  }
  const [loaded] = await s.query(`SELECT count(*) AS n FROM ${target}`);
  const rows = Number(loaded?.n ?? 0);
  if (!ndjson) return { rows, records: rows, rejected: 0, warnings: [] };
  let records = await countLines(staged.path);
  if (records !== rows) records = await countNonBlankLines(staged.path);
  const warnings =
    records === rows ? [] : [`${staged.name} has ${records} non-empty lines but ${rows} records were read.`];
  return { rows, records, rejected: 0, warnings };
}

async function firstBadNdjsonLine(path: string, upTo: number | undefined): Promise<number | undefined> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of rl) {
      n++;
      if (upTo !== undefined && n > upTo) return undefined;
      if (text.trim() === '') continue;
      try {
        JSON.parse(text);
      } catch {
        return n;
      }
    }
  } finally {
    rl.close();
  }
  return undefined;
}

async function countNonBlankLines(path: string): Promise<number> {
  let n = 0;
  let blank = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (const b of chunk) {
      if (b === 10) {
        if (!blank) n++;
        blank = true;
      } else if (b !== 13 && b !== 32 && b !== 9) blank = false;
    }
  }
  return blank ? n : n + 1;
}
