// Writes the shipped JSON Schemas (shared/segments/schema/*.schema.json) from the zod schemas:
// `npm run schemas` after a schema change. The test only compares; it never writes them itself.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from '../shared/segments/jsonSchema';

const dir = fileURLToPath(new URL('../shared/segments/schema/', import.meta.url));
for (const [name, text] of schemaFiles()) {
  writeFileSync(dir + name, text);
  console.log(`wrote shared/segments/schema/${name}`);
}
