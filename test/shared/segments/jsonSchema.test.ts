import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles, schemeFileJsonSchema, segmentFileJsonSchema } from '../../../shared/segments/jsonSchema';

// The committed files must equal what the zod schemas generate; this test never writes them (after a
// schema change: `npm run schemas`, then review the diff).
const dir = resolve(__dirname, '../../../shared/segments/schema');

describe('shipped JSON Schemas', () => {
  for (const [name, text] of schemaFiles()) {
    it(`${name} equals the schema generated from zod`, () => {
      const path = resolve(dir, name);
      expect(existsSync(path), `${name} is missing: run npm run schemas`).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }
  it('describes the file envelope, rules and metrics', () => {
    const s = segmentFileJsonSchema() as { required: string[]; $defs: Record<string, unknown> };
    expect(s.required).toEqual(expect.arrayContaining(['format', 'formatVersion', 'kind', 'id', 'versions']));
    expect(Object.keys(s.$defs)).toEqual(expect.arrayContaining(['Rule', 'Condition', 'Metric', 'SegmentDefinition']));
    expect(JSON.stringify(schemeFileJsonSchema())).toContain('"tiers"');
  });
});
