/**
 * Browser imports: the raw request body is streamed into `<workspace>/.staging/` under a safe,
 * unique name. A name is refused unless it is a plain file name (no separators, no `..`, no leading
 * dot, no control characters). The body goes to a hidden part file first and is linked to its final
 * name only when complete, so the engine never sees a half-written file and nothing is overwritten.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { HttpError } from './httpError';

/** The name as given if it is a safe plain file name, else null. */
export function safeUploadName(name: string | null): string | null {
  if (!name || name.length > 200) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[/\\\u0000-\u001f\u007f:*?"<>|]/.test(name)) return null;
  if (name.startsWith('.') || name.trim() !== name || name.endsWith('.')) return null;
  return name;
}

export async function receiveUpload(
  req: IncomingMessage,
  workspace: string,
  rawName: string | null,
  maxBytes: number,
): Promise<string> {
  const name = safeUploadName(rawName);
  if (!name)
    throw new HttpError(400, 'Refused: the upload name must be a plain file name (no folders, no leading dot).');
  const staging = join(workspace, '.staging');
  await mkdir(staging, { recursive: true });
  const part = join(staging, `.upload-${randomBytes(8).toString('hex')}.part`);
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      cb(seen > maxBytes ? new HttpError(413, `Refused: the upload is larger than ${maxBytes} bytes.`) : null, chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(part, { flags: 'wx' }));
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    for (let attempt = 0; ; attempt++) {
      const candidate = attempt === 0 ? name : `${stem}-${randomBytes(3).toString('hex')}${ext}`;
      try {
        await placeExclusive(part, join(staging, candidate));
        return candidate;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20) throw err;
      }
    }
  } finally {
    await unlink(part).catch(() => {});
  }
}

/** Give the finished part file its final name, never replacing an existing file. */
async function placeExclusive(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
    await copyFile(from, to, constants.COPYFILE_EXCL); // file systems without hard links
  }
}
