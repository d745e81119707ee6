/**
 * Shared benchmark types and helpers. Every bench module exports `run(ctx) → Promise<BenchRow[]>`;
 * a row compares the engine's path with raw DuckDB doing the same work in the same run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { accountsSelect } from '../../electron/engine/demo/generator';

export interface BenchContext {
  /** Entity rows per size (default 1M and 10M; `--quick`: 1M). */
  sizes?: number[];
  /** Timed runs per warm measurement (median taken). */
  runs?: number;
  /** Scratch folder for generated files and databases. */
  workDir?: string;
  log?: (line: string) => void;
}

export interface BenchRow {
  name: string;
  rows: number;
  /** Engine path, ms (median of warm runs unless noted). */
  ms: number;
  /** Raw DuckDB doing the same work, ms. */
  baselineMs: number;
  ratio: number;
  /** Allowed ratio (number) or an absolute target described in words. */
  target: number | string;
  pass: boolean;
  note?: string;
}

export async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

export async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn))[0]);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Raw DuckDB with the engine's memory limit, for the baselines. */
export async function rawDuck(
  file: string,
  tempDir: string,
): Promise<{ run: (sql: string) => Promise<number>; close: () => void }> {
  mkdirSync(tempDir, { recursive: true });
  const inst = await DuckDBInstance.create(file, { memory_limit: '1GB', temp_directory: tempDir });
  const c = await inst.connect();
  return {
    run: async (sql) => {
      const r = await c.runAndReadAll(sql);
      return r.currentRowCount;
    },
    close: () => {
      c.closeSync();
      inst.closeSync();
    },
  };
}

/** Generated accounts (the demo generator) written as CSV and Parquet, once per size. */
export async function accountsFiles(workDir: string, rows: number): Promise<{ csv: string; parquet: string }> {
  const dir = join(workDir, `files-${rows}`);
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, `accounts_${rows}.csv`);
  const parquet = join(dir, `accounts_${rows}.parquet`);
  const { existsSync } = await import('node:fs');
  if (existsSync(csv) && existsSync(parquet)) return { csv, parquet };
  const inst = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', temp_directory: join(dir, 'tmp') });
  const c = await inst.connect();
  const ps = await c.prepare(`CREATE TABLE a AS ${accountsSelect('2026-11-01')}`);
  ps.bind([rows]);
  await ps.run();
  await c.run(`COPY a TO '${csv}' (HEADER)`);
  await c.run(`COPY a TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  inst.closeSync();
  return { csv, parquet };
}

export function fmtRows(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

/** Medians of engine and baseline, timed alternately so machine noise hits both alike. */
export async function paired(
  runs: number,
  engine: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<[number, number]> {
  for (let i = 0; i < 2; i++) {
    await engine();
    await baseline();
  }
  const e: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await engine();
    e.push(performance.now() - t0);
    t0 = performance.now();
    await baseline();
    b.push(performance.now() - t0);
  }
  const mid = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [mid(e), mid(b)];
}
