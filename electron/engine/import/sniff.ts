/**
 * sniffFile: what an import would do with a file, without importing it: format, encoding, dialect,
 * sheets, columns and a 20-row preview, and the text columns whose values are nearly all of another
 * type (counted on the first 100,000 rows, with the lines of the bad values), so the user can
 * choose the type before importing. Staged copies are removed afterwards.
 */
import type { FileRef, ImportOptions, SniffReport, TypeIssue } from '../../../shared/api/dataApi';
import type { Workspace } from '../workspace/workspace';
import type { Session, SqlParam } from '../db/db';
import { statSync } from 'node:fs';
import { detectFormat } from './detectFormat';
import { readHead, resolveSource, stageFile, StagingScope, type StagedFile } from './stage';
import { badInput } from './errors';
import { jsonError, parquetError } from './otherFormats';
import { csvError, readArgs, sniffCsv, type CsvSettings } from './csv';
import { listSheets, xlsxToCsv } from './xlsx';
import { withoutNulRecords } from './nulRecords';
import { looksBinary } from './textScan';
import { RejectSpans, RowLocator, rowOrdinal } from './recordWalker';
import { OffsetLines } from './countRecords';
import { describeTypeIssue, findTypeIssues, SAMPLE_ROWS_PREVIEW, typeWords, withLines } from './typeIssues';
import { fixBlankTypedColumns } from './typeFix';

const PREVIEW_ROWS = 20;

export async function sniffFile(ws: Workspace, file: FileRef, options: ImportOptions = {}): Promise<SniffReport> {
  const src = resolveSource(ws.stagingDir, file);
  if (statSync(src.path).size === 0)
    throw badInput(src.name, 'is empty', 'Choose a file with a header and at least one row.');
  const format = options.format ?? detectFormat(src.name, readHead(src.path, 8192));
  const textual = format !== 'parquet' && format !== 'xlsx';
  const scope = new StagingScope(ws.stagingDir);
  try {
    let staged = await stageFile(scope, file, {
      textual,
      duckLatin1: format === 'csv' || format === 'tsv',
      encoding: options.encoding,
    });
    const encoding = staged.encoding;
    let sheets: string[] | undefined;
    if (format === 'xlsx') {
      sheets = await listSheets(staged);
      staged = (await xlsxToCsv(staged, scope, options.sheet)).csv;
    }
    const path = staged.path;
    return await ws.withSession(async (s) => {
      if (format === 'parquet' || format === 'json' || format === 'ndjson') {
        const reader =
          format === 'parquet'
            ? 'read_parquet($1)'
            : `read_json($1, format = '${format === 'ndjson' ? 'newline_delimited' : 'auto'}')`;
        const res = await s
          .queryResult(`SELECT * FROM ${reader} LIMIT ${PREVIEW_ROWS}`, [path])
          .catch(async (err: unknown) => {
            throw format === 'parquet' ? parquetError(staged, err) : await jsonError(staged, err, format === 'ndjson');
          });
        return {
          format,
          encoding,
          columns: res.columns,
          preview: toObjects(
            res.columns.map((c) => c.name),
            res.rows,
          ),
          warnings: [],
        };
      }
      const head = readHead(staged.path);
      if (head.includes(0) && !looksBinary(head))
        staged = (await withoutNulRecords(staged, scope, options.quote ?? '"')).file;
      const settings = await sniffCsv(s, staged, options, format === 'tsv' ? 'tsv' : 'csv', scope);
      const sample = await previewSample(s, staged, settings, options);
      const warnings =
        settings.skip > 0
          ? [
              `The ${staged.unit === 'row' ? 'first' : 'CSV sniffer would skip the first'} ${settings.skip} ${staged.unit}(s)${staged.unit === 'row' ? ' look like a title above the table' : ''}; they would be listed as rejected records.`,
            ]
          : [];
      warnings.push(...sample.blanks);
      warnings.push(
        ...sample.typeIssues.map(
          (i) =>
            `${describeTypeIssue(i, staged.unit)}. Choose the column's type to load them as ${i.type === 'DATE' ? 'dates' : i.type === 'TIMESTAMP' ? 'dates and times' : 'numbers'}: those values then become rejected records, or empty.`,
        ),
      );
      return {
        format,
        encoding,
        delimiter: settings.delimiter,
        quote: settings.quote,
        header: settings.header,
        ...(sheets ? { sheets } : {}),
        columns: sample.columns,
        preview: sample.preview,
        warnings,
        ...(sample.typeIssues.length ? { typeIssues: sample.typeIssues } : {}),
      };
    });
  } finally {
    scope.cleanup();
  }
}

