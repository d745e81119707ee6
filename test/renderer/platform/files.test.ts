import { describe, expect, it } from 'vitest';
import {
  baseName,
  createElectronFileHost,
  createUploadFileHost,
  type FetchLike,
} from '../../../renderer/platform/files';

describe('file hosts', () => {
  it('browser: uploads the bytes with the token and imports the staged name', async () => {
    const seen: { url: string; headers: Record<string, string>; size: number }[] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      seen.push({ url, headers: init.headers, size: init.body.size });
      return { ok: true, status: 200, json: async () => ({ name: 'a1b2-data file.csv' }), text: async () => '' };
    };
    const host = createUploadFileHost('tok', fetchImpl);
    const file = new File(['a,b\n1,2\n'], 'data file.csv');
    const [picked] = host.fromFiles([file]);
    expect(picked).toMatchObject({ name: 'data file.csv', size: 8 });
    await expect(host.stage(picked!)).resolves.toEqual({ kind: 'staged', name: 'a1b2-data file.csv' });
    expect(seen).toEqual([
      {
        url: '/upload?name=data%20file.csv',
        headers: { 'x-workbench-token': 'tok', 'content-type': 'application/octet-stream' },
        size: 8,
      },
    ]);
    expect(host.pick).toBeNull();
  });

  it('browser: a refused upload is an error with the status and message', async () => {
    const host = createUploadFileHost('tok', async () => ({
      ok: false,
      status: 413,
      json: async () => ({}),
      text: async () => 'too large',
    }));
    const [picked] = host.fromFiles([new File(['x'], 'big.csv')]);
    await expect(host.stage(picked!)).rejects.toThrow('upload of big.csv failed (HTTP 413): too large');
  });

  it('electron: picks paths natively and imports them by path', async () => {
    const host = createElectronFileHost({
      pickFiles: async () => ['/home/u/exports/Customers.csv'],
      pathForFile: (f) => `/dropped/${f.name}`,
    });
    const picked = await host.pick!();
    expect(picked).toEqual([{ name: 'Customers.csv', size: null, source: '/home/u/exports/Customers.csv' }]);
    await expect(host.stage(picked[0]!)).resolves.toEqual({ kind: 'path', path: '/home/u/exports/Customers.csv' });
    const [dropped] = host.fromFiles([new File(['x'], 'd.parquet')]);
    await expect(host.stage(dropped!)).resolves.toEqual({ kind: 'path', path: '/dropped/d.parquet' });
    expect(baseName('C:\\data\\x.xlsx')).toBe('x.xlsx');
  });
});
