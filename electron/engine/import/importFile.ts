/**
 * One import, all or nothing (docs/architecture.md, SPEC §10): stage the file, load it into the snapshot's new table
 * inside
 * a transaction, type blank-holding columns, reconcile, check the key, fingerprint, record the
 * snapshot and repoint the table's view, commit. Any failure rolls back (no half table, no snapshot
 * row, no rejects) and removes every file staging created (one StagingScope per import). A text file
 * with NUL bytes is loaded from a copy without the records holding them (they are rejects).
 * Imports run one at a time per workspace.
 */
import type { FileRef, ImportOptions, ImportReport } from '../../../shared/api/dataApi';
import type { Workspace } from '../workspace/workspace';
import { readRejects, recordSnapshot, snapshotRelation, nextSnapshotSeq, describe } from '../workspace/catalog';
import { fixBlankTypedColumns } from './typeFix';
import { fingerprintWith } from './fingerprint';
import {
  checkChosenTypes,
  loadCsv,
  NeedsNulCleaning,
  NeedsTolerantLoad,
  sniffCsv,
  type CsvSettings,
  type LoadOutcome,
} from './csv';
import { loadJson, loadParquet } from './otherFormats';
import { xlsxToCsv } from './xlsx';
import { detectFormat } from './detectFormat';
import { readHead, resolveSource, stageFile, StagingScope, type StagedFile } from './stage';
import { withoutNulRecords, type NulReject } from './nulRecords';
import { looksBinary } from './textScan';
import { badInput } from './errors';
import { duplicatesAggregate, keyColumn, keyReport } from './keyCheck';
import { rmSync, statSync } from 'node:fs';
import { serialized } from './serial';
import { tableNameFromFile } from '../../../shared/tableName';

export type ProgressFn = (fraction: number | null, message: string) => void;

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function importFile(
  ws: Workspace,
  file: FileRef,
  options: ImportOptions = {},
  progress: ProgressFn = () => {},
  jobId?: string,
): Promise<ImportReport> {
  return serialized(ws, () => runImport(ws, file, options, progress, jobId));
}

