/**
 * SQL text helpers. Identifiers are the only things ever spliced into SQL text, always through
 * `quoteIdent`; values go in as bound parameters (db.ts). `quoteLiteral` exists for the few places
 * DuckDB accepts no parameter (settings like allowed_directories); its input is an engine-made path.
 */

/** Quote an identifier for DuckDB/PostgreSQL: wrap in double quotes, double any inner quote. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new TypeError('identifier contains NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Schema-qualified relation name, both parts quoted. */
export function qualify(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Single-quoted SQL string literal (engine-made text only: paths of the workspace folder). */
export function quoteLiteral(text: string): string {
  if (text.includes('\u0000')) throw new TypeError('literal contains NUL');
  return `'${text.replaceAll("'", "''")}'`;
}
