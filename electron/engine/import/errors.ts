/**
 * Import errors: one clear `invalid_input` message naming the file (and the line, or a sheet's row,
 * when known) and what to do. DuckDB's own wording is trimmed of echoed file content (a huge line
 * never floods the UI) and of every path inside the workspace's staging folder: the user never
 * sees where the engine keeps its copies, only the name of their file.
 */
import { ApiError } from '../../../shared/api/protocol';

/** `label` names the source (`book.xlsx` or `book.xlsx, sheet 'Data'`); `unit` what a position is called. */
export function badInput(
  label: string,
  problem: string,
  advice: string,
  line?: number,
  unit: 'line' | 'row' = 'line',
): ApiError {
  const where = line ? `${label}, ${unit} ${line}` : label;
  return new ApiError('invalid_input', `${where}: ${problem}. ${advice}`, { file: label, ...(line ? { line } : {}) });
}

/**
 * Replace every path inside a `.staging` folder (and any other path given) with `name`. DuckDB names
 * the file it read in many messages ("Error when sniffing file \"/ws/.staging/….csv\"").
 */
export function scrubPaths(text: string, name: string, paths: readonly string[] = []): string {
  let out = text;
  for (const p of paths) if (p) out = out.split(p).join(name);
  return out.replace(/(?:[A-Za-z]:)?[^\s"'(),]*[\\/]\.staging[\\/][^\s"'(),]*/g, name);
}

/** First meaningful sentence of a DuckDB error, without 'Original Line:' echoes or hints. */
export function duckMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const keep = lines.filter(
    (l) =>
      !/^(Original Line|LINE \d|Possible Solution|file =|delimiter =|quote =|escape =|new_line =|header =|skip_rows =|comment =|strict_mode =|date_format =|timestamp_format =|null_padding|sample_size|ignore_errors|all_varchar|\^)/.test(
        l,
      ),
  );
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
