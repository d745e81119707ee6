/**
 * Column filter for BOOLEAN columns (AG Grid Community has none): true / false / empty, and for ✓
 * membership columns (members / not members; filterParams.labels). The model
 * ({ filterType: 'boolean', type }) travels to the datasource like the provided filters' models and
 * becomes a GridFilter there; rows are filtered by DuckDB, so doesFilterPass never decides anything.
 */
import { useCallback } from 'react';
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';

export interface BooleanFilterModel {
  filterType: 'boolean';
  type: 'true' | 'false' | 'blank';
}

export interface BooleanFilterLabels {
  true: string;
  false: string;
  /** null: the column has no NULLs (a ✓ membership column), so no "empty" choice. */
  blank: string | null;
}

const DEFAULT_LABELS: BooleanFilterLabels = { true: 'true', false: 'false', blank: 'empty (NULL)' };

function choicesOf(labels: BooleanFilterLabels): { type: BooleanFilterModel['type'] | null; label: string }[] {
  const out: { type: BooleanFilterModel['type'] | null; label: string }[] = [
    { type: null, label: 'All' },
    { type: 'true', label: labels.true },
    { type: 'false', label: labels.false },
  ];
  if (labels.blank !== null) out.push({ type: 'blank', label: labels.blank });
  return out;
}

type BooleanFilterProps = CustomFilterProps<unknown, unknown, BooleanFilterModel> & { labels?: BooleanFilterLabels };

export function BooleanFilter({ model, onModelChange, column, labels }: BooleanFilterProps) {
  const choices = choicesOf(labels ?? DEFAULT_LABELS);
  // Server-side row model: DuckDB filters; the grid never asks rows individually.
  const doesFilterPass = useCallback(() => true, []);
  useGridFilter({ doesFilterPass });
  const name = `bool-${column.getColId()}`;
  return (
    <div
      className="bool-filter"
      role="radiogroup"
      aria-label="Show rows where the value is"
      data-testid={`bool-filter-${column.getColId()}`}
    >
      {choices.map((c) => (
        <label key={c.label}>
          <input
            type="radio"
            name={name}
            checked={(model?.type ?? null) === c.type}
            onChange={() => onModelChange(c.type ? { filterType: 'boolean', type: c.type } : null)}
          />
          {c.label}
        </label>
      ))}
    </div>
  );
}
