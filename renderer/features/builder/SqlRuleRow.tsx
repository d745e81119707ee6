/**
 * A SQL rule (DuckDB boolean expression). Edited in a local buffer and committed on blur or
 * Ctrl+Enter, so each keystroke is not an undo step; the engine validates it (DuckDB parser and
 * allowlist) and its diagnostics show right below.
 */
import { useState } from 'react';
import type { Diagnostic, SqlRule } from '../../../shared/segments/model';
import { diagnosticPath, type RulePath } from '../../store/builder/ruleTree';
import { diagnosticsFor } from './diagnostics';
import { MoveButtons } from './MoveButtons';
import { controlId, useRuleEditor } from './ruleEditorContext';

export function SqlRuleRow({ path, rule, diagnostics, siblings }: { path: RulePath; rule: SqlRule; diagnostics: Diagnostic[]; siblings: number }) {
  const scope = useRuleEditor();
  const { edit } = scope;
  const [text, setText] = useState(rule.sql);
  const [seen, setSeen] = useState(rule.sql);
  if (rule.sql !== seen) {
    // The rule changed from outside (undo/redo): show it.
    setSeen(rule.sql);
    setText(rule.sql);
  }
  const commit = () => {
    if (text !== rule.sql) edit({ type: 'replace', path, rule: { sql: text } });
  };
  const mine = diagnosticsFor(diagnostics, diagnosticPath(scope.root, path, scope.rootPath), true);
  return (
    <div className="condition sql" data-testid={controlId(scope, 'sql', path)}>
      <div className="condition-main">
        <span className="chip">SQL</span>
        <textarea
          aria-label="SQL expression"
          spellCheck={false}
          rows={2}
          value={text}
          placeholder="e.g. active_seats >= 0.9 * seats"
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
          }}
        />
        <MoveButtons path={path} siblings={siblings} />
        <button type="button" className="btn small" aria-label="Remove SQL rule" onClick={() => edit({ type: 'remove', path })}>
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
