/**
 * As-of resolution for a run (docs/rules.md, SPEC §3), on top of shared/segments/asOf.ts: one instant per
 * measurement (`fixed`, `snapshot` midnight UTC, `now`), an override (CLI `--as-of`, the app's
 * choice) winning and recorded as such. Bad input is an invalid_input error.
 */
import { ApiError } from '../../../../shared/api/protocol';
import { resolveAsOf as resolveShared } from '../../../../shared/segments/asOf';
import { parseInstant } from '../../../../shared/segments/dates';
import type { AsOf } from '../../../../shared/segments/model';
import type { CountResult } from '../../../../shared/api/segmentsApi';

export interface ResolvedAsOf {
  /** Microseconds since the epoch, UTC. */
  micros: number;
  /** ISO 8601 with Z (no fraction when it is zero). */
  iso: string;
  source: CountResult['asOfSource'];
}

export function resolveAsOf(
  asOf: unknown,
  snapshotAsOf: string,
  override: string | undefined,
  now: Date = new Date(),
): ResolvedAsOf {
  const spec = asOf && typeof asOf === 'object' ? (asOf as AsOf) : undefined;
  const r = resolveShared(spec, { snapshotAsOf, now, ...(override !== undefined ? { override } : {}) });
  if (!r.ok) throw new ApiError('invalid_input', r.error);
  const micros = parseInstant(r.at)!.micros;
  return { micros, iso: r.at.replace(/\.000Z$/, 'Z'), source: r.source };
}
