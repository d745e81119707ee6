/**
 * Turns any failure into what the UI shows: the message and what to do about it, by error code.
 */
import { ApiError, type ErrorCode } from '../../shared/api/protocol';

export interface UiError {
  code: ErrorCode | 'unknown';
  message: string;
  hint: string;
}

const hints: Record<UiError['code'], string> = {
  usage: 'This looks like a bug in the app: please report it with the message.',
  invalid_input: 'Check the file (format, delimiter, encoding, header) and try again; nothing was changed.',
  not_found: 'It may have been removed: refresh the sources and try again.',
  runtime: 'The engine could not finish. Try again; if it keeps failing, check free disk space and memory.',
  interrupted: 'Cancelled: nothing was changed.',
  engine_crashed: 'The engine stopped and is restarting. Try again in a moment.',
  query_stuck: 'The engine is restarting; the workspace reopens by itself. Simplify the rule before running it again.',
  internal: 'This is a bug in the app: please report it with the message.',
  unknown: 'Try again; if it keeps failing, restart the app.',
};

export function toUiError(err: unknown): UiError {
  if (err instanceof ApiError) return { code: err.code, message: err.message, hint: hints[err.code] };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'unknown', message, hint: hints.unknown };
}

export function isInterrupted(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'interrupted';
}
