/**
 * Member exports (docs/compare-and-over-time.md, SPEC §6, §10): CSV, Parquet and JSON are written by DuckDB with COPY
 * into the
 * workspace's staging folder (the only place DuckDB may write once locked), XLSX by exceljs from
 * keyset-paged batches; then Node moves the file to its destination atomically and writes the
 * sidecar `<file>.segment-meta.json` recording which definition version produced it.
 * XLSX holds at most 1,048,576 rows including the header: larger exports are refused up front.
 * The whole export runs on one session of its job, so a cancel lands even between XLSX batches.
 */
import type ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ulid } from 'ulid';
import { ApiError } from '../../../../shared/api/protocol';
import type { ExportFormat } from '../../../../shared/api/segmentsApi';
import type { CellValue } from '../../../../shared/api/dataApi';
import { quoteIdent, quoteLiteral } from '../../db/sql';
import { moveFileAtomic, writeFileAtomic } from '../../files/atomicWrite';
import type { Session, SqlParam, Workspace } from '../../workspace/workspace';

/**
 * Where an export is written: a workspace, or any DuckDB with a folder it may write (the scratch
 * database of a PostgreSQL export run without a workspace).
 */
export type ExportSink = Pick<Workspace, 'stagingDir' | 'withSession'>;

export const XLSX_MAX_ROWS = 1_048_576;
/** For XLSX the select ends with the entity key under this name (unique, paged by, not written). */
export const XLSX_PAGE_KEY = '__segwb_page_key';
const XLSX_BATCH = 10_000;

export function formatFromPath(file: string): ExportFormat | null {
  const ext = path.extname(file).toLowerCase().slice(1);
  return ext === 'csv' || ext === 'parquet' || ext === 'json' || ext === 'xlsx' ? ext : null;
}

export interface ExportJob {
  /** SELECT of the members with the chosen columns (the key column among them). */
  selectSql: string;
  params: SqlParam[];
  columns: string[];
  rows: number;
  format: ExportFormat;
  out: string;
  meta: Record<string, unknown>;
  jobId?: string;
  /** Told how far the writing is (DuckDB's progress for COPY, rows written for XLSX). */
  progress?: (fraction: number, message: string) => void;
}

async function writeXlsx(session: Session, job: ExportJob, file: string): Promise<void> {
  const { default: Excel } = (await import('exceljs')) as { default: typeof ExcelJS }; // lazily: ~200 ms to load
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('members');
  sheet.addRow(job.columns).commit();
  const key = quoteIdent(XLSX_PAGE_KEY);
  let after: CellValue = null;
  let written = 0;
  for (;;) {
    const n = job.params.length;
    const sql = `SELECT * FROM (${job.selectSql}) m ${after === null ? '' : `WHERE ${key} > $${n + 1}`} ORDER BY ${key} LIMIT ${XLSX_BATCH}`;
    const result = await session.queryResult(sql, after === null ? job.params : [...job.params, after]);
    const keyIndex = result.columns.length - 1;
    if (result.columns[keyIndex]?.name !== XLSX_PAGE_KEY)
      throw new ApiError('internal', 'XLSX export: the select lacks its page key');
    for (const row of result.rows) sheet.addRow(row.slice(0, keyIndex)).commit();
    written += result.rows.length;
    if (result.rows.length)
      job.progress?.(
        job.rows > 0 ? Math.min(1, written / job.rows) : 1,
        `Wrote ${written.toLocaleString('en-US')} of ${job.rows.toLocaleString('en-US')} rows`,
      );
    if (result.rows.length < XLSX_BATCH) break;
    after = result.rows[result.rows.length - 1]![keyIndex] ?? null;
    if (after === null) throw new ApiError('internal', 'XLSX export: NULL entity key');
  }
  sheet.commit();
  await workbook.commit();
}

/** Write the export; returns the sidecar path. */
export async function exportMembers(ws: ExportSink, job: ExportJob): Promise<string> {
  if (job.format === 'xlsx' && job.rows + 1 > XLSX_MAX_ROWS) {
    throw new ApiError(
      'invalid_input',
      `XLSX holds at most ${XLSX_MAX_ROWS.toLocaleString('en-US')} rows including the header; this segment has ${job.rows.toLocaleString('en-US')} members. Export CSV or Parquet instead.`,
    );
  }
  const staged = path.join(ws.stagingDir, `export-${ulid()}.${job.format}`);
  try {
    await ws.withSession(async (session) => {
      if (job.format === 'xlsx') return writeXlsx(session, job, staged);
      const options =
        job.format === 'csv'
          ? 'FORMAT csv, HEADER true'
          : job.format === 'json'
            ? 'FORMAT json, ARRAY true'
            : 'FORMAT parquet';
      const report = job.progress;
      const message = `Writing ${job.rows.toLocaleString('en-US')} rows`;
      await session.run(
        `COPY (${job.selectSql}) TO ${quoteLiteral(staged)} (${options})`,
        job.params,
        report ? { onProgress: (f) => report(f, message) } : undefined,
      );
    }, job.jobId);
    await moveFileAtomic(staged, job.out);
  } catch (err) {
    rmSync(staged, { force: true });
    if (err instanceof ApiError) throw err;
    throw new ApiError('runtime', `Export to ${job.out} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const metaFile = `${job.out}.segment-meta.json`;
  await writeFileAtomic(metaFile, JSON.stringify(job.meta, null, 2) + '\n');
  return metaFile;
}
