// Child process for the kill test: rewrites one definition-like JSON file forever, alternating
// between two large contents (so a write takes long enough to be interrupted), via writeFileAtomic.
import { writeFileAtomic } from '../../../../electron/engine/files/atomicWrite';

const file = process.argv[2] as string;
const big = (tag: string): string =>
  JSON.stringify(
    { format: 'segment-workbench', tag, pad: Array.from({ length: 4000 }, (_, i) => `${tag}-${i}`) },
    null,
    2,
  );
const contents = [big('old'), big('new')];
let i = 0;
process.stdout.write('ready\n');
for (;;) {
  await writeFileAtomic(file, contents[i++ % 2] as string);
}
