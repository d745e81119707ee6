/**
 * DuckDB type names (as DESCRIBE prints them, plus common aliases) → type families.
 * `family` decides which ops a field accepts and what compatibility treats as "the same kind"
 * (§5: integer widths, DECIMAL/DOUBLE and TIMESTAMP with or without zone stay within a family).
 * `numberKind` and `timestampKind` keep the finer detail the compiler needs for binding.
 */

export type Family = 'number' | 'string' | 'date' | 'timestamp' | 'boolean' | 'other';
export type NumberKind = 'integer' | 'decimal' | 'float';
export type TimestampKind = 'TIMESTAMP' | 'TIMESTAMPTZ' | 'TIMESTAMP_S' | 'TIMESTAMP_MS' | 'TIMESTAMP_NS';

export interface TypeInfo {
  family: Family;
  /** Upper-cased type name without parameters, e.g. DECIMAL for DECIMAL(18,3). */
  base: string;
  numberKind?: NumberKind;
  timestampKind?: TimestampKind;
}

const INTEGER = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
  'INT',
  'INT1',
  'INT2',
  'INT4',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'INT128',
  'SHORT',
  'LONG',
  'SIGNED',
  'BYTEINT',
  'VARINT',
  'BIGNUM',
]);
const DECIMAL = new Set(['DECIMAL', 'NUMERIC']);
const FLOAT = new Set(['FLOAT', 'DOUBLE', 'REAL', 'FLOAT4', 'FLOAT8', 'DOUBLE PRECISION']);
const STRING = new Set(['VARCHAR', 'TEXT', 'STRING', 'CHAR', 'BPCHAR', 'NVARCHAR', 'ENUM']);
const BOOLEAN = new Set(['BOOLEAN', 'BOOL', 'LOGICAL']);
const TIMESTAMPS: Record<string, TimestampKind> = {
  TIMESTAMP: 'TIMESTAMP',
  DATETIME: 'TIMESTAMP',
  'TIMESTAMP WITHOUT TIME ZONE': 'TIMESTAMP',
  TIMESTAMP_US: 'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ',
  TIMESTAMPTZ: 'TIMESTAMPTZ',
  TIMESTAMP_S: 'TIMESTAMP_S',
  TIMESTAMP_MS: 'TIMESTAMP_MS',
  TIMESTAMP_NS: 'TIMESTAMP_NS',
};

/** Classifies a DuckDB type name. Unknown, nested (LIST, STRUCT, MAP…) and other types are `other`. */
export function typeInfo(type: string): TypeInfo {
  const t = type.trim().toUpperCase().replace(/\s+/g, ' ');
  if (t.endsWith(']')) return { family: 'other', base: t };
  const base = t.replace(/\s*\(.*\)$/s, '');
  if (INTEGER.has(base)) return { family: 'number', base, numberKind: 'integer' };
  if (DECIMAL.has(base)) return { family: 'number', base: 'DECIMAL', numberKind: 'decimal' };
  if (FLOAT.has(base)) return { family: 'number', base, numberKind: 'float' };
  if (STRING.has(base)) return { family: 'string', base };
  if (BOOLEAN.has(base)) return { family: 'boolean', base: 'BOOLEAN' };
  if (base === 'DATE') return { family: 'date', base };
  const ts = TIMESTAMPS[base];
  if (ts) return { family: 'timestamp', base, timestampKind: ts };
  return { family: 'other', base };
}

export function familyOf(type: string): Family {
  return typeInfo(type).family;
}

const FAMILY_WORDS: Record<Family, string> = {
  number: 'number',
  string: 'string',
  date: 'date',
  timestamp: 'timestamp',
  boolean: 'boolean',
  other: 'other',
};

/** "a date or timestamp field", "a number field", "any field". */
export function describeFamilies(families: readonly Family[] | 'any' | 'scalar'): string {
  if (families === 'any') return 'any field';
  if (families === 'scalar') return 'a scalar field';
  const words = families.map((f) => FAMILY_WORDS[f]);
  if (words.length === 0) return 'no field';
  const text = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return `${/^[aeiou]/.test(text) ? 'an' : 'a'} ${text} field`;
}
