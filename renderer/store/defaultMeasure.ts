/**
 * The measure shown by default wherever one is (the builder's live sum/average, the compare view's
 * KPIs and parts): a money-like numeric field (mrr, revenue, amount, contract value, charges), judged
 * by name since nothing here reads the data, and never an identifier or a yes/no flag stored as 0/1
 * (is_paid, has_sso, SeniorCitizen); else the first other numeric field; else none.
 */

/** Most money-like first. */
const MONEY = [
  /^mrr$/i,
  /mrr/i,
  /revenue/i,
  /amount/i,
  /contract.?value/i,
  /charges?/i,
  /(^|_)arr($|_)/i,
  /price|spend|ltv|billing|value/i,
];
/** Names of identifiers and yes/no flags: never a default measure. */
const NOT_A_MEASURE =
  /(^|_)(id|key|code|zip|index|flag|bool)($|_)|^(is|has|was|can)[_A-Z]|(^|_)(is|has|was|can)_|senior|churn/i;

export interface MeasureCandidate {
  name: string;
}

/** `numeric`: the fields that can be a measure (numbers, not the key), in display order. */
export function pickMeasure(numeric: readonly MeasureCandidate[]): string | null {
  const candidates = numeric.filter((f) => !NOT_A_MEASURE.test(f.name));
  for (const re of MONEY) {
    const f = candidates.find((x) => re.test(x.name));
    if (f) return f.name;
  }
  return candidates[0]?.name ?? null;
}
