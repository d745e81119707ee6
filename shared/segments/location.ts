/**
 * Human names for places in a definition (issue 11 item 4): a diagnostic at `where.all[1].value`
 * reads "Condition 2 (mrr ≥ abc)", one at `tiers[0].where.any[2]` "Tier 'High' › condition 3 (…)".
 * Conditions are numbered as the builder shows them: 1-based within their group, nested groups
 * joined by dots (2.1); `not` adds no number. Works on unknown JSON and never throws; a path it
 * cannot name gives ''. The JSON path stays in the diagnostic's `path` for tools and small print.
 */
import { describeOperation } from './describe';
import { OPERATORS } from './operators';
import type { Condition, Diagnostic } from './model';

type Seg = string | number;
const MAX_DESCRIPTION = 48;
/** An `in` list may hold 100,000 values: a label shows the first few. */
const LIST_PREVIEW = 3;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `tiers[2].where.all[1]` → ['tiers', 2, 'where', 'all', 1]. */
export function parsePath(path: string): Seg[] {
  const out: Seg[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function clip(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

/** "mrr ≥ abc", the list shortened; never throws on a malformed condition. */
function describeCondition(c: Record<string, unknown>): string {
  const field = typeof c.field === 'string' ? c.field : '?';
  if (typeof c.op !== 'string' || !Object.prototype.hasOwnProperty.call(OPERATORS, c.op)) {
    return clip(`${field} ${String(c.op ?? '?')}`);
  }
  const long = Array.isArray(c.values) && c.values.length > LIST_PREVIEW;
  const values = long ? [...(c.values as unknown[]).slice(0, LIST_PREVIEW), '…'] : c.values;
  // A missing operand shows as "…" (the message says it is missing), never as "undefined".
  const shown = { ...c, values, value: c.value ?? '…', min: c.min ?? '…', max: c.max ?? '…' };
  return clip(`${field} ${describeOperation(shown as unknown as Condition)}`);
}

function describeNode(node: unknown, negated: boolean): { noun: string; text: string } {
  const not = negated ? 'not ' : '';
  if (isRecord(node) && typeof node.sql === 'string' && !('field' in node)) {
    return { noun: 'SQL rule', text: node.sql.trim() ? clip(`${not}${node.sql.trim()}`) : 'empty' };
  }
  if (isRecord(node) && 'field' in node) return { noun: 'Condition', text: `${not}${describeCondition(node)}` };
  if (isRecord(node) && Array.isArray(node.any)) return { noun: 'Group', text: `${not}any of ${node.any.length}` };
  if (isRecord(node) && Array.isArray(node.all)) return { noun: 'Group', text: `${not}all of ${node.all.length}` };
  return { noun: 'Rule', text: '' };
}

/** The label of the rule that `segs` (relative to `root`) reaches; '' for the root group itself. */
function ruleLabel(root: unknown, segs: readonly Seg[]): string {
  let node = root;
  let negated = false;
  const numbers: number[] = [];
  let i = 0;
  while (i < segs.length) {
    const k = segs[i];
    const n = segs[i + 1];
    if ((k === 'all' || k === 'any') && typeof n === 'number' && isRecord(node) && Array.isArray(node[k])) {
      numbers.push(n + 1);
      node = (node[k] as unknown[])[n];
      negated = false;
      i += 2;
    } else if (k === 'not' && isRecord(node) && 'not' in node) {
      node = node.not;
      negated = !negated;
      i += 1;
    } else break;
  }
  const { noun, text } = describeNode(node, negated);
  const rest = segs.slice(i);
  const item = rest[0] === 'values' && typeof rest[1] === 'number' ? `, value ${rest[1] + 1}` : '';
  const described = text ? ` (${text})` : '';
  if (numbers.length === 0)
    return noun === 'Group' ? '' : `The ${noun === 'SQL rule' ? noun : noun.toLowerCase()}${described}${item}`;
  return `${noun} ${numbers.join('.')}${described}${item}`;
}

/** "Condition 1 (…)" → "condition 1 (…)" after a "›"; "SQL rule" keeps its capitals. */
const lower = (label: string) => (label.startsWith('SQL') ? label : label.charAt(0).toLowerCase() + label.slice(1));

/** The human name of `path` within `def` (a segment or scheme definition), or '' when it has none. */
export function locate(def: unknown, path: string): string {
  const segs = parsePath(path);
  const d = isRecord(def) ? def : {};
  const [head, index] = segs;
  if (head === 'where') return ruleLabel(d.where, segs.slice(1)) || 'The rule';
  if (head === 'tiers' && typeof index === 'number') {
    const tier = Array.isArray(d.tiers) ? (d.tiers as unknown[])[index] : undefined;
    const named = isRecord(tier) && typeof tier.name === 'string' && tier.name.trim() !== '';
    const name = named ? `Tier '${String(tier.name)}'` : `Tier ${index + 1}`;
    if (segs[2] === 'name') return `Tier ${index + 1} name`;
    if (segs[2] !== 'where') return name;
    const inner = ruleLabel(isRecord(tier) ? tier.where : undefined, segs.slice(3));
    return inner ? `${name} › ${lower(inner)}` : name;
  }
  if (head === 'otherwise') return 'The "otherwise" tier';
  if (head === 'metrics' && typeof index === 'number') {
    const m = Array.isArray(d.metrics) ? (d.metrics as unknown[])[index] : undefined;
    const name = isRecord(m) && typeof m.name === 'string' && m.name ? `Metric '${m.name}'` : `Metric ${index + 1}`;
    if (segs[2] !== 'where') return name;
    const inner = ruleLabel(isRecord(m) ? m.where : undefined, segs.slice(3));
    return `${name} filter${inner ? ` › ${lower(inner)}` : ''}`;
  }
  if (head === 'entity') return segs[1] === 'key' ? 'The key column' : 'The table';
  if (head === 'asOf') return 'The as-of date';
  return '';
}

/** The text of a diagnostic without the `path: ` prefix diag() gives it. */
export function diagnosticText(d: Diagnostic): string {
  return d.path && d.message.startsWith(`${d.path}: `) ? d.message.slice(d.path.length + 2) : d.message;
}

/**
 * One line for text output (CLI, error messages): the message, then its JSON path when the message
 * leads with a human label instead ("Condition 2 (…): … (at versions[0].definition.where.all[1])").
 */
export function diagnosticLine(d: Diagnostic): string {
  return d.path && !d.message.startsWith(`${d.path}: `) ? `${d.message} (at ${d.path})` : d.message;
}

/**
 * Messages that start with the human name of their place instead of the JSON path (which stays in
 * `path`). A label costs a walk down the path and a clipped description, so 100,000 diagnostics of
 * a long `in` list stay cheap.
 */
export function labelDiagnostics<D extends Diagnostic>(def: unknown, diags: readonly D[]): D[] {
  const cache = new Map<string, string>();
  const out: D[] = [];
  for (const d of diags) {
    let label = cache.get(d.path);
    if (label === undefined) cache.set(d.path, (label = locate(def, d.path)));
    out.push(label && d.message.startsWith(`${d.path}: `) ? { ...d, message: `${label}: ${diagnosticText(d)}` } : d);
  }
  return out;
}
