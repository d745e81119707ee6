// Nothing is left behind (issue 9 item 7): a failed import removes every file it staged; an import
// killed mid-way (SIGKILL of its process, as an engine crash) leaves staged copies that the next
// open of the workspace removes; a definition writer killed mid-write leaves a temp in segments/
// that the next listing (or open) removes at once, not after it is a minute old; a write that fails
// leaves no temp either.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/engine/workspace/workspace';
import { importFile } from '../../../../electron/engine/import/importFile';
import { listDefinitions } from '../../../../electron/engine/segments/definitions/definitionStore';
import { TEMP_PREFIX, writeFileAtomic, writeFileAtomicSync } from '../../../../electron/engine/files/atomicWrite';
import { tempDir } from '../engineTestUtils';
import { writeXlsx } from './xlsxTestUtils';

const child = resolve(__dirname, 'importChild.ts');

/** The pid of a process that has exited (so no live process has it, barring reuse). */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

describe('leftovers of failed and killed work', () => {
  it('a failed import (CSV, XLSX, NUL-cleaned) leaves nothing in staging', async () => {
    const t = tempDir();
    const ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    try {
      const csv = join(t.dir, 'nothing.csv');
      writeFileSync(csv, 'a,b\nx\0,1\n');
      const book = join(t.dir, 'book.xlsx');
      writeXlsx(book, {
        Data: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
      });
      for (const [file, options] of [
        [csv, {}],
        [book, { columnTypes: { d: 'DATE' } }],
      ] as const) {
        await expect(importFile(ws, { kind: 'path', path: file }, options)).rejects.toMatchObject({
          code: 'invalid_input',
        });
        expect(readdirSync(ws.stagingDir), file).toEqual([]);
      }
    } finally {
      ws.close();
      t.cleanup();
    }
  });

  it('an import killed mid-way leaves staged copies that the next open removes', async () => {
    const t = tempDir();
    const wsDir = join(t.dir, 'ws');
    const big = join(t.dir, 'big.csv');
    const lines = ['id,name,amount'];
    for (let i = 0; i < 400_000; i++) lines.push(`${i},"name ${i}",${i % 1000}.25`);
    // Windows-1252 (an é) is transcoded into a staged copy, beside the staged link of the original.
    writeFileSync(
      big,
      Buffer.concat([
        Buffer.from(`${lines[0]}\n0,"caf`),
        Buffer.from([0xe9]),
        Buffer.from(`",1.5\n${lines.slice(2).join('\n')}\n`),
      ]),
    );
    const p = spawn(process.execPath, ['--import', 'tsx', child, big, wsDir, '{"encoding":"windows-1252"}'], {
      stdio: 'ignore',
    });
    const staging = join(wsDir, '.staging');
    // Kill it as soon as it has staged something (no wall-clock premise: we wait for the file).
    await new Promise<void>((done, fail) => {
      const poll = setInterval(() => {
        if (existsSync(staging) && readdirSync(staging).length > 0) {
          clearInterval(poll);
          p.kill('SIGKILL');
          done();
        }
      }, 5);
      p.on('exit', () => {
        clearInterval(poll);
        fail(new Error('the import finished before it could be killed'));
      });
    });
    await new Promise((r) => p.once('exit', r));
    expect(readdirSync(staging).length).toBeGreaterThan(0);
    const ws = await Workspace.open(wsDir);
    try {
      expect(readdirSync(ws.stagingDir)).toEqual([]);
    } finally {
      ws.close();
      t.cleanup();
    }
  }, 120_000);

  it("a killed writer's temp in segments/ goes at the next listing; a failed write leaves none", async () => {
    const t = tempDir();
    const ws = await Workspace.open(join(t.dir, 'ws'), { create: true });
    try {
      const temp = `${TEMP_PREFIX}churn.segment.json.${deadPid()}.a1b2c3d4e5f6`;
      writeFileSync(join(ws.segmentsDir, temp), '{"format": "segment-work');
      await listDefinitions(ws);
      expect(readdirSync(ws.segmentsDir)).toEqual([]);
      // A write whose rename fails (the target is a folder) removes its temp.
      const dir = join(ws.segmentsDir, 'x.segment.json');
      mkdirSync(dir);
      await expect(writeFileAtomic(dir, '{}')).rejects.toThrow();
      expect(() => writeFileAtomicSync(dir, '{}')).toThrow();
      expect(readdirSync(ws.segmentsDir)).toEqual(['x.segment.json']);
    } finally {
      ws.close();
      t.cleanup();
    }
  });

  it('temps of killed writers in the workspace, segments/, schemes/ and comparisons/ go at the next open', async () => {
    const t = tempDir();
    const wsDir = join(t.dir, 'ws');
    (await Workspace.open(wsDir, { create: true })).close();
    const dirs = [wsDir, join(wsDir, 'segments'), join(wsDir, 'schemes'), join(wsDir, 'comparisons')];
    for (const d of dirs) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, `${TEMP_PREFIX}x.json.${deadPid()}.a1b2c3d4e5f6`), '{"partial');
    }
    const ws = await Workspace.open(wsDir);
    try {
      for (const d of dirs)
        expect(
          readdirSync(d).filter((n) => n.startsWith(TEMP_PREFIX)),
          d,
        ).toEqual([]);
    } finally {
      ws.close();
      t.cleanup();
    }
  });
});
