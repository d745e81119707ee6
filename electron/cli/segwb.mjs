#!/usr/bin/env node
// The segwb bin: runs the CLI as built JavaScript (out/node, made by build/buildNode.mjs on
// `npm install`), with no TypeScript loader at run time. Signals become `interrupted` (main.ts stops
// the engine child then); a command that does not finish within a few seconds of Ctrl-C is stopped,
// and a second Ctrl-C stops at once (the engine child is killed from the exit hook of nodeForker.ts
// either way).
let runCli;
try {
  ({ runCli } = await import('../../out/node/cli.js'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('out/node/cli.js')) throw err;
  process.stderr.write('segwb: the CLI is not built yet; run `npm run build:node` (npm install does it)\n');
  process.exit(1);
}

let onSignal = () => {};
const interrupted = new Promise((resolve) => {
  let count = 0;
  onSignal = () => {
    count++;
    resolve();
    if (count > 1) process.exit(130);
    setTimeout(() => process.exit(130), 5000).unref();
  };
});
process.on('SIGINT', () => onSignal());
process.on('SIGTERM', () => onSignal());
process.on('SIGHUP', () => onSignal());

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interrupted,
});
