/**
 * Measurement records (docs/definition-files.md, SPEC §5) kept in the workspace DuckDB, table `meta.measurements`: one
 * row
 * per run of one version on one snapshot at one as-of, with counts and measures. Append-only.
 * A run on a PostgreSQL server (engine 'postgres') names the server instead of a snapshot.
 */
import { monotonicFactory } from 'ulid';
import type { MeasurementRecord } from '../../../../shared/api/segmentsApi';
import type { SqlParam, Workspace } from '../../workspace/workspace';
import { workspaceSlot } from '../../workspace/owned';

const DDL = `CREATE TABLE IF NOT EXISTS meta.measurements (
  id VARCHAR PRIMARY KEY, segment_id VARCHAR, segment VARCHAR, version INTEGER, hash VARCHAR,
  table_name VARCHAR NOT NULL, snapshot_id VARCHAR NOT NULL, snapshot_as_of DATE NOT NULL,
  fingerprint_rows BIGINT NOT NULL, schema_hash VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
  as_of TIMESTAMP NOT NULL, as_of_source VARCHAR NOT NULL, count BIGINT NOT NULL, total BIGINT NOT NULL,
  measures VARCHAR NOT NULL, tiers VARCHAR, related VARCHAR NOT NULL, ran_at TIMESTAMP NOT NULL)`;

/** Whether this workspace's measurements table exists with every column (checked once per open). */
const READY = workspaceSlot('measurements table ready', () => ({ done: false }));

/** Columns added after the first release; older workspaces gain them on first use (NULL = DuckDB). */
const ADDED = [
  'ALTER TABLE meta.measurements ADD COLUMN IF NOT EXISTS engine VARCHAR',
  'ALTER TABLE meta.measurements ADD COLUMN IF NOT EXISTS server VARCHAR',
];
const COLUMNS =
  'id, segment_id, segment, version, hash, table_name, snapshot_id, snapshot_as_of, fingerprint_rows, schema_hash, content_hash, as_of, as_of_source, count, total, measures, tiers, related, ran_at, engine, server';

async function ensureTable(ws: Workspace): Promise<void> {
  if (ws.owned(READY).done) return;
  await ws.run(DDL);
  for (const ddl of ADDED) await ws.run(ddl);
  ws.owned(READY).done = true;
}

export async function appendMeasurement(
  ws: Workspace,
  record: Omit<MeasurementRecord, 'id'>,
): Promise<MeasurementRecord> {
  return (await appendMeasurements(ws, [record]))[0]!;
}

const PER_ROW = 21;
/** Ids increase within a millisecond, so records appended together list in the order given. */
const ulid = monotonicFactory();

/**
 * Several records in one INSERT: one commit instead of one per record (measuring on six snapshots
 * spent 40-60 ms on six commits, as long as the six counts).
 */
export async function appendMeasurements(
  ws: Workspace,
  records: readonly Omit<MeasurementRecord, 'id'>[],
): Promise<MeasurementRecord[]> {
  if (!records.length) return [];
  await ensureTable(ws);
  const full = records.map((record): MeasurementRecord => ({
    id: ulid(),
    ...record,
    engine: record.engine ?? 'duckdb',
  }));
  const rows: string[] = [];
  const params: SqlParam[] = [];
  for (const [i, r] of full.entries()) {
    const $ = (n: number) => `$${i * PER_ROW + n}`;
    rows.push(
      `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, CAST(${$(8)} AS DATE), ${$(9)}, ${$(10)}, ${$(11)}, CAST(${$(12)} AS TIMESTAMP), ${$(13)}, ${$(14)}, ${$(15)}, ${$(16)}, ${$(17)}, ${$(18)}, CAST(${$(19)} AS TIMESTAMP), ${$(20)}, ${$(21)})`,
    );
    params.push(
      r.id,
      r.segmentId,
      r.segment,
      r.version,
      r.hash,
      r.table,
      r.snapshot,
      r.snapshotAsOf,
      r.fingerprint.rows,
      r.fingerprint.schemaHash,
      r.fingerprint.contentHash,
      r.asOf.replace('Z', ''),
      r.asOfSource,
      r.count,
      r.total,
      JSON.stringify(r.measures),
      r.tiers ? JSON.stringify(r.tiers) : null,
      JSON.stringify(r.related),
      r.ranAt.replace('Z', ''),
      r.engine ?? 'duckdb',
      r.server ? JSON.stringify(r.server) : null,
    );
  }
  await ws.run(`INSERT INTO meta.measurements (${COLUMNS}) VALUES ${rows.join(', ')}`, params);
  return full;
}

function iso(v: unknown): string {
  const s = String(v);
  return (s.endsWith('Z') ? s : `${s.replace(' ', 'T')}Z`).replace(/\.000Z$/, 'Z');
}

export async function listMeasurements(
  ws: Workspace,
  segmentId: string | undefined,
  limit: number,
): Promise<MeasurementRecord[]> {
  await ensureTable(ws);
  const where = segmentId === undefined ? '' : 'WHERE segment_id = $2';
  const rows = await ws.query(
    `SELECT *, CAST(snapshot_as_of AS VARCHAR) AS snap_date FROM meta.measurements ${where} ORDER BY ran_at, id LIMIT $1`,
    segmentId === undefined ? [limit] : [limit, segmentId],
  );
  return rows.map((r) => {
    const count = Number(r.count);
    const total = Number(r.total);
    const rec: MeasurementRecord = {
      id: String(r.id),
      segmentId: r.segment_id === null ? null : String(r.segment_id),
      segment: r.segment === null ? null : String(r.segment),
      version: r.version === null ? null : Number(r.version),
      hash: r.hash === null ? null : String(r.hash),
      table: String(r.table_name),
      snapshot: String(r.snapshot_id),
      snapshotAsOf: String(r.snap_date),
      fingerprint: {
        rows: Number(r.fingerprint_rows),
        schemaHash: String(r.schema_hash),
        contentHash: String(r.content_hash),
      },
      asOf: iso(r.as_of),
      asOfSource: String(r.as_of_source) as MeasurementRecord['asOfSource'],
      count,
      total,
      share: total === 0 ? null : count / total,
      measures: JSON.parse(String(r.measures)) as MeasurementRecord['measures'],
      related: JSON.parse(String(r.related)) as Record<string, string>,
      ranAt: iso(r.ran_at),
    };
    if (r.tiers !== null) rec.tiers = JSON.parse(String(r.tiers)) as NonNullable<MeasurementRecord['tiers']>;
    rec.engine = r.engine === 'postgres' ? 'postgres' : 'duckdb';
    if (r.server !== null && r.server !== undefined)
      rec.server = JSON.parse(String(r.server)) as NonNullable<MeasurementRecord['server']>;
    return rec;
  });
}
