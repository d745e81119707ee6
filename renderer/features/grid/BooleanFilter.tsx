/**
 * Column filter for BOOLEAN columns (AG Grid Community has none): true / false / empty. The model
 * ({ filterType: 'boolean', type }) travels to the datasource like the provided filters' models and
 * becomes a GridFilter there; rows are filtered by DuckDB, so doesFilterPass never decides anything.
 */
import { useCallback } from 'react';
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';

export interface BooleanFilterModel {
  filterType: 'boolean';
  type: 'true' | 'false' | 'blank';
}

const choices: { type: BooleanFilterModel['type'] | null; label: string }[] = [
  { type: null, label: 'All' },
  { type: 'true', label: 'true' },
  { type: 'false', label: 'false' },
  { type: 'blank', label: 'empty (NULL)' },
];

export function BooleanFilter({ model, onModelChange, column }: CustomFilterProps<unknown, unknown, BooleanFilterModel>) {
  // Server-side row model: DuckDB filters; the grid never asks rows individually.
  const doesFilterPass = useCallback(() => true, []);
  useGridFilter({ doesFilterPass });
  const name = `bool-${column.getColId()}`;
  return (
    <div className="bool-filter" role="radiogroup" aria-label="Show rows where the value is">
      {choices.map((c) => (
        <label key={c.label}>
          <input type="radio" name={name} checked={(model?.type ?? null) === c.type} onChange={() => onModelChange(c.type ? { filterType: 'boolean', type: c.type } : null)} />
          {c.label}
        </label>
      ))}
    </div>
  );
}
