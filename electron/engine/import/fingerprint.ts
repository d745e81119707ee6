/**
 * Snapshot fingerprint (docs/architecture.md, SPEC §2): row count, sha256 of the schema (names and types in order) and
 * an
 * order-independent content hash: the sum over rows of DuckDB's 64-bit hash of the whole row,
 * accumulated as HUGEINT so duplicate rows count (an XOR would cancel them), then sha256 together
 * with the row count. Same rows in any order → same hash. The key's duplicate check can ride along
 * in the same scan.
 */
import { createHash } from 'node:crypto';
import type { ColumnInfo, Fingerprint } from '../../../shared/api/dataApi';
import type { Session } from '../db/db';
import { quoteIdent } from '../db/sql';

export function schemaHash(columns: ColumnInfo[]): string {
  return createHash('sha256')
    .update(JSON.stringify(columns.map((c) => [c.name, c.type])))
    .digest('hex');
}

/**
 * Fingerprint of `relation`; `extra` aggregates (e.g. the key's duplicate count) ride along in the
 * same scan and come back as the second value.
 */
export async function fingerprintWith(
  s: Session,
  relation: string,
  columns: ColumnInfo[],
  extra?: string,
): Promise<[Fingerprint, Record<string, unknown>]> {
  const [r] = await s.query(
    `SELECT count(*) AS n, CAST(coalesce(sum(${rowHash(columns)}), 0) AS VARCHAR) AS h${extra ? `, ${extra}` : ''} FROM ${relation}`,
  );
  const rows = Number(r?.n ?? 0);
  const contentHash = createHash('sha256')
    .update(`${rows}:${String(r?.h ?? '0')}`)
    .digest('hex');
  return [{ rows, schemaHash: schemaHash(columns), contentHash }, r ?? {}];
}

export async function fingerprint(s: Session, relation: string, columns: ColumnInfo[]): Promise<Fingerprint> {
  return (await fingerprintWith(s, relation, columns))[0];
}

/** DuckDB's variadic hash over every column in order (2–3× cheaper than hashing a row struct). */
function rowHash(columns: ColumnInfo[]): string {
  return `hash(${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
}
