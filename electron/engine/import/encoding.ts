/**
 * Encoding detection from a file's first bytes: BOMs first (UTF-8, UTF-16 LE/BE), then the NUL-byte
 * pattern of BOM-less UTF-16, then UTF-8 validity; text that is not UTF-8 is Windows-1252 (a
 * superset of Latin-1's printable characters), whatever part of the file the head shows.
 */
import type { Encoding } from '../../../shared/api/dataApi';

export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of BOM at the start of the file. */
  bomLength: number;
}

export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  }
  if (isUtf8(head)) return { encoding: 'utf-8', bomLength: 0 };
  // Not UTF-8: read as Windows-1252 even when the head has no byte in 0x80–0x9F, because a € or a
  // curly quote further down would otherwise become a C1 control character. Windows-1252 equals
  // Latin-1 everywhere else (WHATWG maps the ISO-8859-1 label to it too); 'latin-1' stays choosable.
  return { encoding: 'windows-1252', bomLength: 0 };
}

/** UTF-8 validity of a prefix; a multi-byte sequence cut at the end of the prefix is allowed. */
export function isUtf8(bytes: Uint8Array): boolean {
  let cut = bytes.length;
  // Step back over a possibly truncated final sequence (at most 3 continuation bytes + lead).
  for (let k = 1; k <= 3 && cut - k >= 0; k++) {
    const b = bytes[cut - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) cut -= k;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, cut));
    return true;
  } catch {
    return false;
  }
}
