/**
 * Snapshot fingerprint (SPEC §2): row count, sha256 of the schema (names and types in order) and an
 * order-independent content hash: the sum over rows of DuckDB's 64-bit hash of the whole row,
 * accumulated as HUGEINT so duplicate rows count (an XOR would cancel them), then sha256 together
 * with the row count. Same rows in any order → same hash. The row alias is unusual so that no
 * column can shadow it. The key's duplicate check can ride along in the same scan.
 */
import { createHash } from 'node:crypto';
import type { ColumnInfo, Fingerprint } from '../../../shared/api/dataApi';
import type { Session } from '../db';

export function schemaHash(columns: ColumnInfo[]): string {
  return createHash('sha256').update(JSON.stringify(columns.map((c) => [c.name, c.type]))).digest('hex');
}

/**
 * Fingerprint of `relation`; `extra` aggregates (e.g. the key's duplicate count) ride along in the
 * same scan and come back as the second value.
 */
export async function fingerprintWith(s: Session, relation: string, columns: ColumnInfo[], extra?: string): Promise<[Fingerprint, Record<string, unknown>]> {
  const [r] = await s.query(`SELECT count(*) AS n, CAST(coalesce(sum(hash(__segwb_row)), 0) AS VARCHAR) AS h${extra ? `, ${extra}` : ''} FROM ${relation} AS __segwb_row`);
  const rows = Number(r?.n ?? 0);
  const contentHash = createHash('sha256').update(`${rows}:${String(r?.h ?? '0')}`).digest('hex');
  return [{ rows, schemaHash: schemaHash(columns), contentHash }, r ?? {}];
}

export async function fingerprint(s: Session, relation: string, columns: ColumnInfo[]): Promise<Fingerprint> {
  const [r] = await s.query(`SELECT count(*) AS n, CAST(coalesce(sum(hash(__segwb_row)), 0) AS VARCHAR) AS h FROM ${relation} AS __segwb_row`);
  const rows = Number(r?.n ?? 0);
  const contentHash = createHash('sha256').update(`${rows}:${String(r?.h ?? '0')}`).digest('hex');
  return { rows, schemaHash: schemaHash(columns), contentHash };
}
