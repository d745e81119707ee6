/**
 * The one typed API between the UI (or CLI) and the engine. Every method takes one JSON request
 * object and returns a JSON-safe result. `apiMethods` is the allowlist and the edge validation.
 */
import type { z } from 'zod';
import { dataMethods, type DataApi } from './dataApi';
import { segmentMethods, type SegmentsApi } from './segmentsApi';
import { compareMethods, type CompareApi } from './compareApi';
import { overTimeMethods, type OverTimeApi } from './overTimeApi';
import { postgresMethods, type PostgresApi } from './postgresApi';
import type { ApiEvent } from './protocol';

export const apiMethods = {
  ...dataMethods,
  ...segmentMethods,
  ...compareMethods,
  ...overTimeMethods,
  ...postgresMethods,
} as const;
export type MethodName = keyof typeof apiMethods;

export type WorkbenchApi = DataApi & SegmentsApi & CompareApi & OverTimeApi & PostgresApi;

/** What the renderer sees: the API plus the event stream. */
export interface WorkbenchClient extends WorkbenchApi {
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export type MethodParams<M extends MethodName> = z.input<(typeof apiMethods)[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, name);
}
