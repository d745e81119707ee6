import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemeFileJsonSchema, segmentFileJsonSchema } from '../../../shared/segments/jsonSchema';

// The committed files must equal what the zod schemas generate. To regenerate after a schema change:
// UPDATE_SCHEMAS=1 npx vitest run --project unit test/shared/segments/jsonSchema.test.ts
const dir = resolve(__dirname, '../../../shared/segments/schema');
const cases = [['segment.schema.json', segmentFileJsonSchema()], ['scheme.schema.json', schemeFileJsonSchema()]] as const;

describe('shipped JSON Schemas', () => {
  for (const [name, generated] of cases) {
    it(`${name} equals the schema generated from zod`, () => {
      const path = resolve(dir, name);
      const text = `${JSON.stringify(generated, null, 2)}\n`;
      if (process.env.UPDATE_SCHEMAS === '1' || !existsSync(path)) writeFileSync(path, text);
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
