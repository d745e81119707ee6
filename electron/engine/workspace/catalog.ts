/**
 * Snapshot catalog inside workspace.duckdb. Each snapshot is a physical table `snap."<table>@<id>"`;
 * `main."<table>"` is a view of the latest snapshot; `meta.snapshots` lists them with fingerprints and
 * `meta.rejects` keeps every rejected record of every import (docs/architecture.md, SPEC §10 reconciliation).
 * Snapshot ids are `s<n>`, n a workspace-wide sequence: deterministic, short, unique.
 */
import type { ColumnInfo, RejectRecord, SnapshotInfo } from '../../../shared/api/dataApi';
import type { Session } from '../db/db';
import { qualify, quoteIdent } from '../db/sql';

export const SNAP_SCHEMA = 'snap';

export const CATALOG_DDL = [
  `CREATE SCHEMA IF NOT EXISTS meta`,
  `CREATE SCHEMA IF NOT EXISTS ${SNAP_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS meta.snapshots (
     id VARCHAR PRIMARY KEY, seq INTEGER NOT NULL, table_name VARCHAR NOT NULL, as_of DATE NOT NULL,
     imported_at TIMESTAMP NOT NULL, source_file VARCHAR NOT NULL, rows BIGINT NOT NULL, rejected BIGINT NOT NULL,
     schema_hash VARCHAR NOT NULL, content_hash VARCHAR NOT NULL, relation VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta.rejects (
     snapshot_id VARCHAR NOT NULL, line BIGINT, column_name VARCHAR, reason VARCHAR NOT NULL, raw VARCHAR)`,
];

export function snapshotTableName(table: string, id: string): string {
  return `${table}@${id}`;
}

export function snapshotRelation(table: string, id: string): string {
  return qualify(SNAP_SCHEMA, snapshotTableName(table, id));
}

const SNAPSHOT_COLUMNS = `id, table_name, CAST(as_of AS VARCHAR) AS as_of, imported_at, source_file, rows, rejected, schema_hash, content_hash, relation`;

type SnapRow = Record<string, string | number | boolean | null>;

function toSnapshot(r: SnapRow): SnapshotInfo {
  return {
    id: String(r.id),
    table: String(r.table_name),
    asOf: String(r.as_of),
    importedAt: String(r.imported_at),
    sourceFile: String(r.source_file),
    rows: Number(r.rows),
    rejected: Number(r.rejected),
    fingerprint: { rows: Number(r.rows), schemaHash: String(r.schema_hash), contentHash: String(r.content_hash) },
    relation: String(r.relation),
  };
}

/** All snapshots, grouped by table, oldest first within a table. */
export async function listSnapshots(s: Session, table?: string): Promise<SnapshotInfo[]> {
  const rows = table
    ? await s.query(`SELECT ${SNAPSHOT_COLUMNS} FROM meta.snapshots WHERE table_name = $1 ORDER BY seq`, [table])
    : await s.query(`SELECT ${SNAPSHOT_COLUMNS} FROM meta.snapshots ORDER BY table_name, seq`);
  return rows.map(toSnapshot);
}

export async function nextSnapshotSeq(s: Session): Promise<number> {
  const [r] = await s.query(`SELECT coalesce(max(seq), 0) + 1 AS n FROM meta.snapshots`);
  return Number(r?.n ?? 1);
}

export interface NewSnapshot {
  id: string;
  seq: number;
  table: string;
  asOf: string;
  importedAt: string;
  sourceFile: string;
  rows: number;
  rejected: number;
  schemaHash: string;
  contentHash: string;
}

/** Record a snapshot whose physical table already exists, and point the table's view at it. */
export async function recordSnapshot(s: Session, n: NewSnapshot): Promise<void> {
  const relation = snapshotRelation(n.table, n.id);
  await s.run(`INSERT INTO meta.snapshots VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
    n.id,
    n.seq,
    n.table,
    { type: 'DATE', value: n.asOf },
    { type: 'TIMESTAMP', value: n.importedAt },
    n.sourceFile,
    n.rows,
    n.rejected,
    n.schemaHash,
    n.contentHash,
    relation,
  ]);
  await pointViewAtLatest(s, n.table);
}

/** `main."<table>"` = the snapshot with the latest as-of date (the latest import among equals). */
export async function pointViewAtLatest(s: Session, table: string): Promise<void> {
  const [latest] = await s.query(
    `SELECT relation FROM meta.snapshots WHERE table_name = $1 ORDER BY as_of DESC, seq DESC LIMIT 1`,
    [table],
  );
  if (!latest) {
    await s.run(`DROP VIEW IF EXISTS main.${quoteIdent(table)}`);
    return;
  }
  await s.run(`CREATE OR REPLACE VIEW main.${quoteIdent(table)} AS SELECT * FROM ${String(latest.relation)}`);
}

export async function describe(s: Session, relation: string): Promise<ColumnInfo[]> {
  const res = await s.queryResult(`SELECT * FROM ${relation} LIMIT 0`);
  return res.columns;
}

export async function readRejects(
  s: Session,
  snapshotId: string,
  offset: number,
  limit: number,
): Promise<{ total: number; rejects: RejectRecord[] }> {
  const [t] = await s.query(`SELECT count(*) AS n FROM meta.rejects WHERE snapshot_id = $1`, [snapshotId]);
  const rows = await s.query(
    `SELECT line, column_name, reason, raw FROM meta.rejects WHERE snapshot_id = $1 ORDER BY line NULLS LAST, reason LIMIT $2 OFFSET $3`,
    [snapshotId, limit, offset],
  );
  return {
    total: Number(t?.n ?? 0),
    rejects: rows.map((r) => ({
      line: r.line === null ? null : Number(r.line),
      column: r.column_name === null ? null : String(r.column_name),
      reason: String(r.reason),
      raw: r.raw === null ? null : String(r.raw),
    })),
  };
}
