/**
 * One scalar operand fit for the field's family: number, date, timestamp (entered in UTC, stored
 * as ISO 8601 with Z), or text with suggestions from the column's top values.
 */
import type { Family } from '../../../shared/segments/types';
import { NumberInput } from './NumberInput';
import { Suggestions, useSuggestionLoader } from './Suggestions';

export interface ScalarInputProps {
  family: Family | 'unknown';
  value: string | number | boolean | undefined;
  field: string;
  label?: string;
  testId: string;
  onChange(value: string | number | undefined): void;
}

export function ScalarInput({ family, value, field, label, testId, onChange }: ScalarInputProps) {
  const loadSuggestions = useSuggestionLoader(field);
  if (family === 'number' || family === 'unknown') {
    return (
      <NumberInput
        acceptText
        label={label ?? 'Value'}
        testId={testId}
        value={typeof value === 'boolean' ? String(value) : value}
        onChange={onChange}
      />
    );
  }
  if (family === 'date') {
    return (
      <input
        aria-label={label ?? 'Date'}
        data-testid={testId}
        className="value-input"
        type="date"
        value={typeof value === 'string' ? value.slice(0, 10) : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    );
  }
  if (family === 'timestamp') {
    const shown = typeof value === 'string' ? value.replace(/Z$/, '').slice(0, 16) : '';
    return (
      <input
        aria-label={label ?? 'Timestamp (UTC)'}
        title="UTC"
        data-testid={testId}
        className="value-input"
        type="datetime-local"
        value={shown}
        onChange={(e) =>
          onChange(
            e.target.value ? `${e.target.value.length === 16 ? `${e.target.value}:00` : e.target.value}Z` : undefined,
          )
        }
      />
    );
  }
  const listId = `sugg-${testId}`;
  return (
    <>
      <input
        aria-label={label ?? 'Value'}
        data-testid={testId}
        className="value-input"
        list={listId}
        onFocus={loadSuggestions}
        value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value)}
      />
      <Suggestions id={listId} field={field} />
    </>
  );
}
