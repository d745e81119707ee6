/**
 * A number field that keeps the typed text (see numberText.ts): typing 2 over the default 0 gives
 * 2, partial input ("-", "1e") stays on screen marked invalid without changing the rule, and an
 * outside change (undo, a new op) replaces the text. A field still holding 0 selects itself on
 * focus, so typing replaces it. A condition's value (`acceptText`) takes text that is no number
 * at all ("abc") as text, so the message beside the condition can say "mrr is a number; 'abc' is not"
 * (a type=number input would silently drop it).
 */
import { useState } from 'react';
import { isNumberPrefix, normalizeNumberText, numberText, parseNumberText } from './numberText';

export interface NumberInputProps {
  value: number | undefined;
  /** Text that cannot become a number reaches onChange as that text (validation names it). */
  acceptText?: false;
  label: string;
  testId?: string;
  className?: string;
  /** Whole numbers only (counts of units, window lengths). */
  integer?: boolean;
  onChange(value: number | undefined): void;
}

export interface TextOrNumberInputProps extends Omit<NumberInputProps, 'value' | 'acceptText' | 'onChange'> {
  value: number | string | undefined;
  acceptText: true;
  onChange(value: number | string | undefined): void;
}

const meaning = (text: string, acceptText: boolean): number | string | undefined | null => {
  const n = parseNumberText(text);
  return n === null && acceptText && !isNumberPrefix(text) ? text.trim() : n;
};

const shownText = (value: number | string | undefined) => (typeof value === 'string' ? value : numberText(value));

export function NumberInput(props: NumberInputProps | TextOrNumberInputProps) {
  const { value, label, testId, className, integer } = props;
  const acceptText = props.acceptText === true;
  const onChange = props.onChange as (value: number | string | undefined) => void;
  const [text, setText] = useState(shownText(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (meaning(text, acceptText) !== value) setText(shownText(value));
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
        const n = meaning(next, acceptText);
        if (n !== null && n !== value) onChange(n);
      }}
    />
  );
}
