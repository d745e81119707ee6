// Atomic writes under SIGKILL: a child rewrites a file in a loop and is killed at random moments
// hundreds of times; the file must always parse and be exactly one of the two contents.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  TEMP_PREFIX,
  cleanStaleTemps,
  moveFileAtomic,
  writeFileAtomic,
} from '../../../../electron/engine/files/atomicWrite';

const dir = mkdtempSync(path.join(tmpdir(), 'segwb-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = path.resolve(__dirname, 'atomicWriter.fixture.ts');
const KILLS = Number(process.env.SEGWB_ATOMIC_KILLS ?? 200);

function runAndKill(file: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.once('exit', () => resolve());
  });
}

describe('writeFileAtomic', () => {
  it('writes and replaces content', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, '{"v":1}');
    await writeFileAtomic(file, '{"v":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"v":2}');
    expect(readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  it(`never leaves a broken file when the writer is SIGKILLed (${KILLS} kills)`, async () => {
    const file = path.join(dir, 'killed.segment.json');
    writeFileSync(file, JSON.stringify({ format: 'segment-workbench', tag: 'initial' }));
    const seen = new Set<string>();
    // Several children at once keep the wall time down on two cores; each has its own file.
    const lanes = 4;
    const files = Array.from({ length: lanes }, (_, i) => `${file}.${i}`);
    for (const f of files) writeFileSync(f, JSON.stringify({ format: 'segment-workbench', tag: 'initial' }));
    for (let round = 0; round < KILLS / lanes; round++) {
      await Promise.all(files.map((f) => runAndKill(f, Math.floor(Math.random() * 60))));
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        const parsed = JSON.parse(text) as { tag: string; pad?: string[] };
        expect(['initial', 'old', 'new']).toContain(parsed.tag);
        if (parsed.tag !== 'initial') expect(parsed.pad).toHaveLength(4000);
        seen.add(parsed.tag);
      }
    }
    // The kills landed both before and after completed writes.
    expect(seen.has('old') || seen.has('new')).toBe(true);
    // Killed writers leave temps; cleaning removes exactly those.
    const temps = readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX));
    for (const t of temps) utimesSync(path.join(dir, t), new Date(0), new Date(0));
    const removed = await cleanStaleTemps(dir);
    expect(removed.sort()).toEqual(temps.sort());
    expect(readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  }, 600_000);

  it('cleanStaleTemps keeps fresh temps and other files', async () => {
    const sub = mkdtempSync(path.join(dir, 'clean-'));
    writeFileSync(path.join(sub, `${TEMP_PREFIX}x.json.1.aa`), 'partial');
    writeFileSync(path.join(sub, 'keep.json'), '{}');
    expect(await cleanStaleTemps(sub)).toEqual([]);
    expect(await cleanStaleTemps(sub, 0)).toEqual([`${TEMP_PREFIX}x.json.1.aa`]);
    expect(readdirSync(sub)).toEqual(['keep.json']);
  });

  it('moveFileAtomic moves a file', async () => {
    const src = path.join(dir, 'export.csv');
    writeFileSync(src, 'a\n1\n');
    const dest = path.join(dir, 'out.csv');
    await moveFileAtomic(src, dest);
    expect(readFileSync(dest, 'utf8')).toBe('a\n1\n');
  });
});
