/**
 * One scalar operand fit for the field's family: number, date, timestamp (entered in UTC, stored
 * as ISO 8601 with Z), or text with suggestions from the column's top values.
 */
import { useState } from 'react';
import type { Family } from '../../../shared/segments/types';
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
    return <NumberInput label={label ?? 'Value'} testId={testId} value={value} onChange={onChange} />;
  }
  if (family === 'date') {
    return <input aria-label={label ?? 'Date'} data-testid={testId} className="value-input" type="date" value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={(e) => onChange(e.target.value || undefined)} />;
  }
  if (family === 'timestamp') {
    const shown = typeof value === 'string' ? value.replace(/Z$/, '').slice(0, 16) : '';
    return (
      <input aria-label={label ?? 'Timestamp (UTC)'} title="UTC" data-testid={testId} className="value-input" type="datetime-local" value={shown}
        onChange={(e) => onChange(e.target.value ? `${e.target.value.length === 16 ? `${e.target.value}:00` : e.target.value}Z` : undefined)} />
    );
  }
  const listId = `sugg-${testId}`;
  return (
    <>
      <input aria-label={label ?? 'Value'} data-testid={testId} className="value-input" list={listId} onFocus={loadSuggestions} value={typeof value === 'string' ? value : value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />
      <Suggestions id={listId} field={field} />
    </>
  );
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Typed text as an operand: a number when it reads as one, else the text itself (validation names it). */
function parseNumberText(text: string): string | number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return NUMBER_TEXT.test(t) ? Number(t) : t;
}

/**
 * A number operand as text (not type=number, which silently drops what is not a number): "abc"
 * stays visible and reaches the rule as text, so the message beside the condition can say
 * "mrr is a number; 'abc' is not". What was typed is kept while it means the current value ("1.").
 */
function NumberInput({ label, testId, value, onChange }: Pick<ScalarInputProps, 'testId' | 'value' | 'onChange'> & { label: string }) {
  const [text, setText] = useState('');
  const shown = parseNumberText(text) === value ? text : value === undefined ? '' : String(value);
  return (
    <input aria-label={label} data-testid={testId} className="value-input narrow" inputMode="decimal" value={shown}
      onChange={(e) => { setText(e.target.value); onChange(parseNumberText(e.target.value)); }} />
  );
}
