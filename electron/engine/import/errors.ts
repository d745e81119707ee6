/**
 * Import errors: one clear `invalid_input` message naming the file (and the line when known) and what
 * to do; DuckDB's own wording is trimmed of the echoed file content so a huge line never floods the UI.
 */
import { ApiError } from '../../../shared/api/protocol';

export function badInput(file: string, problem: string, advice: string, line?: number): ApiError {
  const where = line ? `${file}, line ${line}` : file;
  return new ApiError('invalid_input', `${where}: ${problem}. ${advice}`, { file, ...(line ? { line } : {}) });
}

/** First meaningful sentence of a DuckDB error, without 'Original Line:' echoes or hints. */
export function duckMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
  const keep = lines.filter((l) => !/^(Original Line|LINE \d|Possible Solution|file =|delimiter =|quote =|escape =|new_line =|header =|skip_rows =|comment =|strict_mode =|date_format =|timestamp_format =|null_padding|sample_size|ignore_errors|all_varchar|\^)/.test(l));
  const text = (keep.length ? keep : lines).slice(0, 2).join(' ');
  return text.replace(/^(Invalid Input|Conversion|IO|Parser|Binder) Error: /, '').slice(0, 400);
}

/** Line number DuckDB names in its message ("on Line: 12", "in line 4"), if any. */
export function duckLine(err: unknown): number | undefined {
  const raw = err instanceof Error ? err.message : String(err);
  const m = /(?:on Line|in line|line)[: ]+(\d+)/i.exec(raw);
  return m ? Number(m[1]) : undefined;
}

/** A cancelled job keeps its own error (never rewrapped as bad input). */
export function passCancel(err: unknown): void {
  if (err instanceof ApiError && err.code === 'interrupted') throw err;
}
