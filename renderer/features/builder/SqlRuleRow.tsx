/**
 * A SQL rule (DuckDB boolean expression), edited in place like the other conditions: every change
 * goes to the rule, so it is validated (DuckDB parser and allowlist, by the engine) and counted
 * while typing; a burst of typing is one undo step (the store coalesces it). Diagnostics show right
 * below.
 */
import type { Diagnostic, SqlRule } from '../../../shared/segments/model';
import { diagnosticPath, type RulePath } from '../../../shared/segments/ruleTree';
import { diagnosticsFor } from './diagnostics';
import { MoveButtons } from './MoveButtons';
import { controlId, useRuleEditor } from './ruleEditorContext';

export function SqlRuleRow({
  path,
  rule,
  diagnostics,
  siblings,
}: {
  path: RulePath;
  rule: SqlRule;
  diagnostics: Diagnostic[];
  siblings: number;
}) {
  const scope = useRuleEditor();
  const { edit } = scope;
  const mine = diagnosticsFor(diagnostics, diagnosticPath(scope.root, path, scope.rootPath), true);
  return (
    <div className="condition sql" data-testid={controlId(scope, 'sql', path)}>
      <div className="condition-main">
        <span className="chip">SQL</span>
        <textarea
          aria-label="SQL expression"
          spellCheck={false}
          rows={2}
          value={rule.sql}
          placeholder="e.g. active_seats >= 0.9 * seats"
          onChange={(e) => edit({ type: 'replace', path, rule: { sql: e.target.value } })}
        />
        <MoveButtons path={path} siblings={siblings} />
        <button
          type="button"
          className="btn small"
          aria-label="Remove SQL rule"
          title="Remove SQL rule"
          onClick={() => edit({ type: 'remove', path })}
        >
          ✕
        </button>
      </div>
      {mine.map((d, i) => (
        <div key={i} className={`diag ${d.severity}`}>
          {d.message}
        </div>
      ))}
    </div>
  );
}
