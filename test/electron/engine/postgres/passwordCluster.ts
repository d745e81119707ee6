// A second, private PostgreSQL cluster that checks passwords (the shared test cluster trusts every
// local connection, so a wrong password could never fail there). Started with test/pg/start.sh on a
// free loopback port in a fresh folder; after start its TCP lines in pg_hba.conf are switched from
// trust to scram-sha-256 and the configuration reloaded. Only this test's own cluster is changed,
// and it is stopped and removed by the test that started it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const here = path.dirname(new URL(import.meta.url).pathname);

export interface PasswordCluster {
  port: number;
  role: string;
  password: string;
  url(password?: string): string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPasswordCluster(): Promise<PasswordCluster> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'pgrun-auth-'));
  const env = { ...process.env, SEGWB_PG_PORT: String(port), SEGWB_PG_DIR: dir };
  const started = spawnSync('bash', [path.join(here, '../../../pg/start.sh')], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (started.status !== 0) throw new Error(`could not start the password cluster: ${started.stderr}`);
  const stop = () =>
    void spawnSync('bash', [path.join(here, '../../../pg/stop.sh')], { env, encoding: 'utf8', timeout: 60_000 });
  const role = 'pgrun_pw';
  const password = 'Right-Horse-7319';
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'segwb', database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    const hba = path.join(dir, 'data', 'pg_hba.conf');
    const lines = readFileSync(hba, 'utf8')
      .split('\n')
      .map((l) => (/^host\s/.test(l) ? l.replace(/\btrust\s*$/, 'scram-sha-256') : l));
    writeFileSync(hba, lines.join('\n'));
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
    // The reload is a signal: wait (bounded) until a wrong password is refused.
    for (let i = 0; ; i++) {
      const probe = new pg.Client({
        host: '127.0.0.1',
        port,
        user: role,
        password: 'probe-wrong',
        database: 'postgres',
      });
      const refused = await probe.connect().then(
        () => false,
        (err: { code?: string }) => err.code === '28P01',
      );
      await probe.end().catch(() => undefined);
      if (refused) break;
      if (i >= 100) throw new Error('the password cluster still trusts connections after reloading pg_hba.conf');
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    stop();
    throw err;
  }
  return {
    port,
    role,
    password,
    stop,
    url: (pw) => `postgres://${role}${pw === undefined ? '' : `:${encodeURIComponent(pw)}`}@127.0.0.1:${port}/postgres`,
  };
}
