/**
 * Members of a definition streamed from a PostgreSQL server into an export file (issue 13), never
 * held in memory: a server-side cursor hands over batches of rows as the server's text.
 *
 * CSV, JSON and Parquet are written by DuckDB exactly as the workspace's own exports are (the same
 * COPY, exporter.ts): the batches go to an interchange CSV in the staging folder (every value quoted,
 * NULL unquoted, so empty strings survive), which DuckDB reads with each column cast to the DuckDB
 * type of its result field. XLSX is written by exceljs straight from the batches, values converted
 * to what the workspace's export would hold. Either way the destination appears only when complete
 * (atomic move): a dropped connection, a failure or a cancel leaves no file, partial or otherwise.
 */
import { once } from 'node:events';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type pg from 'pg';
import type Cursor from 'pg-cursor';
import { ulid } from 'ulid';
import { ApiError } from '../../../shared/api/protocol';
import type { ExportFormat } from '../../../shared/api/segmentsApi';
import { quoteIdent } from '../db/sql';
import { moveFileAtomic, writeFileAtomic } from '../files/atomicWrite';
import { XLSX_MAX_ROWS, exportMembers, type ExportSink } from '../segments/export/exporter';
import { renderMembers, type PgRun } from './pgRun';
import { cellOf, duckTypeOfField } from './types';

/** Rows per cursor read: a few MB of text at most for wide rows. */
export const PG_BATCH = 5_000;

export interface PgExportJob {
  client: pg.Client;
  run: PgRun;
  /** Columns asked for (the key among them); a scheme's export adds "tier" after them. */
  columns: string[];
  /** Rows the count found (in the same read-only snapshot): progress and the XLSX limit. */
  rows: number;
  format: ExportFormat;
  out: string;
  sink: ExportSink;
  jobId?: string;
  progress?: (fraction: number, message: string) => void;
  meta: Record<string, unknown>;
}

type Batch = { rows: (string | null)[][]; fields: pg.FieldDef[] };

function readBatch(cursor: Cursor<(string | null)[]>, n: number): Promise<Batch> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => (err ? reject(err) : resolve({ rows, fields: result?.fields ?? [] })));
  });
}

function csvField(v: string | null): string {
  return v === null ? '' : `"${v.replaceAll('"', '""')}"`;
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function closeStream(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Stream the members through `onBatch`; returns the DuckDB type of each result column. A complete
 * read closes the cursor; after a failure the session itself is ended by the caller (waiting for
 * the portal to close on a dead connection would wait forever).
 */
async function streamRows(
  job: PgExportJob,
  onBatch: (rows: (string | null)[][], types: string[]) => Promise<void>,
  share: number,
): Promise<string[]> {
  const q = renderMembers(job.run, job.columns);
  const { default: PgCursor } = (await import('pg-cursor')) as { default: typeof Cursor }; // with pg, on first use
  const cursor = job.client.query(new PgCursor<(string | null)[]>(q.sql, q.params, { rowMode: 'array' }));
  let types: string[] | null = null;
  let done = 0;
  for (;;) {
    const batch = await readBatch(cursor, PG_BATCH);
    types ??= batch.fields.map((f) => duckTypeOfField(f.dataTypeID, f.dataTypeModifier));
    if (batch.rows.length) {
      await onBatch(batch.rows, types);
      done += batch.rows.length;
      job.progress?.(
        job.rows > 0 ? Math.min(1, done / job.rows) * share : share,
        `Read ${fmt(done)} of ${fmt(job.rows)} rows from the server`,
      );
    }
    if (batch.rows.length < PG_BATCH) break;
  }
  await cursor.close();
  return types ?? [];
}

async function exportXlsx(job: PgExportJob, names: string[], staged: string): Promise<void> {
  const { default: Excel } = (await import('exceljs')) as { default: typeof ExcelJS }; // lazily: ~200 ms to load
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    filename: staged,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('members');
  sheet.addRow(names).commit();
  await streamRows(
    job,
    async (rows, types) => {
      for (const r of rows) sheet.addRow(r.map((v, i) => cellOf(v, types[i] ?? 'VARCHAR'))).commit();
    },
    1,
  );
  sheet.commit();
  await workbook.commit();
  await moveFileAtomic(staged, job.out);
}

/** Share of the progress bar the server read takes; DuckDB's writing takes the rest. */
const READ_SHARE = 0.8;

/** Returns the sidecar path exporter.ts wrote. */
async function exportViaDuckDb(job: PgExportJob, names: string[], interchange: string): Promise<string> {
  const stream = createWriteStream(interchange, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  let types: string[];
  try {
    await write(stream, names.map((_, i) => `c${i}`).join(',') + '\n');
    types = await Promise.race([
      streamRows(
        job,
        async (rows) => {
          await Promise.race([write(stream, rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n'), failed]);
        },
        READ_SHARE,
      ),
      failed,
    ]);
  } finally {
    await closeStream(stream).catch(() => undefined);
  }
  const columns: Record<string, string> = Object.fromEntries(names.map((_, i) => [`c${i}`, 'VARCHAR']));
  const select = names
    .map((n, i) => {
      const type = types[i] ?? 'VARCHAR';
      return type === 'VARCHAR' ? `c${i} AS ${quoteIdent(n)}` : `CAST(c${i} AS ${type}) AS ${quoteIdent(n)}`;
    })
    .join(', ');
  const selectSql = `SELECT ${select} FROM read_csv($1, header = true, columns = $2, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, auto_detect = false)`;
  const report = job.progress;
  return exportMembers(job.sink, {
    selectSql,
    params: [interchange, { type: 'STRUCT(VARCHAR)', value: columns }],
    columns: names,
    rows: job.rows,
    format: job.format,
    out: job.out,
    ...(job.jobId ? { jobId: job.jobId } : {}),
    ...(report ? { progress: (f: number, message: string) => report(READ_SHARE + (1 - READ_SHARE) * f, message) } : {}),
    meta: job.meta,
  });
}

/** Write the export; returns the sidecar path. Nothing is left behind on failure. */
export async function exportFromServer(job: PgExportJob): Promise<string> {
  if (job.format === 'xlsx' && job.rows + 1 > XLSX_MAX_ROWS) {
    throw new ApiError(
      'invalid_input',
      `XLSX holds at most ${fmt(XLSX_MAX_ROWS)} rows including the header; this segment has ${fmt(job.rows)} members on the server. Export CSV or Parquet instead.`,
    );
  }
  const scheme = job.run.loaded.kind === 'scheme';
  const names = scheme ? [...job.columns, 'tier'] : [...job.columns];
  const id = ulid();
  const interchange = path.join(job.sink.stagingDir, `pg-${id}.csv`);
  const staged = path.join(job.sink.stagingDir, `pg-${id}.xlsx`);
  try {
    if (job.format === 'xlsx') {
      await exportXlsx(job, names, staged);
      const metaFile = `${job.out}.segment-meta.json`;
      await writeFileAtomic(metaFile, JSON.stringify(job.meta, null, 2) + '\n');
      return metaFile;
    }
    return await exportViaDuckDb(job, names, interchange);
  } finally {
    rmSync(interchange, { force: true });
    rmSync(staged, { force: true });
  }
}
