/**
 * DuckDB type names → the families the UI cares about (filter kind, icon, alignment, formatting).
 */
export type TypeFamily = 'number' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other';

export function typeFamily(duckType: string): TypeFamily {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*)\b/.test(t)) return 'number';
  if (/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|UUID|ENUM)\b/.test(t)) return 'text';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN' || t === 'BOOL') return 'boolean';
  return 'other';
}

/** A short text glyph per family for headers and pickers (text, not emoji: no emoji font is guaranteed). */
export function typeIcon(family: TypeFamily): string {
  switch (family) {
    case 'number':
      return '#';
    case 'text':
      return 'Aa';
    case 'date':
      return 'Dt';
    case 'timestamp':
      return 'Ts';
    case 'boolean':
      return 'T/F';
    default:
      return '{}';
  }
}
