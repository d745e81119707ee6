/**
 * Format of a file from its content first (Parquet magic, ZIP container for XLSX, a leading '[' or
 * '{' for JSON), then its extension; the caller's `format` option wins over both.
 */
import type { ImportFormat } from '../../../shared/api/dataApi';
import { extname } from 'node:path';

export function detectFormat(name: string, head: Uint8Array): ImportFormat {
  const ext = extname(name).toLowerCase();
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)
    return 'parquet'; // PAR1
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'; // PK zip
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  const text = Buffer.from(head.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (ext === '.json') return text.startsWith('[') || !looksLikeNdjson(text) ? 'json' : 'ndjson';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return looksLikeNdjson(text) ? 'ndjson' : 'json';
  return 'csv';
}

/** Two or more lines that each start with '{' → newline-delimited JSON. */
function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length < 2) return false;
  const first = lines[0]!.trim();
  return first.startsWith('{') && first.endsWith('}') && lines[1]!.trim().startsWith('{');
}
