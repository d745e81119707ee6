/**
 * Resolving a definition's `asOf` (§3) to the one instant a measurement uses: `fixed` — the date's
 * midnight UTC or the given timestamp; `snapshot` — midnight UTC of the snapshot's as-of date;
 * `now` — the instant the measurement starts. An override (CLI `--as-of`, the app's choice) wins.
 * Returns ISO 8601 with `Z` (what `CompileContext.asOf.at` takes), or an error text.
 */
import { isoInstant, parseInstant } from './dates';
import type { AsOf } from './model';

export interface AsOfInputs {
  /** The snapshot's as-of date, YYYY-MM-DD (for `snapshot`). */
  snapshotAsOf?: string;
  /** When the measurement starts (for `now`). */
  now: Date;
  /** A date or timestamp that overrides the definition's as-of. */
  override?: string;
}

export type ResolvedAsOf = { ok: true; at: string; source: 'override' | AsOf['kind'] } | { ok: false; error: string };

function instant(text: string, what: string): ResolvedAsOf | { ok: true; at: string } {
  const parsed = parseInstant(text);
  if (!parsed) return { ok: false, error: `${what} '${text}' is not a date (YYYY-MM-DD) or an ISO 8601 timestamp` };
  return { ok: true, at: isoInstant(parsed.micros) };
}

export function resolveAsOf(asOf: AsOf | undefined, inputs: AsOfInputs): ResolvedAsOf {
  if (inputs.override !== undefined) {
    const r = instant(inputs.override, 'as-of');
    return r.ok ? { ok: true, at: r.at, source: 'override' } : r;
  }
  const kind = asOf?.kind ?? 'snapshot';
  if (kind === 'now') return { ok: true, at: isoInstant(inputs.now.getTime() * 1000), source: 'now' };
  if (kind === 'fixed') {
    const r = instant((asOf as { at: string }).at, 'fixed as-of');
    return r.ok ? { ok: true, at: r.at, source: 'fixed' } : r;
  }
  if (!inputs.snapshotAsOf) return { ok: false, error: 'as-of is the snapshot date, but no snapshot date was given' };
  const r = instant(inputs.snapshotAsOf, 'snapshot as-of');
  return r.ok ? { ok: true, at: r.at, source: 'snapshot' } : r;
}
