/**
 * The export dialog as a small state machine: loading → choose → exporting → done | error (and back
 * to choose to export again). What is exported is fixed when the dialog opens: a saved definition at
 * a named version, or the builder's draft, on the snapshot the grid shows for its table (else the
 * latest); or the rows a grid filter shows (an overlap cell, a flow group, a tier move: the member
 * export narrows by alsoIn / notIn / keysAt as the grid's view does), on the filter's own snapshot.
 * Columns are the entity table's then the definition's metrics, in that order, all chosen by default. Where the file
 * goes is the platform's business (ExportHost): a native save dialog or a
 * browser download; the store only hands the engine the destination's path and a job id, follows
 * that job's progress events, and gives the destination back when the export fails or is cancelled.
 */
import type { DefinitionTarget, ExportFormat } from '../../shared/api/segmentsApi';
import { isSchemeDefinition, type Definition } from '../../shared/segments/model';
import type { ExportDestination } from '../platform/exports';
import { toUiError, type UiError } from './errors';
import { serverOf } from './postgresSlice';
import type { ExportColumn, ExportDialogState, ExportSlice } from './exportTypes';
import type { SliceCreator, WorkbenchState } from './types';
import { savedRuleShown } from './unsaved';

export const closedExport: ExportDialogState = {
  open: false,
  phase: 'loading',
  name: '',
  target: null,
  versionLabel: '',
  scheme: false,
  narrow: null,
  table: null,
  snapshot: null,
  snapshotLabel: '',
  format: 'csv',
  columns: [],
  source: 'workspace',
  jobId: null,
  progress: null,
  result: null,
  error: null,
};

/** A file name stem from a segment's name: its letters and digits, dashes between. */
export function fileStem(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'members';
}

/** The suggested file name of an export. */
export function exportFileName(name: string, format: ExportFormat): string {
  return `${fileStem(name)}.${format}`;
}

const exportHints: Partial<Record<UiError['code'], string>> = {
  invalid_input:
    'Nothing was written. Do what the message says (another format, other columns, or a fix to the definition), then export again.',
  interrupted: 'Export cancelled: nothing was written.',
  not_found: 'The definition or its table may have been removed or renamed: refresh the list and try again.',
};

function exportError(err: unknown): UiError {
  const e = toUiError(err);
  return { ...e, hint: exportHints[e.code] ?? e.hint };
}

/** The table's columns, then the definition's metrics; every one chosen. */
function columnsFor(s: WorkbenchState, def: Definition): ExportColumn[] | null {
  const table = s.tables.find((t) => t.name === def.entity.table);
  if (!table) return null;
  const cols: ExportColumn[] = table.columns.map((c) => ({
    name: c.name,
    type: c.type,
    kind: 'column',
    key: c.name === def.entity.key,
    checked: true,
  }));
  for (const m of def.metrics ?? [])
    if (!cols.some((c) => c.name === m.name))
      cols.push({ name: m.name, type: null, kind: 'metric', key: false, checked: true });
  return cols;
}

/** The grid's snapshot when it shows this table, else the latest; with a label saying which. */
function snapshotFor(s: WorkbenchState, table: string): { snapshot: string | null; snapshotLabel: string } {
  const snaps = s.tables.find((t) => t.name === table)?.snapshots ?? [];
  const chosen = s.selectedTable === table ? s.selectedSnapshot : null;
  const shown = chosen ? snaps.find((x) => x.id === chosen) : undefined;
  if (chosen && shown) return { snapshot: chosen, snapshotLabel: `snapshot as of ${shown.asOf}` };
  const latest = snaps[snaps.length - 1];
  return { snapshot: null, snapshotLabel: latest ? `latest snapshot (as of ${latest.asOf})` : 'latest snapshot' };
}

