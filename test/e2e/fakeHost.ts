/**
 * Dev tool (not a test): serves the built renderer through the real web host over an in-memory fake
 * engine with generated rows, so the UI can be looked at before/without the DuckDB engine.
 * Run: node --import tsx test/e2e/fakeHost.ts   (prints the URL)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkbenchApi } from '../../shared/api/contract';
import type { CellValue, ColumnInfo, TableInfo } from '../../shared/api/dataApi';
import type { ApiEvent } from '../../shared/api/protocol';
import { inProcessConnector } from '../../electron/engine/process/inProcess';
import { startWebHost } from '../../electron/host/webHost';

const plans = ['free', 'starter', 'pro', 'enterprise'];
const columns: ColumnInfo[] = [
  { name: 'account_id', type: 'VARCHAR' },
  { name: 'plan', type: 'VARCHAR' },
  { name: 'mrr', type: 'DOUBLE' },
  { name: 'seats', type: 'INTEGER' },
  { name: 'nps', type: 'INTEGER' },
  { name: 'signup_date', type: 'DATE' },
  { name: 'cancellation_requested', type: 'BOOLEAN' },
];
const rows: Record<string, CellValue>[] = Array.from({ length: 5000 }, (_, i) => ({
  account_id: `A${String(i + 1).padStart(6, '0')}`,
  plan: plans[(i * 7) % 4]!,
  mrr: Math.round(((i * 37) % 1000) * 1.7 * 100) / 100,
  seats: 1 + ((i * 13) % 50),
  nps: i % 5 === 0 ? null : (i * 3) % 11,
  signup_date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  cancellation_requested: i % 9 === 0,
}));
const snap = { id: 's1', table: 'accounts', asOf: '2026-11-01', importedAt: '2026-11-01T00:00:00Z', sourceFile: 'fake', rows: rows.length, rejected: 0, fingerprint: { rows: rows.length, schemaHash: '', contentHash: '' }, relation: 'x' };
const table: TableInfo = { name: 'accounts', rows: rows.length, columns, snapshots: [{ ...snap, id: 's0', asOf: '2026-10-01', rows: 4900 }, snap] };
const dir = mkdtempSync(join(tmpdir(), 'segwb-fake-'));
const listeners = new Set<(e: ApiEvent) => void>();

function view(spec: { sort?: { column: string; dir: 'asc' | 'desc' }[]; filters?: { field: string; op: string; value?: unknown }[] }) {
  let out = rows;
  for (const f of spec.filters ?? []) {
    out = out.filter((r) => {
      const v = r[f.field];
      if (f.op === 'contains') return String(v ?? '').toLowerCase().includes(String(f.value).toLowerCase());
      if (f.op === 'gt') return v !== null && (v as number) > (f.value as number);
      if (f.op === 'eq') return v === f.value;
      return true;
    });
  }
  for (const s of [...(spec.sort ?? [])].reverse()) {
    out = [...out].sort((a, b) => {
      const x = a[s.column] ?? null;
      const y = b[s.column] ?? null;
      const c = x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return s.dir === 'asc' ? c : -c;
    });
  }
  return out;
}

const api: Partial<WorkbenchApi> = {
  getWorkspace: async () => ({ path: dir, name: 'fake', tables: [table] }),
  listTables: async () => [table],
  headerSummaries: async () => columns.map((c, i) => ({ name: c.name, type: c.type, bars: Array.from({ length: 10 }, (_, j) => ((j * (i + 3)) % 10) / 10), nullShare: c.name === 'nps' ? 0.2 : 0 })),
  prepareView: async ({ view: v, jobId }) => {
    console.error('prepareView', new Date().toISOString(), JSON.stringify(v));
    for (let k = 1; k <= 5; k++) {
      await new Promise((r) => setTimeout(r, 120));
      for (const l of listeners) l({ kind: 'progress', jobId: jobId ?? '', fraction: k / 5, message: 'Sorting' });
    }
    return { total: view(v).length };
  },
  getRows: async ({ view: v, offset, limit }) => {
    const all = view(v);
    return { offset, total: all.length, rows: all.slice(offset, offset + limit) };
  },
  profileColumn: async ({ column }) => ({
    name: column, type: 'VARCHAR', rows: rows.length, nulls: 3, distinct: 4, min: 'enterprise', max: 'starter',
    top: plans.map((p, i) => ({ value: p, count: 1000 + i * 300 })),
  }),
  cancelJob: async () => ({ cancelled: true }),
  listDefinitions: async () => [
    { file: 'segments/activated.segment.json', kind: 'segment', id: 'a1', name: 'Activated', description: 'Billable tickets ≥ 2% and active', tags: [], latestVersion: 2, hash: 'sha256:x', entityTable: 'accounts', valid: true, errors: 0, hasSql: false },
    { file: 'segments/upsell.segment.json', kind: 'segment', id: 'u1', name: 'Upsell candidates', description: null, tags: [], latestVersion: 1, hash: 'sha256:y', entityTable: 'accounts', valid: true, errors: 0, hasSql: true },
  ],
  countSegment: async (req) => {
    const where = (req.target.definition as { where?: { all?: unknown[]; any?: unknown[] } } | undefined)?.where;
    const n = where ? Math.max(1, rows.length >> ((where.all ?? where.any ?? []).length)) : req.target.file?.includes('upsell') ? 412 : 1873;
    return { segment: null, id: null, version: null, hash: null, table: 'accounts', snapshot: 's1', asOf: '2026-11-01T00:00:00Z', asOfSource: 'snapshot', count: n, total: rows.length, share: n / rows.length, measures: [{ column: 'mrr', sum: n * 412.5, avg: 412.5 }], related: {}, warnings: [], elapsedMs: 4 };
  },
  segmentFunnel: async (req) => {
    const kids = ((req.target.definition as { where?: { all?: unknown[] } } | undefined)?.where?.all ?? []) as { field?: string; op?: string }[];
    return { total: rows.length, steps: kids.map((k, i) => ({ path: `where.all[${i}]`, label: `${k.field ?? 'sql'} ${k.op ?? ''}`, alone: rows.length >> 1, cumulative: rows.length >> (i + 1) })) };
  },
  sniffFile: async () => ({
    format: 'csv', encoding: 'utf-8', delimiter: ',', header: true, columns: columns.slice(0, 4),
    preview: rows.slice(0, 8), warnings: ['2 rows have more fields than the header'],
  }),
  importFile: async ({ jobId }) => {
    for (let k = 1; k <= 10; k++) {
      await new Promise((r) => setTimeout(r, 150));
      for (const l of listeners) l({ kind: 'progress', jobId: jobId ?? '', fraction: k / 10, message: 'Loading rows' });
    }
    return {
      table: 'accounts', snapshot: snap, records: 5002, rows: 5000, rejected: 2, warnings: ['2 records rejected'], columns,
      rejects: [{ line: 12, column: null, reason: 'Expected Number of Columns: 4 Found: 5', raw: '900,1,bad,extra,x' }, { line: 31, column: 'mrr', reason: 'Could not convert string "abc" to DOUBLE', raw: '901,pro,abc,3' }],
      blanksAsNull: { nps: 1000 }, duplicateKeys: { column: 'account_id', count: 1, examples: ['A000042'] },
    };
  },
};

const host = await startWebHost({ workspace: dir, engine: inProcessConnector({ api: api as WorkbenchApi, onEvent: (l) => (listeners.add(l), () => listeners.delete(l)) }) });
process.stdout.write(`${JSON.stringify({ url: host.url, port: host.port, token: host.token })}\n`);
