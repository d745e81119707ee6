/**
 * JSON Schema (draft 2020-12) of both definition file kinds, generated from the zod schemas so the
 * shapes are written once. The generated files ship in shared/segments/schema/; a test keeps them
 * equal to this output (regenerate with `npm run schemas`, build/writeSchemas.ts).
 */
import { z } from 'zod';
import { schemeFileSchema, segmentFileSchema } from './schema';

function generate(schema: z.ZodType, id: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { $id: id, ...json };
}

export function segmentFileJsonSchema(): Record<string, unknown> {
  return generate(segmentFileSchema, 'https://segment-workbench.local/schema/segment.schema.json');
}

export function schemeFileJsonSchema(): Record<string, unknown> {
  return generate(schemeFileSchema, 'https://segment-workbench.local/schema/scheme.schema.json');
}

/** The shipped files, name and exact text (2-space JSON and a final newline). */
export function schemaFiles(): [string, string][] {
  return [
    ['segment.schema.json', `${JSON.stringify(segmentFileJsonSchema(), null, 2)}\n`],
    ['scheme.schema.json', `${JSON.stringify(schemeFileJsonSchema(), null, 2)}\n`],
  ];
}
