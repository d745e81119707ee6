/**
 * Segments half of the API contract (SPEC §3–§6): definitions, counts, members, measurements,
 * exports, compile, validate. Filled in with the segment language; kept apart so each half has one owner.
 */
import type { z } from 'zod';

export const segmentMethods = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- grows with the segment language
export interface SegmentsApi {}

export type SegmentMethodParams = { [K in keyof typeof segmentMethods]: z.input<(typeof segmentMethods)[K]> };
