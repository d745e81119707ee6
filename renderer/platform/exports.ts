/**
 * Where member exports, saved SQL and files the page builds itself (a comparison's CSV tables, HTML
 * report and chart PNGs) go, the same for Electron and the browser: the store only sees
 * an ExportHost. Electron: a native save dialog answers the path the engine writes to. Browser: the
 * web host reserves a slot in the workspace (`POST /exports`), the engine writes there, and the page
 * downloads it once (`GET /download/<id>`); the host removes it after, or on `discard`. A file the
 * page built is saved by the native dialog in Electron (bytes as base64 over IPC) and downloaded
 * from a Blob's object URL in the browser.
 */
import type { ExportFormat } from '../../shared/api/segmentsApi';

export interface ExportDestination {
  /** Absolute path the engine writes the export to. */
  out: string;
  /** Where it went, for the user: the chosen path, or the downloaded file's name. */
  label: string;
  /** The export is written: hand it to the user (the browser downloads it). */
  deliver(): Promise<void>;
  /** The export failed or was cancelled: give the destination back. */
  discard(): Promise<void>;
}

export interface ExportHost {
  /** Where an export called `name` goes; null when the user cancelled the choice. */
  destination(name: string, format: ExportFormat): Promise<ExportDestination | null>;
  /** Save a small text file (a segment's SQL); what it was saved as, or null when cancelled. */
  saveText(name: string, text: string): Promise<string | null>;
  /** Save a file built in the page (CSV, HTML, PNG); what it was saved as, or null when cancelled. */
  saveFile(name: string, kind: PageFileKind, content: PageFileContent): Promise<string | null>;
}

export type PageFileKind = 'csv' | 'html' | 'png';
/** Text, or binary content as base64 (what canvas.toDataURL gives, and what crosses IPC). */
export type PageFileContent = { text: string } | { base64: string };

const MIME: Record<PageFileKind, string> = {
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  png: 'image/png',
};

/** The bytes of base64 text (atob: available in every renderer). */
export function base64Bytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The save functions of window.workbenchHost (preload). */
export interface SaveBridge {
  saveExportDialog?(name: string, format: ExportFormat): Promise<string | null>;
  saveTextFile?(name: string, text: string): Promise<string | null>;
  savePageFile?(name: string, kind: PageFileKind, content: PageFileContent): Promise<string | null>;
}

export function createElectronExportHost(bridge: SaveBridge): ExportHost {
  return {
    async destination(name, format) {
      if (!bridge.saveExportDialog) throw new Error('this version of the app cannot save exports');
      const out = await bridge.saveExportDialog(name, format);
      if (!out) return null;
      return { out, label: out, deliver: async () => undefined, discard: async () => undefined };
    },
    async saveText(name, text) {
      if (!bridge.saveTextFile) throw new Error('this version of the app cannot save files');
      return bridge.saveTextFile(name, text);
    },
    async saveFile(name, kind, content) {
      if (!bridge.savePageFile) throw new Error('this version of the app cannot save files');
      return bridge.savePageFile(name, kind, content);
    },
  };
}

export type ExportFetch = (
  url: string,
  init: { method: string; headers: Record<string, string> },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

/** What the browser does with a URL to download: click a hidden `<a download>`. */
export type Downloader = (url: string, name: string) => void;

export function anchorDownloader(doc: Document): Downloader {
  return (url, name) => {
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    doc.body.appendChild(a);
    a.click();
    a.remove();
  };
}

export interface WebExportDeps {
  token: string;
  fetch: ExportFetch;
  download: Downloader;
  /** A URL for a blob (URL.createObjectURL) and its release. */
  blobUrl(data: string | Uint8Array, type: string): { url: string; revoke(): void };
}

export function createWebExportHost(deps: WebExportDeps): ExportHost {
  const headers = { 'x-workbench-token': deps.token };
  return {
    async destination(name) {
      const res = await deps.fetch(`/exports?name=${encodeURIComponent(name)}`, { method: 'POST', headers });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new Error(
          `the host could not make room for the export (HTTP ${res.status})${text ? `: ${text.trim()}` : ''}`,
        );
      }
      const body = (await res.json()) as { id?: unknown; out?: unknown };
      if (typeof body.id !== 'string' || typeof body.out !== 'string')
        throw new Error('the host answered without an export slot');
      const id = body.id;
      return {
        out: body.out,
        label: name,
        deliver: async () =>
          deps.download(`/download/${encodeURIComponent(id)}?token=${encodeURIComponent(deps.token)}`, name),
        // Best effort: an unclaimed slot also expires on the host.
        discard: async () =>
          void (await deps
            .fetch(`/download/${encodeURIComponent(id)}`, { method: 'DELETE', headers })
            .catch(() => undefined)),
      };
    },
    async saveText(name, text) {
      return downloadBlob(text, 'application/sql; charset=utf-8', name);
    },
    async saveFile(name, kind, content) {
      return downloadBlob('text' in content ? content.text : base64Bytes(content.base64), MIME[kind], name);
    },
  };

  function downloadBlob(data: string | Uint8Array, type: string, name: string): string {
    const blob = deps.blobUrl(data, type);
    deps.download(blob.url, name);
    // The download has started from the URL by now; release it a little later, not at once.
    setTimeout(() => blob.revoke(), 60_000);
    return name;
  }
}

/** Copy text to the clipboard; the Clipboard API where allowed, else a selected textarea. */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Denied (e.g. the shell's permission policy, or no focus): fall back below.
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the clipboard is not available here');
}
