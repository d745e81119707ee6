#!/usr/bin/env node
// The segwb bin: registers tsx (resolved from this package, so it works from any folder) and runs
// the TypeScript CLI. Signals become `interrupted` (main.ts stops the engine child then); a command
// that does not finish within a few seconds of Ctrl-C is stopped, and a second Ctrl-C stops at once
// (the engine child is killed from the exit hook of nodeForker.ts either way).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');

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
