/**
 * Bounds on LIKE, ILIKE and GLOB in user SQL (docs/architecture.md, SPEC §10). DuckDB matches these by backtracking:
 * every wildcard that is followed by more pattern (`%`, or `*` in GLOB) tries each remaining
 * position of the text, so a pattern with k of them costs up to length^k per value (measured on
 * DuckDB 1.5: ILIKE '%a%b' over 100,000 characters runs for minutes, '%a%a%a%b' over 200 characters
 * takes 160 ms per row). A single value is one unit of work for DuckDB, so an interrupt cannot stop
 * it: such a query ran on after cancelJob until the process ended.
 *
 * What stays allowed, and why it is bounded:
 * - a constant pattern with at most MAX_BACKTRACKING_WILDCARDS such wildcard (runs of `%%` count as
 *   one; a wildcard at the very end is free: DuckDB stops there): length × pattern length at worst;
 * - any constant case-sensitive LIKE / NOT LIKE pattern without `_` and without ESCAPE: DuckDB
 *   matches those segment by segment in linear time, whatever the number of `%`.
 * A pattern computed from the row (a column, a concatenation) could be anything, so it is refused.
 * What is refused points to regexp_matches(), which is RE2: linear time, and a cancel stops it.
 */

type Obj = Record<string, unknown>;

interface PatternFunction {
  /** How the user wrote it, for the diagnostic. */
  label: string;
  glob: boolean;
  caseSensitive: boolean;
  /** The third argument is the ESCAPE character. */
  escape: boolean;
}

const FUNCTIONS: Readonly<Record<string, PatternFunction>> = {
  '~~': { label: 'LIKE', glob: false, caseSensitive: true, escape: false },
  '!~~': { label: 'NOT LIKE', glob: false, caseSensitive: true, escape: false },
  '~~*': { label: 'ILIKE', glob: false, caseSensitive: false, escape: false },
  '!~~*': { label: 'NOT ILIKE', glob: false, caseSensitive: false, escape: false },
  '~~~': { label: 'GLOB', glob: true, caseSensitive: true, escape: false },
  like_escape: { label: 'LIKE … ESCAPE', glob: false, caseSensitive: true, escape: true },
  not_like_escape: { label: 'NOT LIKE … ESCAPE', glob: false, caseSensitive: true, escape: true },
  ilike_escape: { label: 'ILIKE … ESCAPE', glob: false, caseSensitive: false, escape: true },
  not_ilike_escape: { label: 'NOT ILIKE … ESCAPE', glob: false, caseSensitive: false, escape: true },
};

/** Wildcards followed by more pattern that a backtracking match may hold. */
export const MAX_BACKTRACKING_WILDCARDS = 1;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The constant's text, null for a NULL constant, undefined when the node is not a constant string. */
function constantText(node: unknown): string | null | undefined {
  if (!isObj(node) || node.class !== 'CONSTANT' || !isObj(node.value)) return undefined;
  if (node.value.is_null === true) return null;
  const type = isObj(node.value.type) ? node.value.type.id : undefined;
  return type === 'VARCHAR' && typeof node.value.value === 'string' ? node.value.value : undefined;
}

/** Runs of `%` (LIKE) or `*` (GLOB) that are followed by more pattern. */
export function backtrackingWildcards(pattern: string, glob: boolean, escape: string | null): number {
  const chars = [...pattern];
  const star = glob ? '*' : '%';
  let count = 0;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (!glob && escape !== null && c === escape) {
      i += 2;
      continue;
    }
    if (glob && c === '[') {
      // A set: `]` right after `[` or `[!` is a member; inside it `*` is literal.
      let j = i + 1;
      if (chars[j] === '!' || chars[j] === '^') j++;
      if (chars[j] === ']') j++;
      while (j < chars.length && chars[j] !== ']') j++;
      i = j + 1;
      continue;
    }
    if (c === star) {
      let j = i;
      while (j < chars.length && chars[j] === star) j++;
      if (j < chars.length) count++;
      i = j;
      continue;
    }
    i++;
  }
  return count;
}

/**
 * A reason when `name(children)` is a LIKE-family call whose pattern is not bounded, else null.
 * Called by the AST check for every function node; not a pattern function → null.
 */
export function patternProblem(name: string, children: unknown): string | null {
  const fn = FUNCTIONS[name];
  if (!fn) return null;
  const args = Array.isArray(children) ? children : [];
  const pattern = constantText(args[1]);
  const fix = 'compare with contains(), starts_with() or regexp_matches() instead';
  if (pattern === undefined) {
    return `the ${fn.label} pattern must be a constant string ('…'): a pattern computed from the row can take minutes to match and cannot be cancelled; ${fix}`;
  }
  let escape: string | null = null;
  if (fn.escape) {
    const e = constantText(args[2]);
    if (e === undefined) return `the ESCAPE of ${fn.label} must be a constant string ('…')`;
    escape = e === null || e === '' ? null : [...e][0]!;
  }
  if (pattern === null) return null;
  // DuckDB's linear matcher: case-sensitive LIKE, no `_`, no ESCAPE.
  if (fn.caseSensitive && !fn.glob && !fn.escape && !pattern.includes('_')) return null;
  const n = backtrackingWildcards(pattern, fn.glob, escape);
  if (n <= MAX_BACKTRACKING_WILDCARDS) return null;
  const wildcard = fn.glob ? '*' : '%';
  const plainLike =
    fn.caseSensitive && !fn.glob ? " (case-sensitive LIKE without '_' and without ESCAPE has no such limit)" : '';
  return `the ${fn.label} pattern '${pattern}' has ${n} '${wildcard}' wildcards before its end; at most ${MAX_BACKTRACKING_WILDCARDS} is allowed${plainLike}, because each one multiplies the work on long text (minutes per value, and a cancel cannot stop it): use regexp_matches(), which has no such cost`;
}
