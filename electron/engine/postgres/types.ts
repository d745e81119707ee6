/**
 * PostgreSQL types named as DuckDB names them, so the compatibility check of docs/definition-files.md, SPEC §5
 * (families,
 * "same family" notes, blocking changes) and the compiler's typing work unchanged on a server:
 * `information_schema.columns` rows for the check, result-field OIDs for export columns. Also the
 * server's text form of a value → the wire value (`CellValue`) the workspace would give for it.
 */
import type { CellValue } from '../../../shared/api/dataApi';
import { isoToMicros, microsToIso } from '../db/values';

export interface InfoSchemaColumn {
  data_type: string;
  udt_name: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

const BY_UDT: Record<string, string> = {
  int2: 'SMALLINT',
  int4: 'INTEGER',
  int8: 'BIGINT',
  float4: 'FLOAT',
  float8: 'DOUBLE',
  bool: 'BOOLEAN',
  text: 'VARCHAR',
  varchar: 'VARCHAR',
  bpchar: 'VARCHAR',
  name: 'VARCHAR',
  citext: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
  uuid: 'UUID',
  time: 'TIME',
  timetz: 'TIME WITH TIME ZONE',
  interval: 'INTERVAL',
  bytea: 'BLOB',
  json: 'JSON',
  jsonb: 'JSON',
};

/** NUMERIC(p,s) as DECIMAL(p,s) where DuckDB can hold it; unconstrained or wider NUMERIC is a DOUBLE. */
function decimal(precision: number | null, scale: number | null): string {
  if (precision === null || precision > 38) return 'DOUBLE';
  return `DECIMAL(${precision},${scale ?? 0})`;
}

/** The DuckDB type name of a column as information_schema describes it. */
export function duckTypeOfColumn(c: InfoSchemaColumn): string {
  if (c.udt_name === 'numeric') return decimal(c.numeric_precision, c.numeric_scale);
  if (c.data_type === 'ARRAY')
    return `${duckTypeOfColumn({ ...c, udt_name: c.udt_name.replace(/^_/, ''), data_type: '' })}[]`;
  // Enums and domains (USER-DEFINED) and anything unknown keep the server's name: family 'other'.
  return BY_UDT[c.udt_name] ?? c.udt_name.toUpperCase();
}

/** Built-in type OIDs (fixed in every PostgreSQL release) → type name, for columns read from result descriptions. */
const UDT_BY_OID: Record<number, string> = {
  16: 'bool',
  17: 'bytea',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  114: 'json',
  700: 'float4',
  701: 'float8',
  1042: 'bpchar',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1266: 'timetz',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};
/** Their array types. */
const ARRAY_BY_OID: Record<number, string> = {
  1000: 'bool',
  1001: 'bytea',
  1003: 'name',
  1016: 'int8',
  1005: 'int2',
  1007: 'int4',
  1009: 'text',
  199: 'json',
  1021: 'float4',
  1022: 'float8',
  1014: 'bpchar',
  1015: 'varchar',
  1182: 'date',
  1183: 'time',
  1115: 'timestamp',
  1185: 'timestamptz',
  1187: 'interval',
  1270: 'timetz',
  1231: 'numeric',
  2951: 'uuid',
  3807: 'jsonb',
};

/** The type name of a built-in type OID (an array type as its element's name), or undefined for others. */
export function udtOfOid(oid: number): { name: string; array: boolean } | undefined {
  const scalar = UDT_BY_OID[oid];
  if (scalar) return { name: scalar, array: false };
  const element = ARRAY_BY_OID[oid];
  return element ? { name: element, array: true } : undefined;
}

const BY_OID: Record<number, string> = {
  16: 'BOOLEAN',
  20: 'BIGINT',
  21: 'SMALLINT',
  23: 'INTEGER',
  25: 'VARCHAR',
  700: 'FLOAT',
  701: 'DOUBLE',
  1042: 'VARCHAR',
  1043: 'VARCHAR',
  19: 'VARCHAR',
  1082: 'DATE',
  1114: 'TIMESTAMP',
  1184: 'TIMESTAMP WITH TIME ZONE',
  2950: 'UUID',
};
const NUMERIC_OID = 1700;

/**
 * The DuckDB type an export column is written as, from the result field's OID and type modifier.
 * Types DuckDB would not read back from the server's text exactly (json, arrays, intervals…) stay text.
 */
export function duckTypeOfField(oid: number, typmod: number): string {
  if (oid === NUMERIC_OID) {
    if (typmod < 4) return 'DOUBLE';
    const mod = typmod - 4; // PostgreSQL packs (precision << 16) | scale, offset by VARHDRSZ
    return decimal(mod >> 16, mod & 0xffff);
  }
  return BY_OID[oid] ?? 'VARCHAR';
}

const SAFE = 2 ** 53;

/** The server's text of a value of DuckDB type `type` → what the workspace's wire conversion gives. */
export function cellOf(text: string | null, type: string): CellValue {
  if (text === null) return null;
  switch (type) {
    case 'BOOLEAN':
      return text === 't' || text === 'true';
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT': {
      const n = Number(text);
      return Math.abs(n) < SAFE ? n : text;
    }
    case 'FLOAT':
    case 'DOUBLE': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP WITH TIME ZONE': {
      // Through the workspace's own conversion (db/values.ts), so both give the same text.
      const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
      try {
        return microsToIso(isoToMicros(type === 'TIMESTAMP' ? `${iso}Z` : iso));
      } catch {
        return text; // infinity, BC dates: as the server wrote them
      }
    }
    default:
      if (type.startsWith('DECIMAL')) {
        const n = Number(text);
        return Number.isFinite(n) ? n : text;
      }
      return text;
  }
}
