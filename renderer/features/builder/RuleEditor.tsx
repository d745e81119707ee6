/**
 * One rule of the definition, edited in place: a segment's `where`, a scheme tier's, or an
 * aggregate metric's filter. It gives the location to the group and condition editors below it
 * (ruleEditorContext) so they edit there; a rule that is a single condition (as files may have it)
 * shows that condition with buttons that group it with a new one.
 */
import { useMemo } from 'react';
import type { Diagnostic, Rule } from '../../../shared/segments/model';
import { newCondition, type FieldOption } from '../../store/builder/conditions';
import type { RuleEdit } from '../../store/builder/ruleEdit';
import { locationIdPrefix, locationPath, type RuleLocation } from '../../store/builder/ruleLocation';
import { isGroup } from '../../../shared/segments/ruleTree';
import { useWorkbench } from '../../store/react';
import { focusAfterRender, GroupView, RuleNode } from './GroupView';
import { controlId, RuleEditorProvider, type RuleEditorScope } from './ruleEditorContext';

export interface RuleEditorProps {
  at: RuleLocation;
  rule: Rule;
  fields: FieldOption[];
  diagnostics: Diagnostic[];
  /** The related table the conditions read (an aggregate's filter); null for the entity's. */
  table?: string | null;
  /** A saved version shown read-only: nothing edits the draft. */
  readOnly?: boolean;
}

const ignore = (_edit: RuleEdit) => undefined;

export function RuleEditor({ at, rule, fields, diagnostics, table = null, readOnly = false }: RuleEditorProps) {
  const editRule = useWorkbench((s) => s.editRule);
  const kind = at.kind;
  const index = at.kind === 'where' ? 0 : at.index;
  const scope = useMemo<RuleEditorScope>(() => {
    const loc: RuleLocation = kind === 'where' ? { kind } : { kind, index };
    return {
      at: loc,
      root: rule,
      rootPath: locationPath(loc),
      idPrefix: locationIdPrefix(loc),
      table,
      edit: readOnly ? ignore : (e) => editRule(e, loc),
    };
  }, [kind, index, rule, table, readOnly, editRule]);
  return (
    <RuleEditorProvider value={scope}>
      {isGroup(rule) ? (
        <GroupView path={[]} rule={rule} fields={fields} diagnostics={diagnostics} depth={0} />
      ) : (
        <SingleRule rule={rule} fields={fields} diagnostics={diagnostics} scope={scope} />
      )}
    </RuleEditorProvider>
  );
}

/** A rule that is one condition or SQL rule: shown as it is; adding to it groups it (all of) with the new rule. */
function SingleRule({
  rule,
  fields,
  diagnostics,
  scope,
}: {
  rule: Rule;
  fields: FieldOption[];
  diagnostics: Diagnostic[];
  scope: RuleEditorScope;
}) {
  const first = fields.find((f) => !f.isMetric) ?? fields[0];
  return (
    <div
      className="rule-group depth-0 single-rule"
      data-testid={controlId(scope, 'group', [])}
      role="group"
      aria-label="One rule"
    >
      <RuleNode path={[]} rule={rule} fields={fields} diagnostics={diagnostics} depth={1} />
      <div className="group-add">
        <button
          type="button"
          className="btn small"
          data-testid={controlId(scope, 'add-condition', [])}
          disabled={!first}
          title="Add a condition: both must hold"
          onClick={() => {
            if (!first) return;
            scope.edit({ type: 'wrap', path: [], kind: 'all', add: newCondition(first) });
            focusAfterRender(controlId(scope, 'field', [1]));
          }}
        >
          + Condition
        </button>
        <button
          type="button"
          className="btn small"
          data-testid={controlId(scope, 'add-group', [])}
          title="Add a group: both must hold"
          onClick={() => scope.edit({ type: 'wrap', path: [], kind: 'all', add: { any: [] } })}
        >
          + Group
        </button>
      </div>
    </div>
  );
}
