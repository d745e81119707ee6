/**
 * The import dialog as a small state machine: choose → staging → sniffing → ready → importing →
 * done | error. Re-sniffs when an option that changes parsing changes (the latest sniff wins).
 * Column types the user chooses (and what a value that does not fit becomes) go with the import.
 * A finished import refreshes through refreshAfterImport (workspaceSlice) and shows the new table. Several files chosen
 * at once
 * (the Electron menu's picker) are taken one at a time: the rest wait in `importQueue` until the
 * user moves on; a file arriving during an import waits too (never replacing the running one).
 */
import type { ImportOptions } from '../../shared/api/dataApi';
import { tableNameFromFile } from '../../shared/tableName';
import { toUiError } from './errors';
import type { ImportDialogState, ImportOverrides, ImportSlice } from './importTypes';
import type { SliceCreator } from './types';

export const closedImport: ImportDialogState = {
  open: false,
  phase: 'choose',
  fileName: null,
  fileRef: null,
  sniff: null,
  options: {},
  jobId: null,
  progress: null,
  report: null,
  moreRejects: [],
  error: null,
};

const parsingKeys: (keyof ImportOverrides)[] = ['delimiter', 'header', 'encoding', 'sheet'];

function toImportOptions(o: ImportOverrides): ImportOptions {
  const out: ImportOptions = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') (out as Record<string, unknown>)[k] = v;
  // Without a chosen type there is nothing for invalidValues to apply to.
  if (!out.columnTypes || Object.keys(out.columnTypes).length === 0) {
    delete out.columnTypes;
    delete out.invalidValues;
  }
  return out;
}

export const createImportSlice: SliceCreator<ImportSlice> = (deps) => (set, get) => {
  let sniffSeq = 0;
  const patch = (p: Partial<ImportDialogState>) => set((s) => ({ importDialog: { ...s.importDialog, ...p } }));

  const sniff = async () => {
    const { fileRef, options } = get().importDialog;
    if (!fileRef) return;
    const seq = ++sniffSeq;
    patch({ phase: 'sniffing', error: null });
    try {
      // Chosen types change the load, not what the sniffer reads.
      const { table: _t, asOf: _a, columnTypes: _c, invalidValues: _i, ...parsing } = options;
      const report = await deps.api.sniffFile({ file: fileRef, options: toImportOptions(parsing) });
      if (seq !== sniffSeq) return;
      // Types chosen for columns this reading no longer has are dropped.
      const names = new Set(report.columns.map((c) => c.name));
      const kept = Object.fromEntries(
        Object.entries(get().importDialog.options.columnTypes ?? {}).filter(([c]) => names.has(c)),
      );
      patch({ phase: 'ready', sniff: report, options: { ...get().importDialog.options, columnTypes: kept } });
    } catch (err) {
      if (seq !== sniffSeq) return;
      patch({ phase: 'error', sniff: null, error: toUiError(err) });
    }
  };

  return {
    importDialog: closedImport,
    importQueue: [],

    openImport() {
      set({ importDialog: { ...closedImport, open: true }, importQueue: [] });
    },

    closeImport() {
      const d = get().importDialog;
      if (d.phase === 'importing') return; // cancel first: closing must not orphan a running job
      sniffSeq++;
      set({ importDialog: closedImport, importQueue: [] });
    },

    async importFiles(files) {
      const [first, ...rest] = files;
      if (!first) return;
      if (get().importDialog.phase === 'importing') {
        set((s) => ({ importQueue: [...s.importQueue, ...files] }));
        return;
      }
      set({ importQueue: rest });
      await get().chooseImportFile(first);
    },

    async nextImportFile() {
      const [next, ...rest] = get().importQueue;
      if (!next || get().importDialog.phase === 'importing') return;
      set({ importQueue: rest });
      await get().chooseImportFile(next);
    },

    async chooseImportFile(file) {
      if (get().importDialog.phase === 'importing') return; // a drop mid-import must not orphan the job
      sniffSeq++;
      set({
        importDialog: {
          ...closedImport,
          open: true,
          phase: 'staging',
          fileName: file.name,
          options: { table: tableNameFromFile(file.name) },
        },
      });
      try {
        const fileRef = await deps.stageFile(file);
        if (get().importDialog.fileName !== file.name) return;
        patch({ fileRef });
      } catch (err) {
        patch({ phase: 'error', error: toUiError(err) });
        return;
      }
      await sniff();
    },

    async setImportOptions(p) {
      const d = get().importDialog;
      patch({ options: { ...d.options, ...p } });
      if (parsingKeys.some((k) => k in p && p[k] !== d.options[k]) && d.fileRef) await sniff();
    },

    setImportColumnType(column, type) {
      const d = get().importDialog;
      const columnTypes = { ...(d.options.columnTypes ?? {}) };
      if (type === null) delete columnTypes[column];
      else columnTypes[column] = type;
      // A type chosen for a column of the previous sniff is kept only while that column exists.
      patch({ options: { ...d.options, columnTypes } });
    },

    async runImport() {
      const d = get().importDialog;
      if (!d.fileRef || d.phase === 'importing') return;
      const jobId = deps.newJobId();
      patch({
        phase: 'importing',
        jobId,
        progress: { fraction: null, message: 'Starting' },
        error: null,
        report: null,
      });
      try {
        const report = await deps.api.importFile({ file: d.fileRef, options: toImportOptions(d.options), jobId });
        patch({ phase: 'done', report, jobId: null, progress: null });
        await get().refreshAfterImport(report.table);
      } catch (err) {
        patch({ phase: 'error', jobId: null, progress: null, error: toUiError(err) });
      }
    },

    async loadMoreRejects() {
      const d = get().importDialog;
      if (!d.report) return;
      const offset = d.report.rejects.length + d.moreRejects.length;
      if (offset >= d.report.rejected) return;
      try {
        const page = await deps.api.getRejects({
          table: d.report.table,
          snapshot: d.report.snapshot.id,
          offset,
          limit: 500,
        });
        const now = get().importDialog;
        if (now.report === d.report) patch({ moreRejects: [...now.moreRejects, ...page.rejects] });
      } catch (err) {
        patch({ error: toUiError(err) });
      }
    },

    async cancelImport() {
      const { jobId } = get().importDialog;
      if (!jobId) return;
      await deps.api.cancelJob({ jobId }).catch(() => undefined);
    },
  };
};
