/**
 * One condition: field (typed), op (only those valid for the field's type), value editor fit for
 * the op, and move/negate/remove. Diagnostics for it show right below. A numeric comparison of a
 * segment's rule (lt, lte, gt, gte) has a button that opens the threshold explorer under it.
 */
import type { Condition, Diagnostic, Op } from '../../../shared/segments/model';
import { OPERATORS } from '../../../shared/segments/operators';
import { opsFor, withField, withOp, type FieldOption } from '../../store/builder/conditions';
import { diagnosticPath, type RulePath } from '../../../shared/segments/ruleTree';
import { typeIcon, typeFamily } from '../grid/columnTypes';
import { diagnosticsFor } from './diagnostics';
import { MoveButtons } from './MoveButtons';
import { controlId, useRuleEditor } from './ruleEditorContext';
import { ValueEditor } from './ValueEditor';
import { canExplore } from '../../store/overTimeThreshold';
import { useWorkbench } from '../../store/react';
import { ThresholdExplorer } from '../overTime/ThresholdExplorer';

export interface ConditionRowProps {
  path: RulePath;
  condition: Condition;
  fields: FieldOption[];
  diagnostics: Diagnostic[];
  siblings: number;
}

export function ConditionRow({ path, condition, fields, diagnostics, siblings }: ConditionRowProps) {
  const scope = useRuleEditor();
  const { edit } = scope;
  const field = fields.find((f) => f.name === condition.field);
  const family = field?.family ?? 'unknown';
  const ops = opsFor(family);
  const mine = diagnosticsFor(diagnostics, diagnosticPath(scope.root, path, scope.rootPath), true);
  const id = (name: string) => controlId(scope, name, path);
  const replace = (rule: Condition) => edit({ type: 'replace', path, rule });
  const where = diagnosticPath(scope.root, path, scope.rootPath);
  // The explorer moves a segment's own threshold (not a tier's or an aggregate filter's).
  const explorable = scope.at.kind === 'where' && canExplore(condition, family);
  const exploring = useWorkbench((s) => s.threshold?.path === where && scope.at.kind === 'where');
  const toggleExplorer = useWorkbench((s) => s.toggleThresholdExplorer);
  return (
    <div
      className={`condition${mine.some((d) => d.severity === 'error') ? ' has-error' : ''}`}
      data-testid={id('condition')}
    >
      <div className="cond-grid">
        <select
          aria-label="Field"
          title={condition.field}
          data-testid={id('field')}
          value={condition.field}
          onChange={(e) => {
            const next = fields.find((f) => f.name === e.target.value);
            if (next) replace(withField(condition, next, field));
          }}
        >
          {!field && <option value={condition.field}>{condition.field} (unknown)</option>}
          <optgroup label="Columns">
            {fields
              .filter((f) => !f.isMetric)
              .map((f) => (
                <option key={f.name} value={f.name}>
                  {typeIcon(typeFamily(f.type ?? ''))} {f.name}
                </option>
              ))}
          </optgroup>
          {fields.some((f) => f.isMetric) && (
            <optgroup label="Metrics">
              {fields
                .filter((f) => f.isMetric)
                .map((f) => (
                  <option key={f.name} value={f.name}>
                    ƒ {f.name}
                  </option>
                ))}
            </optgroup>
          )}
        </select>
        <select
          aria-label="Operator"
          data-testid={id('op')}
          value={condition.op}
          onChange={(e) => replace(withOp(condition, e.target.value as Op, family))}
        >
          {!ops.includes(condition.op) && (
            <option value={condition.op}>{OPERATORS[condition.op]?.label ?? condition.op}</option>
          )}
          {ops.map((op) => (
            <option key={op} value={op}>
              {OPERATORS[op].label}
            </option>
          ))}
        </select>
        <span className="cond-value">
          <ValueEditor path={path} condition={condition} family={family} />
        </span>
        <span className="cond-actions">
          {(explorable || exploring) && (
            <button
              type="button"
              className={`btn small cond-explore${exploring ? ' on' : ''}`}
              title="Threshold explorer: the segment's size (and an outcome) as this threshold moves"
              aria-label="Explore this threshold"
              aria-expanded={exploring}
              data-testid={id('explore')}
              onClick={() => toggleExplorer(path, where)}
            >
              ⟷
            </button>
          )}
          <MoveButtons path={path} siblings={siblings} />
          <button
            type="button"
            className="btn small"
            title="Negate"
            aria-label="Negate condition"
            onClick={() => edit({ type: 'toggleNot', path })}
          >
            ¬
          </button>
          <button
            type="button"
            className="btn small"
            aria-label="Remove condition"
            title="Remove condition"
            data-testid={id('remove')}
            onClick={() => edit({ type: 'remove', path })}
          >
            ✕
          </button>
        </span>
      </div>
      {mine.map((d, i) => (
        <div key={i} className={`diag ${d.severity}`} data-testid="diagnostic">
          {d.message}
        </div>
      ))}
      {exploring && <ThresholdExplorer />}
    </div>
  );
}