async function runImport(
  ws: Workspace,
  file: FileRef,
  options: ImportOptions,
  progress: ProgressFn,
  jobId?: string,
): Promise<ImportReport> {
  const src = resolveSource(ws.stagingDir, file);
  if (statSync(src.path).size === 0)
    throw badInput(src.name, 'is empty', 'Choose a file with a header and at least one row.');
  const format = options.format ?? detectFormat(src.name, readHead(src.path, 8192));
  const table = options.table ?? tableNameFromFile(src.name);
  const asOf = options.asOf ?? todayUtc();
  progress(0.02, `Staging ${src.name}`);
  const textual = format === 'csv' || format === 'tsv' || format === 'json' || format === 'ndjson';
  const scope = new StagingScope(ws.stagingDir);
  const warnings: string[] = [];
  let blanksAsNull: Record<string, number> = {};
  let duplicateKeys: ImportReport['duplicateKeys'];
  let typeIssues: ImportReport['typeIssues'];
  let invalidAsNull: ImportReport['invalidAsNull'];
  let snapshotId = '';
  let records = 0;
  try {
    let staged: StagedFile = await stageFile(scope, file, {
      textual,
      duckLatin1: format === 'csv' || format === 'tsv',
      encoding: options.encoding,
    });
    if (format === 'xlsx') {
      progress(0.05, `Reading ${src.name}`);
      staged = (await xlsxToCsv(staged, scope, options.sheet)).csv;
    }
    // Records with NUL bytes are taken out before DuckDB reads the file (it would load them silently).
    let nulRejects: NulReject[] | null = null;
    let headerNuls = 0;
    const clean = async () => {
      const outcome = await withoutNulRecords(staged, scope, options.quote ?? '"');
      staged = outcome.file;
      nulRejects = outcome.rejects;
      headerNuls = outcome.headerNuls;
    };
    const delimited = format === 'csv' || format === 'tsv' || format === 'xlsx';
    if (delimited) {
      const head = readHead(staged.path);
      if (head.includes(0) && !looksBinary(head)) await clean();
    }
    await ws.withSession(async (s) => {
      let settings: CsvSettings | null = null;
      // CSV: a strict read first; at the first bad record, roll back and read again keeping rejects.
      for (let tolerant = format === 'parquet' || format === 'json' || format === 'ndjson'; ;) {
        // Sniffing may try readings that fail; outside the transaction, they cannot abort it.
        if (delimited && !settings) {
          settings = await sniffCsv(s, staged, options, format === 'tsv' ? 'tsv' : 'csv', scope);
          await checkChosenTypes(s, staged, settings, options);
        }
        await s.run('BEGIN TRANSACTION');
        try {
          const seq = await nextSnapshotSeq(s);
          snapshotId = `s${seq}`;
          const target = snapshotRelation(table, snapshotId);
          progress(0.1, `Loading ${src.name}`);
          const onLoad = (f: number) => progress(0.1 + 0.7 * f, `Loading ${src.name}`);
          let outcome: LoadOutcome;
          if (format === 'parquet') outcome = await loadParquet(s, staged, target, onLoad);
          else if (format === 'json' || format === 'ndjson')
            outcome = await loadJson(s, staged, target, format === 'ndjson', onLoad);
          else outcome = await loadCsv(s, staged, target, options, snapshotId, onLoad, settings!, tolerant, nulRejects);
          s.checkCancelled();
          warnings.push(...outcome.warnings);
          if (headerNuls > 0)
            warnings.push(
              `The first ${staged.unit} of ${staged.label} held ${headerNuls} NUL byte(s); they were left out of it.`,
            );
          typeIssues = outcome.typeIssues;
          invalidAsNull = outcome.invalidAsNull;
          if (outcome.rows === 0) {
            const first = outcome.rejected ? (await readRejects(s, snapshotId, 0, 1)).rejects[0] : undefined;
            throw first
              ? badInput(
                  staged.label,
                  `no record could be loaded (${outcome.rejected} rejected; first: ${first.reason})`,
                  'Check the delimiter, header and encoding in the import options.',
                  first.line ?? undefined,
                  staged.unit,
                )
              : badInput(staged.label, 'contains no rows to load', 'Choose a file with a header and at least one row.');
          }
          if (options.strict && outcome.rejected > 0) {
            const first = (await readRejects(s, snapshotId, 0, 1)).rejects[0];
            throw badInput(
              staged.label,
              `${outcome.rejected} record(s) were rejected and strict mode loads nothing${first ? ` (first: ${first.reason})` : ''}`,
              'Fix the file or import without strict mode to load the good rows.',
              first?.line ?? undefined,
              staged.unit,
            );
          }
          progress(0.82, 'Checking column types');
          let columns = await describe(s, target);
          if (delimited) {
            const overridden = new Set(Object.keys(options.columnTypes ?? {}));
            const fixed = await fixBlankTypedColumns(
              s,
              target,
              columns.filter((c) => !overridden.has(c.name)),
            );
            blanksAsNull = fixed.blanksAsNull;
            columns = await describe(s, target);
          }
          progress(0.88, 'Fingerprinting and checking the key');
          const key = keyColumn(columns, options.key, src.name);
          const [fp, extra] = await fingerprintWith(
            s,
            target,
            columns,
            key === undefined ? undefined : duplicatesAggregate(key),
          );
          if (key !== undefined) {
            duplicateKeys = await keyReport(s, target, key, Number(extra.dups ?? 0));
            if (duplicateKeys.count > 0) {
              warnings.push(
                `Key column '${duplicateKeys.column}' is not unique: ${duplicateKeys.count} duplicate value(s), e.g. ${duplicateKeys.examples.slice(0, 3).join(', ')}.`,
              );
            }
          }
          await recordSnapshot(s, {
            id: snapshotId,
            seq,
            table,
            asOf,
            importedAt: new Date().toISOString(),
            sourceFile: src.name,
            rows: fp.rows,
            rejected: outcome.rejected,
            schemaHash: fp.schemaHash,
            contentHash: fp.contentHash,
          });
          records = outcome.records;
          s.checkCancelled();
          await s.run('COMMIT');
          return;
        } catch (err) {
          await s.run('ROLLBACK').catch(() => undefined);
          warnings.length = 0;
          if (err instanceof NeedsTolerantLoad && !tolerant) {
            tolerant = true;
            continue;
          }
          if (err instanceof NeedsNulCleaning && nulRejects === null) {
            await clean();
            settings = null; // a NUL may have made a column look like text
            continue;
          }
          throw err;
        }
      }
    }, jobId);
  } finally {
    scope.cleanup();
  }
  if (file.kind === 'staged') rmSync(src.path, { force: true });
  ws.updateMeta((m) => {
    m.sources[table] = {
      file: src.name,
      format,
      ...(options.key ? { key: options.key } : {}),
      lastImportedAt: new Date().toISOString(),
    };
  });
  progress(1, 'Imported');
  const snapshot = await ws.resolveSnapshot(table, snapshotId);
  const rejects = await ws.withSession((s) => readRejects(s, snapshotId, 0, 100));
  const previous = (await ws.table(table)).snapshots.filter((x) => x.id !== snapshotId).at(-1);
  if (previous && previous.fingerprint.schemaHash !== snapshot.fingerprint.schemaHash) {
    warnings.push(`The columns of '${table}' changed since snapshot ${previous.id} (as of ${previous.asOf}).`);
  }
  return {
    table,
    snapshot,
    records,
    rows: snapshot.rows,
    rejected: snapshot.rejected,
    rejects: rejects.rejects,
    warnings,
    columns: await ws.columns(snapshot.relation),
    blanksAsNull,
    ...(duplicateKeys ? { duplicateKeys } : {}),
    ...(typeIssues ? { typeIssues } : {}),
    ...(invalidAsNull ? { invalidAsNull } : {}),
  };
}
