/**
 * The operand editor for a condition, chosen by the op's operand shape and the field's family:
 * numbers, text (with suggestions), dates and timestamps, lists, relative periods, calendar periods,
 * percents, and a table/column pair. Inputs edit the rule directly (each change counts live).
 */
import type { Condition } from '../../../shared/segments/model';
import { PERIODS } from '../../../shared/segments/model';
import { UnitSelect } from './UnitSelect';
import { OPERATORS } from '../../../shared/segments/operators';
import type { Family } from '../../../shared/segments/types';
import type { RulePath } from '../../../shared/segments/ruleTree';
import { useWorkbench } from '../../store/react';
import { ListInput } from './ListInput';
import { NumberInput } from './NumberInput';
import { controlId, useRuleEditor } from './ruleEditorContext';
import { ScalarInput } from './ScalarInput';

const periodLabels: Record<(typeof PERIODS)[number], string> = {
  thisMonth: 'this month',
  lastMonth: 'last month',
  nextMonth: 'next month',
  thisQuarter: 'this quarter',
  lastQuarter: 'last quarter',
  nextQuarter: 'next quarter',
  thisYear: 'this year',
  lastYear: 'last year',
};

export function ValueEditor({
  path,
  condition,
  family,
}: {
  path: RulePath;
  condition: Condition;
  family: Family | 'unknown';
}) {
  const scope = useRuleEditor();
  const tables = useWorkbench((s) => s.tables);
  const set = (patch: Partial<Condition>) => scope.edit({ type: 'patchCondition', path, patch });
  const id = (name: string) => controlId(scope, name, path);
  const c = condition;
  switch (OPERATORS[c.op]?.operands) {
    case 'value':
    case 'valueIgnoreCase':
      return (
        <>
          <ScalarInput
            testId={id('value')}
            family={family}
            value={c.value}
            field={c.field}
            onChange={(value) => set({ value })}
          />
          {OPERATORS[c.op].operands === 'valueIgnoreCase' && family === 'string' && (
            <label className="check small" title="Ignore case">
              <input
                type="checkbox"
                checked={c.ignoreCase === true}
                onChange={(e) => set({ ignoreCase: e.target.checked || undefined })}
              />
              Aa
            </label>
          )}
        </>
      );
    case 'range':
      return (
        <>
          <ScalarInput
            testId={id('min')}
            family={family}
            value={c.min}
            field={c.field}
            label="from"
            onChange={(v) => set({ min: typeof v === 'boolean' ? undefined : v })}
          />
          <span className="muted">and</span>
          <ScalarInput
            testId={id('max')}
            family={family}
            value={c.max}
            field={c.field}
            label="to"
            onChange={(v) => set({ max: typeof v === 'boolean' ? undefined : v })}
          />
        </>
      );
    case 'values':
      return (
        <ListInput
          testId={id('values')}
          numeric={family === 'number'}
          values={c.values ?? []}
          field={c.field}
          onChange={(values) => set({ values })}
        />
      );
    case 'text':
    case 'regex':
      return (
        <input
          aria-label="Text"
          data-testid={id('value')}
          className="value-input"
          value={typeof c.value === 'string' ? c.value : ''}
          placeholder={c.op === 'matches' ? 'RE2 pattern' : 'text'}
          onChange={(e) => set({ value: e.target.value })}
        />
      );
    case 'percent':
      return (
        <span className="inline">
          <NumberInput
            label="Percent"
            testId={id('value')}
            value={typeof c.value === 'number' ? c.value : undefined}
            onChange={(value) => set({ value })}
          />
          %
        </span>
      );
    case 'relative':
      return (
        <span className="inline">
          <NumberInput label="Number of units" testId={id('n')} integer value={c.n} onChange={(n) => set({ n })} />
          <UnitSelect label="Unit" testId={id('unit')} value={c.unit ?? 'day'} onChange={(unit) => set({ unit })} />
        </span>
      );
    case 'period':
      return (
        <select
          aria-label="Period"
          data-testid={id('period')}
          value={c.period ?? 'thisQuarter'}
          onChange={(e) => set({ period: e.target.value as (typeof PERIODS)[number] })}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {periodLabels[p]}
            </option>
          ))}
        </select>
      );
    case 'table': {
      const t = tables.find((x) => x.name === c.table);
      return (
        <span className="inline">
          <select
            aria-label="Table"
            value={c.table ?? ''}
            onChange={(e) => set({ table: e.target.value || undefined, column: undefined })}
          >
            <option value="">table…</option>
            {tables.map((x) => (
              <option key={x.name}>{x.name}</option>
            ))}
          </select>
          <select
            aria-label="Column"
            value={c.column ?? ''}
            disabled={!t}
            onChange={(e) => set({ column: e.target.value || undefined })}
          >
            <option value="">column…</option>
            {t?.columns.map((col) => (
              <option key={col.name}>{col.name}</option>
            ))}
          </select>
        </span>
      );
    }
    default:
      return null;
  }
}
