/**
 * A list of values typed comma-separated (numbers or text). The text being typed is kept locally
 * so a trailing comma or space survives; the parsed list goes to the rule on every change.
 */
import { useState } from 'react';
import { Suggestions, useSuggestionLoader } from './Suggestions';

export function parseList(text: string, numeric: boolean): (string | number)[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return numeric ? parts.map(Number).filter((n) => Number.isFinite(n)) : parts;
}

export function ListInput({
  values,
  numeric,
  field,
  testId,
  onChange,
}: {
  values: (string | number)[];
  numeric: boolean;
  field: string;
  testId: string;
  onChange(values: (string | number)[]): void;
}) {
  const joined = values.join(', ');
  const [text, setText] = useState(joined);
  const [seen, setSeen] = useState(joined);
  if (joined !== seen) {
    setSeen(joined);
    if (JSON.stringify(parseList(text, numeric)) !== JSON.stringify(values)) setText(joined);
  }
  const listId = `sugg-${testId}`;
  const loadSuggestions = useSuggestionLoader(field);
  return (
    <>
      <input
        aria-label="Values, comma-separated"
        data-testid={testId}
        className="value-input wide"
        list={numeric ? undefined : listId}
        placeholder="a, b, c"
        value={text}
        onFocus={numeric ? undefined : loadSuggestions}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseList(e.target.value, numeric));
        }}
      />
      {!numeric && <Suggestions id={listId} field={field} />}
    </>
  );
}