/**
 * Read the first rows as the import would (rejects kept aside, in a temp table so rowid is file
 * order), for the preview rows and the near-typed text columns with the lines of their bad values.
 */
async function previewSample(
  s: Session,
  staged: StagedFile,
  settings: CsvSettings,
  options: ImportOptions,
): Promise<{
  columns: SniffReport['columns'];
  preview: SniffReport['preview'];
  typeIssues: TypeIssue[];
  blanks: string[];
}> {
  const params: SqlParam[] = [staged.path];
  const args = readArgs(settings, staged, options, params, {});
  args.push('store_rejects = true', `rejects_table = '_preview_rejects'`, `rejects_scan = '_preview_scans'`);
  try {
    await s
      .run(
        `CREATE OR REPLACE TEMP TABLE _preview AS SELECT * FROM read_csv($1, ${args.join(', ')}) LIMIT ${SAMPLE_ROWS_PREVIEW}`,
        params,
      )
      .catch((err: unknown) => {
        throw csvError(staged, err);
      });
    const [count] = await s.query(`SELECT count(*) AS n FROM _preview`);
    const sampled = Number(count?.n ?? 0) >= SAMPLE_ROWS_PREVIEW;
    // As the import will: a text column of numbers (or dates) with blank cells is read as that type,
    // blanks as NULL (" " for a missing TotalCharges), so the preview shows its type and says so.
    const chosen = new Set(Object.keys(options.columnTypes ?? {}));
    const fixed = await fixBlankTypedColumns(
      s,
      '_preview',
      settings.columns.filter((c) => !chosen.has(c.name)),
    );
    const typed = new Map(fixed.converted.map((c) => [c.name, c.type]));
    const columns = settings.columns.map((c) => ({ ...c, type: typed.get(c.name) ?? c.type }));
    const where = sampled ? ` in the first ${SAMPLE_ROWS_PREVIEW.toLocaleString('en-US')} rows` : '';
    const blanks = Object.entries(fixed.blanksAsNull).map(
      ([c, n]) =>
        `${c}: ${n.toLocaleString('en-US')} blank cell${n === 1 ? '' : 's'}${where} will be read as empty (NULL), ` +
        `the other values as ${typeWords(typed.get(c) ?? 'VARCHAR').many}`,
    );
    const res = await s.queryResult(`SELECT * FROM _preview ORDER BY rowid LIMIT ${PREVIEW_ROWS}`);
    const found = await findTypeIssues(s, '_preview', () => rowOrdinal(s, '_preview', columns), columns, {
      dateFormat: options.dateFormat ?? settings.dateFormat,
      timestampFormat: settings.timestampFormat,
      decimalComma: options.decimalComma === true,
    });
    let typeIssues: TypeIssue[] = [];
    if (found.length) {
      // A sample of at most SAMPLE_ROWS_PREVIEW rows: its rejects fit in one page.
      const rejected = await s.query(
        `SELECT min(line_byte_position) AS pos, max(length(csv_line) - length(replace(csv_line, chr(10), ''))) AS breaks FROM temp._preview_rejects GROUP BY line ORDER BY pos`,
      );
      const lines = await new OffsetLines(staged.path).lines(rejected.map((r) => Number(r.pos)));
      const spans = new RejectSpans();
      rejected.forEach((r, i) => spans.add(lines[i]!, Number(r.breaks ?? 0) + 1));
      const locator = new RowLocator(
        staged.path,
        {
          quote: settings.quote,
          escape: settings.escape,
          skipLines: settings.skip,
          header: settings.header,
          rejected: spans,
        },
        false,
        staged.readEncoding === 'latin-1' ? 'latin1' : 'utf8',
      );
      typeIssues = await withLines(found, locator, staged.userLine ?? ((l) => l), sampled);
    }
    return {
      columns: res.columns,
      preview: toObjects(
        res.columns.map((c) => c.name),
        res.rows,
      ),
      typeIssues,
      blanks,
    };
  } finally {
    for (const t of ['_preview', '_preview_rejects', '_preview_scans'])
      await s.run(`DROP TABLE IF EXISTS temp.${t}`).catch(() => undefined);
  }
}

function toObjects(
  names: string[],
  rows: (string | number | boolean | null)[][],
): Record<string, string | number | boolean | null>[] {
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? null])));
}
