/**
 * DuckDB failures of a definition's run in the user's words (issue 11 item 4). Validation catches
 * what it can before a query runs; what remains is DuckDB evaluating analysts' SQL (a SqlRule or an
 * `expr` metric comparing text with a number, an overflow) or a bug. Either way the UI must never
 * show "Conversion Error: … snap."accounts__3"": the SQL parts are named by their human place
 * ("SQL rule 2 (plan > 5)") with what to do, DuckDB's own words follow without its error class or
 * internal table names, and a failure no SQL part can explain is reported as a bug.
 */
import { ApiError } from '../../../../shared/api/protocol';
import type { DefinitionTarget } from '../../../../shared/api/segmentsApi';
import { locate } from '../../../../shared/segments/location';
import type { Workspace } from '../../workspace/workspace';
import { collectSqlSources } from '../../sqlGuard/sqlExprs';
import { loadTarget } from './targetRun';

const CLASS = /^([A-Z][A-Za-z ]*?) Error: /;
const MAX_PLACES = 3;
/**
 * Classes that mean "this SQL cannot be evaluated" (the user's SQL, or ours: a bug). Others (IO, Out
 * of Memory, Interrupt …) are about the machine and pass through as the runtime errors they are.
 */
const ABOUT_THE_SQL = new Set([
  'Binder',
  'Catalog',
  'Conversion',
  'Out of Range',
  'Invalid Input',
  'Parser',
  'Not implemented',
]);

const TYPES =
  "It converts or compares values of different types: compare text with quoted text ('5') " +
  'and numbers with numbers, or use TRY_CAST(… AS DOUBLE)';
const ADVICE: Record<string, string> = {
  Conversion: TYPES,
  // With every column checked before the run, what the binder still refuses in a SQL part is a type clash.
  Binder: TYPES,
  'Out of Range': 'A result is too large for its type: cast to DOUBLE first, e.g. CAST(seats AS DOUBLE) * 1000',
  'Invalid Input': 'Check the values and patterns it uses',
};

/** DuckDB's first line without its class, and without the workspace's internal relation names. */
export function plainDuckDbDetail(message: string): string {
  return message
    .split('\n')[0]!
    .replace(CLASS, '')
    .replace(/"?\b(snap|meta)"?\."[^"]*"/g, 'a workspace table')
    .replace(/\b(snap|meta)\.[A-Za-z0-9_]+/g, 'a workspace table')
    .replace(/\b([A-Z]+)_LITERAL\b/g, '$1')
    .trim();
}

/** The human places of the SQL parts of these definitions ("SQL rule 2 (plan > 5)", "Metric 'x'"). */
function sqlPlaces(defs: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const def of defs) for (const s of collectSqlSources(def)) out.add(locate(def, s.path) || s.path);
  return [...out];
}

/** `err` as the user should read it; anything not a DuckDB failure passes through unchanged. */
export function humanRunError(err: unknown, defs: readonly unknown[]): unknown {
  if (!(err instanceof ApiError) || err.code !== 'runtime') return err;
  const cls = CLASS.exec(err.message)?.[1];
  if (!cls || !ABOUT_THE_SQL.has(cls)) return err; // disk, memory and I/O failures say what they are already
  const detail = plainDuckDbDetail(err.message);
  const places = sqlPlaces(defs);
  const advice = ADVICE[cls];
  if (advice && places.length > 0) {
    const more = places.length > MAX_PLACES ? ` (or one of ${places.length - MAX_PLACES} more SQL parts)` : '';
    const where = places.slice(0, MAX_PLACES).join('; ') + more;
    const which = places.length === 1 ? 'it' : 'one of them';
    return new ApiError(
      'invalid_input',
      `${where}: DuckDB could not evaluate ${which} on this table (${detail}). ${advice}.`,
      { engine: detail },
    );
  }
  return new ApiError(
    'internal',
    `The engine could not run this definition (${detail}). ` +
      'This is a bug in the app: please report it with the definition.',
    { engine: detail },
  );
}

/** The definitions of `targets`, as far as they load (for naming their SQL parts in a failure). */
export function definitionsOf(ws: Workspace | null, targets: readonly DefinitionTarget[]): unknown[] {
  const out: unknown[] = [];
  for (const t of targets) {
    try {
      out.push(loadTarget(ws, t).definition);
    } catch {
      // A target that does not load failed before any query ran; nothing of it to name.
    }
  }
  return out;
}

/** Run `fn`, turning a DuckDB failure into one the user can act on. */
export async function inUserWords<T>(
  ws: Workspace | null,
  targets: readonly DefinitionTarget[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw humanRunError(err, definitionsOf(ws, targets));
  }
}
