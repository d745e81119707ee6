/**
 * Where member exports and saved SQL go, the same for Electron and the browser: the store only sees
 * an ExportHost. Electron: a native save dialog answers the path the engine writes to. Browser: the
 * web host reserves a slot in the workspace (`POST /exports`), the engine writes there, and the page
 * downloads it once (`GET /download/<id>`); the host removes it after, or on `discard`.
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
}

/** The save functions of window.workbenchHost (preload). */
export interface SaveBridge {
  saveExportDialog?(name: string, format: ExportFormat): Promise<string | null>;
  saveTextFile?(name: string, text: string): Promise<string | null>;
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
  };
}

export type ExportFetch = (url: string, init: { method: string; headers: Record<string, string> }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

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
  blobUrl(text: string, type: string): { url: string; revoke(): void };
}

export function createWebExportHost(deps: WebExportDeps): ExportHost {
  const headers = { 'x-workbench-token': deps.token };
  return {
    async destination(name) {
      const res = await deps.fetch(`/exports?name=${encodeURIComponent(name)}`, { method: 'POST', headers });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new Error(`the host could not make room for the export (HTTP ${res.status})${text ? `: ${text.trim()}` : ''}`);
      }
      const body = (await res.json()) as { id?: unknown; out?: unknown };
      if (typeof body.id !== 'string' || typeof body.out !== 'string') throw new Error('the host answered without an export slot');
      const id = body.id;
      return {
        out: body.out,
        label: name,
        deliver: async () => deps.download(`/download/${encodeURIComponent(id)}?token=${encodeURIComponent(deps.token)}`, name),
        // Best effort: an unclaimed slot also expires on the host.
        discard: async () => void (await deps.fetch(`/download/${encodeURIComponent(id)}`, { method: 'DELETE', headers }).catch(() => undefined)),
      };
    },
    async saveText(name, text) {
      const blob = deps.blobUrl(text, 'application/sql; charset=utf-8');
      deps.download(blob.url, name);
      // The download has started from the URL by now; release it a little later, not at once.
      setTimeout(() => blob.revoke(), 60_000);
      return name;
    },
  };
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
