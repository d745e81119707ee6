import { describe, expect, it } from 'vitest';
import { createElectronExportHost, createWebExportHost, type ExportFetch } from '../../../renderer/platform/exports';

function webHost(answer: { ok: boolean; status: number; body: unknown }) {
  const requests: { url: string; method: string; headers: Record<string, string> }[] = [];
  const downloads: [string, string][] = [];
  const fetch: ExportFetch = async (url, init) => {
    requests.push({ url, ...init });
    return { ok: answer.ok, status: answer.status, json: async () => answer.body, text: async () => String(answer.body) };
  };
  const host = createWebExportHost({
    token: 't0k',
    fetch,
    download: (url, name) => void downloads.push([url, name]),
    blobUrl: (text) => ({ url: `blob:${text}`, revoke: () => undefined }),
  });
  return { host, requests, downloads };
}

describe('export hosts', () => {
  it('browser: reserves a slot with the token, downloads it when written, drops it on failure', async () => {
    const { host, requests, downloads } = webHost({ ok: true, status: 200, body: { id: 'ab12', out: '/ws/.tmp/exports/ab12/Activated members.csv' } });
    const dest = (await host.destination('Activated members.csv', 'csv'))!;
    expect(requests).toEqual([{ url: '/exports?name=Activated%20members.csv', method: 'POST', headers: { 'x-workbench-token': 't0k' } }]);
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
    await expect(host.destination('m.csv', 'csv')).rejects.toThrow('the host could not make room for the export (HTTP 409): No workspace is open.');
    const odd = webHost({ ok: true, status: 200, body: { id: 5 } });
    await expect(odd.host.destination('m.csv', 'csv')).rejects.toThrow('without an export slot');
  });

  it('browser: SQL is saved by downloading a blob under the given name', async () => {
    const { host, downloads } = webHost({ ok: true, status: 200, body: null });
    expect(await host.saveText('activated.duckdb.sql', 'SELECT 1')).toBe('activated.duckdb.sql');
    expect(downloads).toEqual([['blob:SELECT 1', 'activated.duckdb.sql']]);
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
    expect(asked).toEqual([['activated.xlsx', 'xlsx'], ['activated.xlsx', 'xlsx'], ['a.sql', 'SELECT 1']]);
  });

  it('electron: an older preload without save dialogs gives a clear error', async () => {
    const host = createElectronExportHost({});
    await expect(host.destination('m.csv', 'csv')).rejects.toThrow('cannot save exports');
  });
});