export const createExportSlice: SliceCreator<ExportSlice> = (deps) => (set, get) => {
  const patch = (p: Partial<ExportDialogState>) => set((s) => ({ exportDialog: { ...s.exportDialog, ...p } }));
  let openSeq = 0;

  const openWith = (name: string, target: DefinitionTarget, versionLabel: string, def: Definition) => {
    const s = get();
    const columns = columnsFor(s, def);
    const base = {
      ...closedExport,
      open: true,
      name,
      target,
      versionLabel,
      scheme: isSchemeDefinition(def),
      table: def.entity.table,
      format: s.exportDialog.format,
    };
    if (!columns) {
      set({
        exportDialog: {
          ...base,
          phase: 'error',
          error: {
            code: 'not_found',
            message: `The table '${def.entity.table}' that ${name} is defined on is not in this workspace.`,
            hint: 'Import it (or open the workspace it belongs to), then export again.',
          },
        },
      });
      return;
    }
    set({ exportDialog: { ...base, phase: 'choose', columns, ...snapshotFor(s, def.entity.table) } });
  };

  return {
    exportDialog: closedExport,

    async openExportForGridFilter(filter) {
      const t = filter.target;
      if (get().exportDialog.phase === 'exporting') return;
      const seq = ++openSeq;
      set({
        exportDialog: {
          ...closedExport,
          open: true,
          phase: 'loading',
          name: filter.label,
          format: get().exportDialog.format,
        },
      });
      try {
        const def = t.definition
          ? (t.definition as Definition) // a draft this store set: the builder's Definition
          : await deps.api.readDefinition({ file: t.file! }).then((doc) => {
              const versions =
                (doc.content as { versions?: { version?: number; definition?: Definition }[] } | null)?.versions ?? [];
              const chosen = t.version === undefined ? versions.at(-1) : versions.find((v) => v.version === t.version);
              if (!chosen?.definition?.entity)
                throw new Error(`${doc.name} has no version ${t.version ?? ''} to export`);
              return chosen.definition;
            });
        if (seq !== openSeq) return;
        const columns = columnsFor(get(), def);
        if (!columns) throw new Error(`The table '${def.entity.table}' is not in this workspace.`);
        const snaps = get().tables.find((x) => x.name === def.entity.table)?.snapshots ?? [];
        const snap = filter.snapshot ? snaps.find((x) => x.id === filter.snapshot) : undefined;
        const picked = filter.snapshot
          ? { snapshot: filter.snapshot, snapshotLabel: `snapshot as of ${snap?.asOf ?? filter.snapshot}` }
          : snapshotFor(get(), def.entity.table);
        const narrow = {
          label: filter.label,
          ...(filter.alsoIn?.length ? { alsoIn: filter.alsoIn } : {}),
          ...(filter.notIn?.length ? { notIn: filter.notIn } : {}),
          ...(filter.keysAt?.length ? { keysAt: filter.keysAt } : {}),
        };
        const versionLabel = t.definition
          ? 'unsaved draft'
          : t.version !== undefined
            ? `version ${t.version}`
            : 'latest version';
        // A tier runs as a segment: its rows, not the whole scheme with a tier column.
        set({
          exportDialog: {
            ...closedExport,
            open: true,
            phase: 'choose',
            name: filter.label,
            target: t,
            versionLabel,
            scheme: t.tier === undefined && isSchemeDefinition(def),
            narrow,
            table: def.entity.table,
            format: get().exportDialog.format,
            columns,
            ...picked,
          },
        });
      } catch (err) {
        if (seq === openSeq) patch({ phase: 'error', error: exportError(err) });
      }
    },

    openExportFromBuilder() {
      const b = get().builder;
      if (!b || get().exportDialog.phase === 'exporting') return;
      openSeq++;
      if (b.viewing && b.file)
        return openWith(
          b.name,
          { file: b.file, version: b.viewing.version },
          `version ${b.viewing.version}`,
          b.viewing.definition,
        );
      const latest = b.history?.versions[b.history.versions.length - 1]?.version ?? b.lastSaved?.version ?? null;
      if (savedRuleShown(b)) {
        return openWith(
          b.name,
          latest ? { file: b.file, version: latest } : { file: b.file },
          latest ? `version ${latest}` : 'latest version',
          b.definition,
        );
      }
      openWith(b.name, { definition: b.definition }, b.file ? 'unsaved changes' : 'unsaved draft', b.definition);
    },

    async openExportForFile(file) {
      if (get().exportDialog.phase === 'exporting') return;
      const seq = ++openSeq;
      const summary = [...get().segments, ...get().schemes].find((d) => d.file === file);
      set({
        exportDialog: {
          ...closedExport,
          open: true,
          phase: 'loading',
          name: summary?.name ?? file,
          format: get().exportDialog.format,
        },
      });
      try {
        const doc = await deps.api.readDefinition({ file });
        if (seq !== openSeq) return;
        const versions =
          (doc.content as { versions?: { version?: number; definition?: Definition }[] } | null)?.versions ?? [];
        const latest = versions[versions.length - 1];
        if (!latest?.definition?.entity) throw new Error(`${doc.name} has no version to export`);
        const version = typeof latest.version === 'number' ? latest.version : null;
        openWith(
          doc.name,
          version ? { file, version } : { file },
          version ? `version ${version}` : 'latest version',
          latest.definition,
        );
      } catch (err) {
        if (seq === openSeq) patch({ phase: 'error', error: exportError(err) });
      }
    },

    closeExport() {
      if (get().exportDialog.phase === 'exporting') return; // cancel first: closing must not orphan a running job
      openSeq++;
      set((s) => ({ exportDialog: { ...closedExport, format: s.exportDialog.format } }));
    },

    setExportFormat(format) {
      patch({ format });
    },

    toggleExportColumn(name) {
      patch({ columns: get().exportDialog.columns.map((c) => (c.name === name ? { ...c, checked: !c.checked } : c)) });
    },

    setAllExportColumns(checked) {
      patch({ columns: get().exportDialog.columns.map((c) => ({ ...c, checked })) });
    },

    async runExport(host) {
      const d = get().exportDialog;
      const columns = d.columns.filter((c) => c.checked).map((c) => c.name);
      if (!d.open || !d.target || d.phase === 'exporting' || d.phase === 'loading' || columns.length === 0) return;
      const { target, format, snapshot } = d;
      const { label: _label, ...narrow } = d.narrow ?? { label: '' };
      // Members from the server: the connection and the in-memory password of "Run on PostgreSQL…".
      const server = d.source === 'postgres' ? serverOf(get()) : null;
      if (d.source === 'postgres' && !server)
        return patch({
          phase: 'error',
          error: {
            code: 'usage',
            message: 'The PostgreSQL connection is not complete.',
            hint: 'Check it in "Run on PostgreSQL…" and count there first.',
          },
        });
      let dest: ExportDestination | null;
      try {
        dest = await host.destination(exportFileName(d.name, format), format);
      } catch (err) {
        patch({ phase: 'error', error: exportError(err) });
        return;
      }
      if (!dest) return; // the user closed the save dialog: nothing to do
      const jobId = deps.newJobId();
      patch({
        phase: 'exporting',
        jobId,
        progress: { fraction: null, message: 'Starting' },
        result: null,
        error: null,
      });
      const off = deps.api.onEvent((e) => {
        if (e.kind === 'progress' && e.jobId === jobId && get().exportDialog.jobId === jobId)
          patch({ progress: { fraction: e.fraction, message: e.message } });
      });
      try {
        const r = server
          ? await deps.api.exportFromPostgres({
              target,
              server,
              out: dest.out,
              format,
              columns,
              jobId,
              ...(get().pgDialog.form.asOf.trim() ? { asOf: get().pgDialog.form.asOf.trim() } : {}),
            })
          : await deps.api.exportMembers({
              target,
              ...(snapshot ? { snapshot } : {}),
              ...narrow,
              out: dest.out,
              format,
              columns,
              jobId,
            });
        await dest.deliver();
        patch({
          phase: 'done',
          jobId: null,
          progress: null,
          result: { rows: r.rows, columns: r.columns, format: r.format, where: dest.label },
        });
      } catch (err) {
        await dest.discard().catch(() => undefined);
        patch({ phase: 'error', jobId: null, progress: null, error: exportError(err) });
      } finally {
        off();
      }
    },

    async cancelExport() {
      const { jobId } = get().exportDialog;
      if (!jobId) return;
      await deps.api.cancelJob({ jobId }).catch(() => undefined);
    },
  };
};
