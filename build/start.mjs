// `npm start`: build the app with electron-vite and launch it in Electron. Where the Electron binary
// could not be downloaded (the npm package installs, but its postinstall download failed or was
// skipped), say so plainly and point to the browser version instead of failing obscurely.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Electron binary if it is on disk. Found the way electron/index.js finds it, but without
 * requiring that module: requiring it starts a download attempt when the binary is missing. */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? join(override, rel || 'electron') : rel ? join(pkgDir, 'dist', rel) : null;
  return full && existsSync(full) ? full : null;
}

const binary = electronBinary();
if (!binary) {
  process.stderr.write(
    'Segment Workbench: the Electron binary could not be downloaded on this machine (the `electron` npm ' +
      'package is installed, but its platform binary is missing), so the desktop app cannot start here. ' +
      'Use `npm run web` instead: it builds the same app and opens it in your browser through the local, ' +
      'token-protected web host, with the same engine. To get the desktop app, run `npx install-electron --no` ' +
      'on a machine that can reach the Electron download server (or set ELECTRON_MIRROR), then `npm start` again.\n',
  );
  process.exit(1);
}

const build = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)), 'build'],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
