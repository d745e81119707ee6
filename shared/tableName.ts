/**
 * The table a file is imported into when no name is given: the one derivation used by `segwb
 * import` and the import dialog, so the same file gets the same table either way (and a second
 * import of it adds a snapshot to that table). The name needs no quoting in SQL as far as it can:
 * lower case, letters (accents folded: "Données" → "donnees"), digits and `_` only; a leading
 * digit or a reserved word gets `t_` in front; at most 63 bytes (PostgreSQL's identifier limit).
 * Letters of other scripts are kept (a file named in Japanese keeps its name); the engine quotes
 * every identifier it writes, so such a name is still safe.
 */

/** Data-file extensions dropped from the name, after an optional compression suffix. */
const DATA_EXTENSION = /\.(?:csv|tsv|tab|txt|parquet|json|ndjson|jsonl|xlsx|xls)(?:\.(?:gz|gzip|zst|bz2))?$/i;

/**
 * Words reserved in DuckDB (`duckdb_keywords()`, category reserved) or PostgreSQL (its reserved
 * key words), which a table name would otherwise have to be quoted for.
 */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation ' +
    'column concurrently constraint create cross current_catalog current_date current_role current_schema ' +
    'current_time current_timestamp current_user default deferrable desc describe distinct do else end except false ' +
    'fetch for foreign freeze from full grant group having ilike in initially inner intersect into is isnull join ' +
    'lambda lateral leading left like limit localtime localtimestamp natural not notnull null offset on only or ' +
    'order outer overlaps pivot pivot_longer pivot_wider placing primary qualify references returning right select ' +
    'session_user show similar some summarize symmetric system_user table tablesample then to trailing true union ' +
    'unique unpivot user using variadic verbose when where window with'
  ).split(' '),
);

const MAX_BYTES = 63;
const FALLBACK = 'imported';

/** A table name for `fileName` (a bare name or a path, either separator). */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(DATA_EXTENSION, '');
  // Accents come off Latin letters only: other scripts' marks are part of their letters.
  const folded = base
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase();
  let name = folded.replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '');
  if (!name) name = FALLBACK;
  if (/^\p{N}/u.test(name) || RESERVED.has(name)) name = `t_${name}`;
  return truncateBytes(name, MAX_BYTES).replace(/_+$/, '');
}

/** The longest prefix of `s` of at most `max` UTF-8 bytes, never splitting a code point. */
function truncateBytes(s: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + n > max) break;
    bytes += n;
    out += ch;
  }
  return out;
}
