/**
 * File picking and staging, the same for Electron and the browser. A PickedFile is what the user
 * chose (by button, input or drag & drop); `stage` turns it into a FileRef the engine can import:
 * in Electron a path on disk, in the browser the bytes uploaded to the host's staging folder.
 */
import type { FileRef } from '../../shared/api/dataApi';

export interface PickedFile {
  readonly name: string;
  /** Bytes, when known before staging. */
  readonly size: number | null;
  /** A path (Electron) or the browser File. */
  readonly source: string | File;
}

export interface FileHost {
  /** Native picker (Electron). Null when the platform uses an <input type=file> instead. */
  pick: (() => Promise<PickedFile[]>) | null;
  /** Wrap files from an input or a drop. */
  fromFiles(files: ArrayLike<File>): PickedFile[];
  /** Make the file readable by the engine. */
  stage(file: PickedFile): Promise<FileRef>;
  /** Files the shell asks the window to import (Electron's File ▸ Import File…); absent elsewhere. */
  onShellFiles?(listener: (files: PickedFile[]) => void): () => void;
}

/** Minimal view of window.workbenchHost (preload, see interfaces: functions only). */
export interface WorkbenchHostBridge {
  pickFiles(): Promise<string[]>;
  pathForFile(file: File): string;
  recentWorkspaces?(): Promise<string[]>;
  openWorkspaceDialog?(): Promise<string | null>;
  onImportFiles?(listener: (paths: string[]) => void): () => void;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function createElectronFileHost(host: WorkbenchHostBridge): FileHost {
  const picked = (paths: string[]): PickedFile[] => paths.map((p) => ({ name: baseName(p), size: null, source: p }));
  const onImportFiles = host.onImportFiles?.bind(host);
  return {
    pick: async () => picked(await host.pickFiles()),
    ...(onImportFiles
      ? { onShellFiles: (l: (files: PickedFile[]) => void) => onImportFiles((paths) => l(picked(paths))) }
      : {}),
    fromFiles: (files) => Array.from(files, (f) => ({ name: f.name, size: f.size, source: host.pathForFile(f) })),
    stage: async (file) => {
      if (typeof file.source !== 'string') return { kind: 'path', path: host.pathForFile(file.source) };
      return { kind: 'path', path: file.source };
    },
  };
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: Blob },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}>;

/** Browser: upload to `POST /upload?name=` with the page's token; the host answers the staged name. */
export function createUploadFileHost(token: string, fetchImpl: FetchLike): FileHost {
  return {
    pick: null,
    fromFiles: (files) => Array.from(files, (f) => ({ name: f.name, size: f.size, source: f })),
    stage: async (file) => {
      if (typeof file.source === 'string') throw new Error('a path cannot be uploaded from the browser');
      const res = await fetchImpl(`/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'x-workbench-token': token, 'content-type': 'application/octet-stream' },
        body: file.source,
      });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new Error(`upload of ${file.name} failed (HTTP ${res.status})${text ? `: ${text}` : ''}`);
      }
      const body = (await res.json()) as { name?: unknown };
      if (typeof body.name !== 'string') throw new Error('upload answered without a staged name');
      return { kind: 'staged', name: body.name };
    },
  };
}
