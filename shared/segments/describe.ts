/**
 * Human-readable text for rules and metrics ("inactive_days ≤ 3", "plan in [pro, enterprise]"),
 * used by version diffs, previews and explain output. Never throws on malformed input.
 */
import { isCondition, type Condition, type Metric, type Rule } from './model';
import { OPERATORS } from './operators';

function value(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? String(v);
}

const PERIOD_WORDS: Record<string, string> = {
  thisMonth: 'this month',
  lastMonth: 'last month',
  nextMonth: 'next month',
  thisQuarter: 'this quarter',
  lastQuarter: 'last quarter',
  nextQuarter: 'next quarter',
  thisYear: 'this year',
  lastYear: 'last year',
};

/** The condition without its field name: "≤ 3", "in the last 7 days", "is empty". */
export function describeOperation(c: Condition): string {
  const spec = OPERATORS[c.op];
  if (!spec) return `${String(c.op)} ?`;
  const ic = c.ignoreCase ? ' (any case)' : '';
  switch (spec.operands) {
    case 'value':
    case 'valueIgnoreCase':
      return `${spec.symbol} ${value(c.value)}${ic}`;
    case 'range':
      return `between ${value(c.min)} and ${value(c.max)}`;
    case 'values':
      return `${spec.symbol} ${value(c.values ?? [])}${ic}`;
    case 'text':
    case 'regex':
      return `${spec.symbol} "${String(c.value)}"`;
    case 'none':
      return spec.label;
    case 'relative':
      return `${spec.label} ${c.n} ${String(c.unit)}${c.n === 1 ? '' : 's'}`;
    case 'period':
      return `in ${PERIOD_WORDS[String(c.period)] ?? String(c.period)}`;
    case 'table':
      return `${spec.symbol} ${String(c.table)}.${String(c.column)}`;
    case 'percent':
      return `in the ${c.op === 'topPercent' ? 'top' : 'bottom'} ${value(c.value)}%`;
  }
}

export function describeRule(rule: Rule): string {
  if (!rule || typeof rule !== 'object') return '?';
  if ('all' in rule)
    return Array.isArray(rule.all)
      ? rule.all.length
        ? `all of (${rule.all.map(describeRule).join('; ')})`
        : 'every row'
      : '?';
  if ('any' in rule)
    return Array.isArray(rule.any)
      ? rule.any.length
        ? `any of (${rule.any.map(describeRule).join('; ')})`
        : 'no row'
      : '?';
  if ('not' in rule) return `not (${describeRule(rule.not)})`;
  if ('sql' in rule && !('field' in rule)) return `SQL: ${rule.sql}`;
  if (isCondition(rule)) return `${rule.field} ${describeOperation(rule)}`;
  return '?';
}

export function describeMetric(m: Metric): string {
  switch (m.kind) {
    case 'daysSince':
      return `days since ${m.of}`;
    case 'expr':
      return `SQL: ${m.sql}`;
    case 'lookup':
      return `${m.from}.${m.column} by ${m.on?.entity} = ${m.on?.related}`;
    case 'aggregate': {
      const what = m.fn === 'count' ? `count of ${m.from}` : `${m.fn} of ${m.from}.${m.of}`;
      const win = m.window
        ? ` with ${m.window.column} in the last ${m.window.n} ${m.window.unit}${m.window.n === 1 ? '' : 's'}`
        : '';
      const where = m.where ? ` where ${describeRule(m.where)}` : '';
      return `${what}${win}${where}`;
    }
    default:
      return '?';
  }
}
