/**
 * The text of a number field, kept apart from the number it means: a controlled `type=number`
 * input with a value of 0 showed "02" after typing 2 (React leaves "02" alone because it equals 2),
 * and partial input such as "-" or "1e" read as empty. Number fields keep what the user typed,
 * without leading zeros, and hand the store a number only when the text is one.
 */

/** "02" → "2", "-007.5" → "-7.5", "00" → "0", ".5" stays; anything else is left as typed. */
export function normalizeNumberText(text: string): string {
  const t = text.trim();
  const m = /^([+-]?)0+(?=\d)(.*)$/.exec(t);
  return m ? `${m[1]}${m[2]}` : t;
}

/**
 * What the text means: a finite number, `undefined` for an empty field, or `null` while it is not
 * (yet) a number ("-", "1e", "abc"): the store keeps its last value and the field is marked.
 */
export function parseNumberText(text: string): number | undefined | null {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The text a stored number shows as (exact: no rounding, no grouping). */
export function numberText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/**
 * Text on its way to being a number ("-", "1.", "1e", "1e-"): the field keeps the rule's last value
 * meanwhile. Anything else that is not a number ("abc") is what the user means to write.
 */
export function isNumberPrefix(text: string): boolean {
  return /^[+-]?(\d*\.?\d*)(e[+-]?\d*)?$/i.test(text.trim());
}
