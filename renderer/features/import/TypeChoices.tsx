/**
 * Column types in the import preview (docs/architecture.md, SPEC §10: a few bad values must not silently make a column
 * text). Columns the engine found nearly typed are listed with what it found ("amount: 3 of 5,000
 * values are not numbers, lines 7, 19, 40") and a one-click "Load as numbers"; once any column has a
 * chosen type, the user says what a value that does not fit becomes: a rejected record (listed with
 * its line and value) or an empty cell (NULL). Presentational: every change is a store action.
 */
import type { TypeIssue } from '../../../shared/api/dataApi';
import { useWorkbench } from '../../store/react';

/** Types offered for a column ('' = as the sniffer found it). */
export const IMPORT_TYPES: readonly [string, string][] = [
  ['', 'as found'],
  ['VARCHAR', 'text'],
  ['BIGINT', 'whole numbers'],
  ['DOUBLE', 'numbers'],
  ['DATE', 'dates'],
  ['TIMESTAMP', 'dates and times'],
  ['BOOLEAN', 'true / false'],
];

/** What to call values of a suggested type on a button: "numbers", "dates". */
function many(type: string): string {
  return type === 'DATE' ? 'dates' : type === 'TIMESTAMP' ? 'dates and times' : 'numbers';
}

export function TypeChoices({
  issues,
  warnings,
  unit,
}: {
  issues: readonly TypeIssue[];
  warnings: readonly string[];
  unit: 'line' | 'row';
}) {
  const chosen = useWorkbench((s) => s.importDialog.options.columnTypes ?? {});
  const invalid = useWorkbench((s) => s.importDialog.options.invalidValues ?? 'reject');
  const setType = useWorkbench((s) => s.setImportColumnType);
  const setOptions = useWorkbench((s) => s.setImportOptions);
  const anyChosen = Object.values(chosen).some((t) => t !== '' && t !== 'VARCHAR');
  return (
    <div className="type-choices">
      {issues.length > 0 && (
        <ul className="warnings" data-testid="import-type-issues">
          {issues.map((i) => (
            <li key={i.column} data-testid={`import-type-issue-${i.column}`}>
              {/* The engine's sentence: counts, lines and examples as it found them. */}⚠{' '}
              {warnings.find((w) => w.startsWith(`${i.column}: `)) ??
                `${i.column}: ${i.bad} values are not ${many(i.type)}.`}{' '}
              {chosen[i.column] === i.type ? (
                <button
                  type="button"
                  className="btn small"
                  data-testid={`import-type-undo-${i.column}`}
                  onClick={() => setType(i.column, null)}
                >
                  Keep as text
                </button>
              ) : (
                <button
                  type="button"
                  className="btn small"
                  data-testid={`import-type-fix-${i.column}`}
                  onClick={() => setType(i.column, i.type)}
                >
                  Load as {many(i.type)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {anyChosen && (
        <label className="invalid-choice small">
          Values that do not fit a chosen type:{' '}
          <select
            data-testid="import-invalid-values"
            value={invalid}
            onChange={(e) => void setOptions({ invalidValues: e.target.value as 'reject' | 'null' })}
          >
            <option value="reject">reject their records (listed with {unit} and value)</option>
            <option value="null">load them as empty (NULL)</option>
          </select>
        </label>
      )}
    </div>
  );
}
