/**
 * Segments half of the engine API (SPEC §3–§5). Placeholder until the segment engine lands: the
 * engine composes whatever this returns with the data half.
 */
import type { SegmentsApi } from '../../../shared/api/segmentsApi';

export function createSegmentsService(_deps: unknown): SegmentsApi {
  return {};
}
