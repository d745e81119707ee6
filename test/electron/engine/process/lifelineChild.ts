/**
 * Child of childLifeline.test.ts: starts the lifeline for the parent pid it is given, says so, then
 * blocks its main thread for good (as closing DuckDB under a stuck statement does): only the
 * lifeline's own thread can end it. With `deadline`, it asks for a deadline first instead.
 */
import { startLifeline } from '../../../../electron/engine/process/childLifeline';

const [parent, mode] = process.argv.slice(2);
const lifeline = startLifeline({ parentPid: Number(parent), pollMs: 50, graceMs: 200 });
if (mode === 'deadline') lifeline.deadline(200);
process.stdout.write('armed\n', () => {
  for (;;) {
    // blocked: no event loop, no signal handler in JavaScript, no 'disconnect'
  }
});
