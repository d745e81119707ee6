/**
 * sniffFile: what an import would do with a file, without importing it: format, encoding, dialect,
 * sheets, columns and a 20-row preview. Staged copies are removed afterwards.
 */
import type { FileRef, ImportOptions, SniffReport } from '../../../shared/api/dataApi';
import type { Workspace } from '../workspace';
import type { SqlParam } from '../db';
import { statSync } from 'node:fs';
import { detectFormat } from './detectFormat';
import { readHead, resolveSource, stageFile } from './stage';
import { badInput } from './errors';
import { csvError, sniffCsv } from './csv';
import { listSheets, xlsxToCsv } from './xlsx';

const PREVIEW_ROWS = 20;

export async function sniffFile(ws: Workspace, file: FileRef, options: ImportOptions = {}): Promise<SniffReport> {
  const src = resolveSource(ws.stagingDir, file);
  if (statSync(src.path).size === 0) throw badInput(src.name, 'is empty', 'Choose a file with a header and at least one row.');
  const format = options.format ?? detectFormat(src.name, readHead(src.path, 8192));
  const textual = format !== 'parquet' && format !== 'xlsx';
  let staged = await stageFile(ws.stagingDir, file, { textual, duckLatin1: format === 'csv' || format === 'tsv', encoding: options.encoding });
  const encoding = staged.encoding;
  try {
    let sheets: string[] | undefined;
    if (format === 'xlsx') {
      sheets = await listSheets(staged);
      staged = (await xlsxToCsv(staged, ws.stagingDir, options.sheet)).csv;
    }
    const path = staged.path;
    return await ws.withSession(async (s) => {
      if (format === 'parquet' || format === 'json' || format === 'ndjson') {
        const reader = format === 'parquet' ? 'read_parquet($1)' : `read_json($1, format = '${format === 'ndjson' ? 'newline_delimited' : 'auto'}')`;
        const res = await s.queryResult(`SELECT * FROM ${reader} LIMIT ${PREVIEW_ROWS}`, [path]).catch((err: unknown) => {
          throw badInput(src.name, `could not be read as ${format.toUpperCase()} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, 'Check the file.');
        });
        return { format, encoding, columns: res.columns, preview: toObjects(res.columns.map((c) => c.name), res.rows), warnings: [] };
      }
      const settings = await sniffCsv(s, staged, options, format === 'tsv' ? 'tsv' : 'csv');
      const params: SqlParam[] = [path, settings.delimiter, settings.quote, settings.escape, settings.header, settings.skip];
      const enc = staged.readEncoding === 'latin-1' ? `, encoding = 'latin-1'` : '';
      const res = await s
        .queryResult(`SELECT * FROM read_csv($1, delim = $2, quote = $3, escape = $4, header = $5, skip = $6, ignore_errors = true${enc}) LIMIT ${PREVIEW_ROWS}`, params)
        .catch((err: unknown) => {
          throw csvError(src.name, err);
        });
      const warnings = settings.skip > 0 ? [`The CSV sniffer would skip the first ${settings.skip} line(s); they would be listed as rejected records.`] : [];
      return {
        format,
        encoding,
        delimiter: settings.delimiter,
        quote: settings.quote,
        header: settings.header,
        ...(sheets ? { sheets } : {}),
        columns: res.columns,
        preview: toObjects(res.columns.map((c) => c.name), res.rows),
        warnings,
      };
    });
  } finally {
    staged.cleanup();
  }
}

function toObjects(names: string[], rows: (string | number | boolean | null)[][]): Record<string, string | number | boolean | null>[] {
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? null])));
}
