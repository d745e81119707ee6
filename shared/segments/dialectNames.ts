/**
 * The SQL dialects a definition compiles to (docs/cli.md, SPEC §8), in the order the CLI and the SQL preview
 * list them: the one list the API schema, the compiler's dialect objects and the CLI check against.
 */
export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof DIALECTS)[number];
