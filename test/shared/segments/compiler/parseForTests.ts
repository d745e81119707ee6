// Parses SQL texts with the engine's real parser (DuckDB json_serialize_sql + allowlist) for compiler tests.
import { parseSqlExpr, withMemoryParser } from '../../../../electron/engine/sqlGuard/parseSqlExpr';
import type { ParsedSqlExprs } from '../../../../shared/segments/sqlExpr/types';

export async function parseAll(texts: string[], known: string[]): Promise<ParsedSqlExprs> {
  return withMemoryParser(async (run) => {
    const out: ParsedSqlExprs = {};
    for (const text of texts) {
      const parsed = await parseSqlExpr(run, text, known);
      if (!parsed.ok) throw new Error(`${text}: ${parsed.reason}`);
      out[text] = parsed.value;
    }
    return out;
  });
}
