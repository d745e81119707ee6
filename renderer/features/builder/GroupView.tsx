/**
 * A group of the rule (all/any, optionally negated) with its children and the buttons to add a
 * condition, a group or a SQL rule. Recursive; all edits go through the RuleEditor's edit, at the
 * rule's location (a segment's `where`, a tier's, an aggregate's filter).
 */
import type { Diagnostic, Rule } from '../../../shared/segments/model';
import type { FieldOption } from '../../store/builder/conditions';
import { newCondition } from '../../store/builder/conditions';
import { childrenOf, diagnosticPath, type RulePath } from '../../../shared/segments/ruleTree';
import { ConditionRow } from './ConditionRow';
import { diagnosticsFor } from './diagnostics';
import { controlId, useRuleEditor } from './ruleEditorContext';
import { SqlRuleRow } from './SqlRuleRow';

export interface GroupViewProps {
  path: RulePath;
  rule: Rule;
  fields: FieldOption[];
  diagnostics: Diagnostic[];
  depth: number;
}

export function GroupView({ path, rule, fields, diagnostics, depth }: GroupViewProps) {
  const scope = useRuleEditor();
  const { edit } = scope;
  const dpath = diagnosticPath(scope.root, path, scope.rootPath);
  const id = (name: string, p: RulePath = path) => controlId(scope, name, p);

  if ('not' in rule) {
    return (
      <div className="rule-not" data-testid={id('not')}>
        <div className="not-label">
          <span>NOT</span>
          <button
            type="button"
            className="btn small"
            title="Remove the NOT"
            onClick={() => edit({ type: 'toggleNot', path })}
          >
            un-negate
          </button>
        </div>
        <RuleNode path={[...path, 0]} rule={rule.not} fields={fields} diagnostics={diagnostics} depth={depth + 1} />
      </div>
    );
  }
  const kind = 'all' in rule ? 'all' : 'any';
  const kids = childrenOf(rule) ?? [];
  const first = fields.find((f) => !f.isMetric) ?? fields[0];
  return (
    <div
      className={`rule-group depth-${depth % 3}`}
      data-testid={id('group')}
      role="group"
      aria-label={`${kind === 'all' ? 'All' : 'Any'} of`}
    >
      <div className="group-head">
        <select
          aria-label="Match"
          data-testid={id('group-kind')}
          value={kind}
          onChange={(e) => edit({ type: 'setKind', path, kind: e.target.value as 'all' | 'any' })}
        >
          <option value="all">All of</option>
          <option value="any">Any of</option>
        </select>
        <span className="muted small">
          {kids.length === 0
            ? kind === 'all'
              ? 'no conditions: every row'
              : 'no conditions: no row'
            : `${kids.length} rule${kids.length > 1 ? 's' : ''}`}
        </span>
        <span className="spacer" />
        {path.length > 0 && (
          <>
            <button
              type="button"
              className="btn small"
              title="Negate this group"
              onClick={() => edit({ type: 'toggleNot', path })}
            >
              NOT
            </button>
            <button
              type="button"
              className="btn small"
              aria-label="Remove group"
              title="Remove group"
              onClick={() => edit({ type: 'remove', path })}
            >
              ✕
            </button>
          </>
        )}
      </div>
      {diagnosticsFor(diagnostics, dpath, false).map((d, i) => (
        <div key={i} className={`diag ${d.severity}`}>
          {d.message}
        </div>
      ))}
      <ol className="group-children">
        {kids.map((child, i) => (
          <li key={i}>
            <RuleNode
              path={[...path, i]}
              rule={child}
              fields={fields}
              diagnostics={diagnostics}
              depth={depth + 1}
              siblings={kids.length}
            />
          </li>
        ))}
      </ol>
      <div className="group-add">
        <button
          type="button"
          className="btn small"
          data-testid={id('add-condition')}
          disabled={!first}
          onClick={() => {
            if (!first) return;
            edit({ type: 'add', group: path, rule: newCondition(first) });
            focusAfterRender(id('field', [...path, kids.length]));
          }}
        >
          + Condition
        </button>
        <button
          type="button"
          className="btn small"
          data-testid={id('add-group')}
          onClick={() => edit({ type: 'add', group: path, rule: kind === 'all' ? { any: [] } : { all: [] } })}
        >
          + Group
        </button>
        <button
          type="button"
          className="btn small"
          data-testid={id('add-sql')}
          onClick={() => edit({ type: 'add', group: path, rule: { sql: '' } })}
        >
          + SQL
        </button>
      </div>
    </div>
  );
}

/** Keyboard flow: a newly added condition gets the focus on its field picker. */
export function focusAfterRender(testId: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus());
}

/** Any node of the rule: a group, a SQL rule or a condition. */
export function RuleNode({
  path,
  rule,
  fields,
  diagnostics,
  depth,
  siblings = 1,
}: GroupViewProps & { siblings?: number }) {
  if ('all' in rule || 'any' in rule || 'not' in rule)
    return <GroupView path={path} rule={rule} fields={fields} diagnostics={diagnostics} depth={depth} />;
  if ('sql' in rule) return <SqlRuleRow path={path} rule={rule} diagnostics={diagnostics} siblings={siblings} />;
  return <ConditionRow path={path} condition={rule} fields={fields} diagnostics={diagnostics} siblings={siblings} />;
}
