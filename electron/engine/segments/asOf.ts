/**
 * As-of resolution (SPEC §3): one instant per measurement. `fixed` — the date's midnight UTC or the
 * given timestamp; `snapshot` — midnight UTC of the entity snapshot's as-of date; `now` — the instant
 * the run starts. An override (CLI `--as-of`, the app's choice) wins and is recorded as such.
 */
import { ApiError } from '../../../shared/api/protocol';
import { isoInstant, parseInstant } from '../../../shared/segments/dates';
import type { CountResult } from '../../../shared/api/segmentsApi';

export interface ResolvedAsOf {
  /** Microseconds since the epoch, UTC. */
  micros: number;
  /** ISO 8601 with Z. */
  iso: string;
  source: CountResult['asOfSource'];
}

function instant(text: string, what: string): number {
  const parsed = parseInstant(text);
  if (!parsed) throw new ApiError('invalid_input', `${what} '${text}' is not a date (YYYY-MM-DD) or an ISO 8601 timestamp`);
  return parsed.micros;
}

export function resolveAsOf(asOf: unknown, snapshotAsOf: string, override: string | undefined, now: Date = new Date()): ResolvedAsOf {
  let micros: number;
  let source: ResolvedAsOf['source'];
  if (override !== undefined) {
    micros = instant(override, 'as-of');
    source = 'override';
  } else {
    const spec = (asOf && typeof asOf === 'object' ? asOf : { kind: 'snapshot' }) as { kind?: unknown; at?: unknown };
    if (spec.kind === 'fixed') {
      micros = instant(String(spec.at), 'asOf.at');
      source = 'fixed';
    } else if (spec.kind === 'now') {
      micros = now.getTime() * 1000;
      source = 'now';
    } else {
      micros = instant(snapshotAsOf, 'snapshot as-of');
      source = 'snapshot';
    }
  }
  return { micros, iso: isoInstant(micros).replace(/\.000Z$/, 'Z'), source };
}
