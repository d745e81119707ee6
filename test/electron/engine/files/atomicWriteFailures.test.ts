// Every failure path of the atomic writer leaves no temp behind and the target as it was: each
// step (open, write, fsync, close, rename, copy across file systems) is made to fail in turn
// through a mocked node:fs, and the folder is then listed byte for byte.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

type Step = 'write' | 'sync' | 'close' | 'rename' | 'copy' | 'rm';
/** The steps that fail in the current case; rename can instead fail once with EXDEV. */
const failing = new Set<Step>();
let exdevOnce = false;

const boom = (step: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`injected ${step} failure`), { code: 'EIO' });

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof Fs>();
  const p = real.promises;
  const wrapHandle = (h: Fs.promises.FileHandle): Fs.promises.FileHandle =>
    new Proxy(h, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        if (typeof v !== 'function') return v;
        const step = key === 'writeFile' ? 'write' : key === 'sync' ? 'sync' : key === 'close' ? 'close' : null;
        return (...args: unknown[]) => {
          if (step && failing.has(step)) {
            // A failed close still releases the descriptor, as the kernel does.
            if (step === 'close') return target.close().then(() => Promise.reject(boom(step)));
            return Promise.reject(boom(step));
          }
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const promises = {
    ...p,
    open: async (...args: Parameters<typeof p.open>) => wrapHandle(await p.open(...args)),
    rename: async (a: string, b: string) => {
      if (exdevOnce) {
        exdevOnce = false;
        throw Object.assign(new Error('cross-device link'), { code: 'EXDEV' });
      }
      if (failing.has('rename')) throw boom('rename');
      return p.rename(a, b);
    },
    copyFile: async (a: string, b: string, mode?: number) => {
      if (failing.has('copy')) {
        writeFileSync(b, 'half a cop'); // a copy that dies midway leaves a partial file
        throw boom('copy');
      }
      return p.copyFile(a, b, mode);
    },
    rm: async (f: string, o?: Fs.RmOptions) => {
      if (failing.has('rm')) throw boom('rm');
      return p.rm(f, o);
    },
  };
  const sync =
    <A extends unknown[], R>(step: Step, fn: (...a: A) => R) =>
    (...args: A): R => {
      if (failing.has(step)) {
        if (step === 'close') fn(...args);
        throw boom(step);
      }
      return fn(...args);
    };
  return {
    ...real,
    default: { ...real, promises },
    promises,
    writeSync: sync('write', real.writeSync),
    fsyncSync: sync('sync', real.fsyncSync),
    closeSync: sync('close', real.closeSync),
    renameSync: sync('rename', real.renameSync),
  };
});

const writer = await import('../../../../electron/engine/files/atomicWrite');
const { TEMP_PREFIX, writeFileAtomic, writeFileAtomicSync, moveFileAtomic } = writer;

const root = mkdtempSync(path.join(tmpdir(), 'segwb-atomic-fail-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  failing.clear();
  exdevOnce = false;
});

let n = 0;
/** A fresh folder holding `target` with its old content. */
function folder(): { dir: string; target: string } {
  const dir = path.join(root, `case-${n++}`);
  rmSync(dir, { recursive: true, force: true });
  const target = path.join(dir, 'a.segment.json');
  real.mkdirSync(dir);
  writeFileSync(target, 'old');
  return { dir, target };
}
const real = await vi.importActual<typeof Fs>('node:fs');

describe('the atomic writer on failure', () => {
  const writeSteps: Step[][] = [['write'], ['sync'], ['close'], ['rename'], ['write', 'close'], ['rename', 'rm']];
  for (const steps of writeSteps) {
    it(`writeFileAtomic: ${steps.join(' + ')} fails → the first error, the old file, no temp`, async () => {
      const { dir, target } = folder();
      for (const s of steps) failing.add(s);
      await expect(writeFileAtomic(target, 'new content')).rejects.toThrow(`injected ${steps[0]} failure`);
      failing.clear();
      // A temp whose removal failed (rm) is left for cleanStaleTemps (its prefix); else none is left.
      const left = readdirSync(dir).filter((f) => f !== 'a.segment.json');
      if (steps.includes('rm')) {
        expect(left).toHaveLength(1);
        expect(left[0]?.startsWith(TEMP_PREFIX)).toBe(true);
      } else expect(left).toEqual([]);
      expect(readFileSync(target, 'utf8')).toBe('old');
    });
  }

  for (const steps of [['write'], ['sync'], ['close'], ['rename'], ['write', 'close']] as Step[][]) {
    it(`writeFileAtomicSync: ${steps.join(' + ')} fails → the error, the old file, no temp`, () => {
      const { dir, target } = folder();
      for (const s of steps) failing.add(s);
      expect(() => writeFileAtomicSync(target, 'new content')).toThrow(`injected ${steps[0]} failure`);
      failing.clear();
      expect(readdirSync(dir)).toEqual(['a.segment.json']);
      expect(readFileSync(target, 'utf8')).toBe('old');
    });
  }

  for (const steps of [['copy'], ['sync'], ['close'], ['sync', 'close'], ['rename']] as Step[][]) {
    it(`moveFileAtomic across file systems: ${steps.join(' + ')} fails → source kept, no temp`, async () => {
      const { dir, target } = folder();
      const source = path.join(root, `export-${n}.csv`);
      writeFileSync(source, 'id\n1\n');
      exdevOnce = true;
      for (const s of steps) failing.add(s);
      await expect(moveFileAtomic(source, target)).rejects.toThrow(`injected ${steps[0]} failure`);
      failing.clear();
      expect(readdirSync(dir)).toEqual(['a.segment.json']);
      expect(readFileSync(target, 'utf8')).toBe('old');
      expect(readFileSync(source, 'utf8')).toBe('id\n1\n');
    });
  }

  it('moveFileAtomic across file systems copies, then removes the source', async () => {
    const { dir, target } = folder();
    const source = path.join(root, 'export-ok.csv');
    writeFileSync(source, 'id\n1\n');
    exdevOnce = true;
    await moveFileAtomic(source, target);
    expect(readdirSync(dir)).toEqual(['a.segment.json']);
    expect(readFileSync(target, 'utf8')).toBe('id\n1\n');
    expect(readdirSync(root)).not.toContain('export-ok.csv');
  });
});
