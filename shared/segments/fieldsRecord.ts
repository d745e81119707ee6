/**
 * The §5 `fields` record ↔ table schemas. A definition's `fields` doubles as the schema for
 * checks and compiles that run without a workspace (`segwb compile`, file validation).
 */
import type { FieldsRecord, TableSchemas } from './model';

export function schemasFromFields(fields: unknown): TableSchemas {
  const out: TableSchemas = {};
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return out;
  for (const [table, cols] of Object.entries(fields as Record<string, unknown>)) {
    if (typeof cols !== 'object' || cols === null || Array.isArray(cols)) continue;
    out[table] = Object.entries(cols as Record<string, unknown>)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([name, type]) => ({ name, type }));
  }
  return out;
}

export function fieldsFromSchemas(schemas: TableSchemas): FieldsRecord {
  const out: FieldsRecord = {};
  for (const [table, cols] of Object.entries(schemas))
    out[table] = Object.fromEntries(cols.map((c) => [c.name, c.type]));
  return out;
}
