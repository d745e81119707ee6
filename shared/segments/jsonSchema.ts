/**
 * JSON Schema (draft 2020-12) of both definition file kinds, generated from the zod schemas so the
 * shapes are written once. The generated files ship in shared/segments/schema/; a test keeps them
 * equal to this output (regenerate: UPDATE_SCHEMAS=1 npx vitest run --project unit test/shared/segments/jsonSchema.test.ts).
 */
import { z } from 'zod';
import { schemeFileSchema, segmentFileSchema } from './schema';

function generate(schema: z.ZodType, id: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: id, ...json };
}

export function segmentFileJsonSchema(): Record<string, unknown> {
  return generate(segmentFileSchema, 'https://segment-workbench.local/schema/segment.schema.json');
}

export function schemeFileJsonSchema(): Record<string, unknown> {
  return generate(schemeFileSchema, 'https://segment-workbench.local/schema/scheme.schema.json');
}
