/**
 * Checks on the raw text of a user SQL expression before DuckDB sees it: length, NUL and invisible
 * or bidirectional control characters, comments, semicolons and parenthesis depth. The parser and
 * the AST allowlist are the real gate; this pass rejects tricks early with a precise reason and
 * keeps pathological nesting away from DuckDB's recursive parser. A tiny lexer skips '…' strings
 * and "…" identifiers so a ';' or '--' inside a string literal is not a false alarm.
 */
import { SQL_EXPR_MAX_DEPTH, SQL_EXPR_MAX_LENGTH } from '../../../shared/segments/sqlExpr/types';

/** Characters that make text look different from what the parser reads (Trojan Source and friends). */
function isSuspiciousChar(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true; // C0/C1 controls, DEL
  if (code >= 0x200b && code <= 0x200f) return true; // zero-width, LRM/RLM
  if (code >= 0x202a && code <= 0x202e) return true; // bidi embeddings/overrides
  if (code >= 0x2060 && code <= 0x206f) return true; // word joiner, bidi isolates, invisible ops
  if (code === 0xfeff || code === 0x00ad || code === 0x180e) return true; // BOM, soft hyphen, MVS
  if (code >= 0xfff9 && code <= 0xfffb) return true; // interlinear annotations
  return false;
}

function hex(code: number): string {
  return 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Returns a reason when the text must be rejected before parsing, else null. `limits: false` skips
 * the length and bracket-depth caps (for DuckDB's canonical text, which adds parentheses and casts).
 */
export function lexCheckSqlExpr(text: string, options: { limits?: boolean } = {}): string | null {
  const limits = options.limits ?? true;
  if (limits && text.length > SQL_EXPR_MAX_LENGTH)
    return `is ${text.length} characters long; the limit is ${SQL_EXPR_MAX_LENGTH}`;
  if (text.trim() === '') return 'is empty';
  let depth = 0;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return `contains a NUL byte at position ${i + 1}`;
    if (isSuspiciousChar(code)) return `contains an invisible or control character (${hex(code)}) at position ${i + 1}`;
    const point = text.codePointAt(i) ?? code;
    if (point >= 0xe0000 && point <= 0xe007f)
      return `contains an invisible tag character (${hex(point)}) at position ${i + 1}`;
    const ch = text[i];
    if (quote) {
      if (ch === quote) {
        if (text[i + 1] === quote) i++;
        else quote = '';
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ';') return 'contains a semicolon: a SQL rule is one expression, not statements';
    else if (ch === '-' && text[i + 1] === '-')
      return "contains a comment ('--'): comments are not allowed in SQL rules";
    else if (ch === '/' && text[i + 1] === '*')
      return "contains a comment ('/*'): comments are not allowed in SQL rules";
    else if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      if (limits && depth > SQL_EXPR_MAX_DEPTH) return `nests brackets deeper than ${SQL_EXPR_MAX_DEPTH} levels`;
    } else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  if (quote) return `has an unterminated ${quote === "'" ? 'string literal' : 'quoted identifier'}`;
  return null;
}
