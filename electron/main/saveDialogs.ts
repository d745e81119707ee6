/**
 * The shell's native "Save as" dialogs: where a member export goes (the engine then writes the file
 * there itself, docs/architecture.md, SPEC §10), saving a small text file such as a segment's SQL, and saving a file
 * the
 * page built itself (a comparison's CSV, HTML report or chart PNG; binary content crosses IPC as
 * base64). The page only suggests a plain file name; the path is always the one the user picked in
 * the dialog.
 */
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import type { ExportFormat } from '../../shared/api/segmentsApi';

/** Kinds of file the page builds and hands over whole (savePageFile). */
export const pageFileKinds = ['csv', 'html', 'png'] as const;
export type PageFileKind = (typeof pageFileKinds)[number];

/** A page-built file's content: text, or bytes as base64. */
export type PageFileContent = { text: string } | { base64: string };

const FILTERS: Record<ExportFormat | 'sql' | PageFileKind, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  parquet: { name: 'Parquet', extensions: ['parquet'] },
  json: { name: 'JSON', extensions: ['json'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  sql: { name: 'SQL', extensions: ['sql'] },
  html: { name: 'HTML report', extensions: ['html'] },
  png: { name: 'PNG image', extensions: ['png'] },
};

const PAGE_FILE_TITLES: Record<PageFileKind, string> = {
  csv: 'Save table as CSV',
  html: 'Save report',
  png: 'Save chart as PNG',
};

export interface SaveDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The app window the dialog belongs to (modal to it), or null. */
  window(): BrowserWindow | null;
  /** Folder the dialog opens in (the user's documents). */
  defaultDir(): string;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

export interface SaveActions {
  /** The absolute path chosen for an export in `format`, or null when cancelled. */
  saveExportDialog(name: string, format: ExportFormat): Promise<string | null>;
  /** Ask where to save `text`, write it there; the path, or null when cancelled. */
  saveTextFile(name: string, text: string): Promise<string | null>;
  /** Ask where a file the page built goes, write it there; the path, or null when cancelled. */
  savePageFile(name: string, kind: PageFileKind, content: PageFileContent): Promise<string | null>;
}

/** Some platforms' dialogs return the typed name without the filter's extension. */
export function withExtension(path: string, ext: string): string {
  return extname(path) === '' ? `${path}.${ext}` : path;
}

export function createSaveActions(deps: SaveDeps): SaveActions {
  const ask = async (
    title: string,
    name: string,
    kind: ExportFormat | 'sql' | PageFileKind,
  ): Promise<string | null> => {
    const options: SaveDialogOptions = {
      title,
      defaultPath: join(deps.defaultDir(), name),
      filters: [FILTERS[kind], { name: 'All files', extensions: ['*'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const win = deps.window();
    const r = await (win && !win.isDestroyed()
      ? deps.dialog.showSaveDialog(win, options)
      : deps.dialog.showSaveDialog(options));
    return r.canceled || !r.filePath ? null : withExtension(r.filePath, kind);
  };
  return {
    saveExportDialog: (name, format) => ask('Export members', name, format),
    async saveTextFile(name, text) {
      const path = await ask('Save SQL', name, 'sql');
      if (path) await deps.writeFile(path, text);
      return path;
    },
    async savePageFile(name, kind, content) {
      const path = await ask(PAGE_FILE_TITLES[kind], name, kind);
      if (path) await deps.writeFile(path, 'text' in content ? content.text : Buffer.from(content.base64, 'base64'));
      return path;
    },
  };
}
