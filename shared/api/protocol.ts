/**
 * Wire protocol of the one API: requests, responses and events as plain JSON-safe data.
 * Errors cross as data (`{ ok: false, error }`) and are rethrown on the client as ApiError.
 */

/** Error codes, each mapped to one CLI exit code (docs/cli.md, SPEC §7). */
export type ErrorCode =
  | 'usage' // bad arguments to a method (exit 2)
  | 'invalid_input' // unreadable file, invalid definition, missing table or field (exit 3)
  | 'not_found' // no such table / snapshot / job / workspace (exit 3)
  | 'runtime' // DuckDB failure, failed write (exit 1)
  | 'interrupted' // cancelled or interrupted query (exit 1)
  | 'engine_crashed' // the engine process died, or was restarted under the call (exit 1)
  | 'query_stuck' // a query went on after its interrupt; the engine is being restarted (exit 1)
  | 'internal'; // a bug (exit 1)

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export interface RequestMessage {
  type: 'request';
  id: number;
  method: string;
  params: unknown;
}

export interface ResponseMessage {
  type: 'response';
  id: number;
  result: Result<unknown>;
}

export interface EventMessage {
  type: 'event';
  event: ApiEvent;
}

export type Message = RequestMessage | ResponseMessage | EventMessage;

/** Events pushed from the engine: progress of long jobs, engine lifecycle. */
export type ApiEvent =
  | { kind: 'progress'; jobId: string; fraction: number | null; message: string }
  | { kind: 'engine'; state: 'crashed' | 'restarted'; message: string }
  | { kind: 'workspace'; state: 'changed'; path: string };

/** Typed error thrown by the client and by engine code; `code` decides the exit code and the UI's wording. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'usage':
      return 2;
    case 'invalid_input':
    case 'not_found':
      return 3;
    default:
      return 1;
  }
}
