/**
 * The one place where DuckDB values become wire values (`CellValue`) and where request values become
 * typed DuckDB parameters. Wire rules (shared/api/dataApi.ts): integers beyond ±2^53 as strings,
 * DATE 'YYYY-MM-DD', TIMESTAMP ISO 8601 with 'Z' (TIMESTAMP without zone is read as UTC), DECIMAL as
 * number, NULL as null; anything nested (lists, structs, maps) as its DuckDB text form.
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  LIST,
  STRUCT,
  VARCHAR,
  structValue,
  dateValue,
  listValue,
  timestampValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { CellValue } from '../../../shared/api/dataApi';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Microseconds since the epoch → ISO 8601 UTC with 'Z' (microsecond digits kept when present). */
export function microsToIso(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const sub = ((micros % 1000n) + 1000n) % 1000n;
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return String(micros);
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return sub === 0n ? iso : `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

export function toCell(v: DuckDBValue): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'bigint':
      return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
    default:
      break;
  }
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) {
    return v.isFinite ? microsToIso(v.micros) : v.toString();
  }
  if (v instanceof DuckDBTimestampMillisecondsValue) return v.isFinite ? microsToIso(v.millis * 1000n) : v.toString();
  if (v instanceof DuckDBTimestampSecondsValue) return v.isFinite ? microsToIso(v.seconds * 1_000_000n) : v.toString();
  if (v instanceof DuckDBTimestampNanosecondsValue) return v.isFinite ? microsToIso(v.nanos / 1000n) : v.toString();
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  return String(v);
}

/**
 * A query parameter. Plain JS values bind with DuckDB's inference (integers as INTEGER/BIGINT,
 * other numbers DOUBLE, strings VARCHAR); dates and instants are passed typed so the SQL compares
 * them as DATE/TIMESTAMP constants (docs/rules.md, SPEC §3, §11.1).
 */
export type SqlParam =
  | string
  | number
  | boolean
  | bigint
  | null
  | { type: 'DATE'; value: string }
  | { type: 'TIMESTAMP'; value: string }
  | { type: 'VARCHAR[]'; value: readonly string[] }
  /** A struct of VARCHAR fields (e.g. read_csv's `columns`: name → type), keys from data, bound not inlined. */
  | { type: 'STRUCT(VARCHAR)'; value: Readonly<Record<string, string>> };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** 'YYYY-MM-DD' or an ISO timestamp (offset normalised to UTC) → microseconds since the epoch. */
export function isoToMicros(text: string): bigint {
  const d = DATE_RE.exec(text);
  if (d) return BigInt(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))) * 1000n;
  const m = TS_RE.exec(text);
  if (!m) throw new TypeError(`not an ISO 8601 timestamp: ${text}`);
  const base = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  let micros = BigInt(base) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0').slice(0, 6) || '0');
  const off = m[8];
  if (off && off !== 'Z') {
    const sign = off.startsWith('-') ? -1n : 1n;
    const digits = off.slice(1).replace(':', '');
    const minutes = BigInt(Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    micros -= sign * minutes * 60_000_000n;
  }
  return micros;
}

/** DuckDB type to bind a parameter with, when inference cannot (lists). */
export function duckParamType(p: SqlParam): DuckDBType | undefined {
  if (p === null || typeof p !== 'object') return undefined;
  if (p.type === 'VARCHAR[]') return LIST(VARCHAR);
  if (p.type === 'STRUCT(VARCHAR)') return STRUCT(Object.fromEntries(Object.keys(p.value).map((k) => [k, VARCHAR])));
  return undefined;
}

export function toDuckParam(p: SqlParam): DuckDBValue {
  if (p !== null && typeof p === 'object') {
    if (p.type === 'VARCHAR[]') return listValue([...p.value]);
    if (p.type === 'STRUCT(VARCHAR)') return structValue({ ...p.value });
    if (p.type === 'DATE') {
      const m = DATE_RE.exec(p.value);
      if (!m) throw new TypeError(`not a date (YYYY-MM-DD): ${p.value}`);
      return dateValue({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
    }
    return timestampValue(isoToMicros(p.value));
  }
  return p;
}
