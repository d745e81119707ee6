import { describe, expect, it } from 'vitest';
import { createElectronExportHost, createWebExportHost, type ExportFetch } from '../../../renderer/platform/exports';

function webHost(answer: { ok: boolean; status: number; body: unknown }) {
  const requests: { url: string; method: string; headers: Record<string, string> }[] = [];
  const downloads: [string, string][] = [];
  const blobs: { data: string | Uint8Array; type: string }[] = [];
  const fetch: ExportFetch = async (url, init) => {
    requests.push({ url, ...init });
    return {
      ok: answer.ok,
      status: answer.status,
      json: async () => answer.body,
      text: async () => String(answer.body),
    };
  };
  const host = createWebExportHost({
    token: 't0k',
    fetch,
    download: (url, name) => void downloads.push([url, name]),
    blobUrl: (data, type) => {
      blobs.push({ data, type });
      return { url: typeof data === 'string' ? `blob:${data}` : `blob:${data.length}b`, revoke: () => undefined };
    },
  });
  return { host, requests, downloads, blobs };
}

describe('export hosts', () => {
  it('browser: reserves a slot with the token, downloads it when written, drops it on failure', async () => {
    const { host, requests, downloads } = webHost({
      ok: true,
      status: 200,
      body: { id: 'ab12', out: '/ws/.tmp/exports/ab12/Activated members.csv' },
    });
    const dest = (await host.destination('Activated members.csv', 'csv'))!;
    expect(requests).toEqual([
      { url: '/exports?name=Activated%20members.csv', method: 'POST', headers: { 'x-workbench-token': 't0k' } },
    ]);
    expect(dest.out).toBe('/ws/.tmp/exports/ab12/Activated members.csv');
    expect(dest.label).toBe('Activated members.csv');
    expect(downloads).toEqual([]);
    await dest.deliver();
    expect(downloads).toEqual([['/download/ab12?token=t0k', 'Activated members.csv']]);
    await dest.discard();
    expect(requests[1]).toEqual({ url: '/download/ab12', method: 'DELETE', headers: { 'x-workbench-token': 't0k' } });
  });

  it('browser: a refused reservation is an error with the status and the host message', async () => {
    const { host } = webHost({ ok: false, status: 409, body: 'No workspace is open.\n' });
    await expect(host.destination('m.csv', 'csv')).rejects.toThrow(
      'the host could not make room for the export (HTTP 409): No workspace is open.',
    );
    const odd = webHost({ ok: true, status: 200, body: { id: 5 } });
    await expect(odd.host.destination('m.csv', 'csv')).rejects.toThrow('without an export slot');
  });

  it('browser: SQL is saved by downloading a blob under the given name', async () => {
    const { host, downloads } = webHost({ ok: true, status: 200, body: null });
    expect(await host.saveText('activated.duckdb.sql', 'SELECT 1')).toBe('activated.duckdb.sql');
    expect(downloads).toEqual([['blob:SELECT 1', 'activated.duckdb.sql']]);
  });

  it('browser: a page-built file downloads from a blob of its text, or of the bytes of its base64', async () => {
    const { host, downloads, blobs } = webHost({ ok: true, status: 200, body: null });
    expect(await host.saveFile('kpis.csv', 'csv', { text: 'a,b\n' })).toBe('kpis.csv');
    expect(await host.saveFile('chart.png', 'png', { base64: 'iVBORw0KGgo=' })).toBe('chart.png');
    expect(downloads).toEqual([
      ['blob:a,b\n', 'kpis.csv'],
      ['blob:8b', 'chart.png'],
    ]);
    expect(blobs[0]).toEqual({ data: 'a,b\n', type: 'text/csv; charset=utf-8' });
    expect(blobs[1]!.type).toBe('image/png');
    expect([...(blobs[1]!.data as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('electron: a page-built file goes to the bridge as given; an older preload says it cannot', async () => {
    const asked: unknown[] = [];
    const host = createElectronExportHost({
      savePageFile: async (name, kind, content) => (asked.push([name, kind, content]), `/home/u/${name}`),
    });
    expect(await host.saveFile('r.html', 'html', { text: '<html>' })).toBe('/home/u/r.html');
    expect(asked).toEqual([['r.html', 'html', { text: '<html>' }]]);
    await expect(createElectronExportHost({}).saveFile('r.html', 'html', { text: '' })).rejects.toThrow(
      'cannot save files',
    );
  });

  it('electron: the native dialog picks the path; cancelling it answers null', async () => {
    const asked: unknown[] = [];
    const answers = ['/home/u/activated.xlsx', null];
    const host = createElectronExportHost({
      saveExportDialog: async (name, format) => (asked.push([name, format]), answers.shift() ?? null),
      saveTextFile: async (name, text) => (asked.push([name, text]), `/home/u/${name}`),
    });
    const dest = (await host.destination('activated.xlsx', 'xlsx'))!;
    expect(dest).toMatchObject({ out: '/home/u/activated.xlsx', label: '/home/u/activated.xlsx' });
    await expect(dest.deliver()).resolves.toBeUndefined();
    expect(await host.destination('activated.xlsx', 'xlsx')).toBeNull();
    expect(await host.saveText('a.sql', 'SELECT 1')).toBe('/home/u/a.sql');
    expect(asked).toEqual([
      ['activated.xlsx', 'xlsx'],
      ['activated.xlsx', 'xlsx'],
      ['a.sql', 'SELECT 1'],
    ]);
  });

  it('electron: an older preload without save dialogs gives a clear error', async () => {
    const host = createElectronExportHost({});
    await expect(host.destination('m.csv', 'csv')).rejects.toThrow('cannot save exports');
  });
});
