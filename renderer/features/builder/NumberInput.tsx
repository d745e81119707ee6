/**
 * A number field that keeps the typed text (see numberText.ts): typing 2 over the default 0 gives
 * 2, partial input ("-", "1e") stays on screen marked invalid without changing the rule, and an
 * outside change (undo, a new op) replaces the text. A field still holding 0 selects itself on
 * focus, so typing replaces it.
 */
import { useState } from 'react';
import { normalizeNumberText, numberText, parseNumberText } from './numberText';

export interface NumberInputProps {
  value: number | undefined;
  label: string;
  testId?: string;
  className?: string;
  /** Whole numbers only (counts of units, window lengths). */
  integer?: boolean;
  onChange(value: number | undefined): void;
}

export function NumberInput({ value, label, testId, className, integer, onChange }: NumberInputProps) {
  const [text, setText] = useState(numberText(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (parseNumberText(text) !== value) setText(numberText(value));
  }
  const parsed = parseNumberText(text);
  const invalid = parsed === null || (integer === true && parsed !== undefined && !Number.isInteger(parsed));
  return (
    <input
      aria-label={label}
      aria-invalid={invalid || undefined}
      title={invalid ? `${text} is not a ${integer ? 'whole number' : 'number'}` : undefined}
      data-testid={testId}
      className={`${className ?? 'value-input narrow'}${invalid ? ' invalid' : ''}`}
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      value={text}
      onFocus={(e) => {
        if (e.currentTarget.value === '0') e.currentTarget.select();
      }}
      onChange={(e) => {
        const next = normalizeNumberText(e.target.value);
        setText(next);
        const n = parseNumberText(next);
        if (n !== null && n !== value) onChange(n);
      }}
    />
  );
}
