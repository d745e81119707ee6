/**
 * zod 4 schemas of the rule language and of both definition file kinds (§3–§5). They check
 * structure only (operand presence per op, field types and tables are validate.ts's job) and are
 * the single source of the shipped JSON Schema (jsonSchema.ts).
 * Objects are loose: unknown keys pass (forward compatibility, §5). Readers keep the raw JSON and
 * never replace it with a parse result, so nothing is dropped or added before hashing.
 */
import { z } from 'zod';
import { AGGREGATE_FNS, FILE_FORMAT, OPS, PERIODS, UNITS } from './model';
import type { Rule } from './model';

const name = z.string().min(1);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema = z
  .looseObject({
    field: name,
    op: z.enum(OPS),
    value: scalar.optional(),
    min: z.union([z.string(), z.number()]).optional(),
    max: z.union([z.string(), z.number()]).optional(),
    values: z.array(z.union([z.string(), z.number()])).optional(),
    ignoreCase: z.boolean().optional(),
    n: z.number().optional(),
    unit: z.enum(UNITS).optional(),
    period: z.enum(PERIODS).optional(),
    table: name.optional(),
    column: name.optional(),
  })
  .meta({ id: 'Condition', description: 'A condition on one column or metric (SPEC §3).' });

export const sqlRuleSchema = z
  .looseObject({ sql: z.string().min(1) })
  .meta({ id: 'SqlRule', description: 'One DuckDB boolean expression over the entity columns and metrics.' });

export const allGroupSchema = z
  .looseObject({
    get all(): z.ZodArray<z.ZodType<Rule>> {
      return z.array(ruleSchema);
    },
  })
  .meta({ id: 'AllGroup' });
export const anyGroupSchema = z
  .looseObject({
    get any(): z.ZodArray<z.ZodType<Rule>> {
      return z.array(ruleSchema);
    },
  })
  .meta({ id: 'AnyGroup' });
export const notGroupSchema = z
  .looseObject({
    get not(): z.ZodType<Rule> {
      return ruleSchema;
    },
  })
  .meta({ id: 'NotGroup' });

export const ruleSchema: z.ZodType<Rule> = z
  .union([allGroupSchema, anyGroupSchema, notGroupSchema, sqlRuleSchema, conditionSchema])
  .meta({ id: 'Rule' }) as unknown as z.ZodType<Rule>;

const joinOn = z.looseObject({ entity: name, related: name });
const unit = z.enum(UNITS);

export const metricSchema = z
  .discriminatedUnion('kind', [
    z.looseObject({ name, kind: z.literal('daysSince'), of: name }),
    z.looseObject({ name, kind: z.literal('expr'), sql: z.string().min(1) }),
    z.looseObject({
      name,
      kind: z.literal('aggregate'),
      from: name,
      on: joinOn,
      fn: z.enum(AGGREGATE_FNS),
      of: name.optional(),
      where: ruleSchema.optional(),
      window: z.looseObject({ column: name, n: z.number(), unit }).optional(),
    }),
    z.looseObject({ name, kind: z.literal('lookup'), from: name, on: joinOn, column: name }),
  ])
  .meta({ id: 'Metric', description: 'A named derived field (SPEC §4).' });

export const asOfSchema = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('snapshot') }),
  z.looseObject({ kind: z.literal('now') }),
  z.looseObject({ kind: z.literal('fixed'), at: z.string().min(1) }),
]);

const definitionBase = {
  entity: z.looseObject({ table: name, key: name }),
  asOf: asOfSchema.optional(),
  metrics: z.array(metricSchema).optional(),
  fields: z.record(z.string(), z.record(z.string(), z.string())).optional(),
};

export const segmentDefinitionSchema = z
  .looseObject({ ...definitionBase, where: ruleSchema })
  .meta({ id: 'SegmentDefinition' });
export const schemeDefinitionSchema = z
  .looseObject({
    ...definitionBase,
    tiers: z.array(z.looseObject({ name, where: ruleSchema })),
    otherwise: z.string(),
  })
  .meta({ id: 'SchemeDefinition' });

function versionSchema<D extends z.ZodType>(definition: D) {
  return z.looseObject({
    version: z.number().int().positive(),
    createdAt: z.string(),
    author: z.string().optional(),
    note: z.string().optional(),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    definition,
  });
}

const fileBase = {
  format: z.literal(FILE_FORMAT),
  formatVersion: z.number().int().positive(),
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
};

export const segmentFileSchema = z
  .looseObject({
    ...fileBase,
    kind: z.literal('segment'),
    versions: z.array(versionSchema(segmentDefinitionSchema)).min(1),
  })
  .meta({ title: 'Segment Workbench segment definition file (NAME.segment.json)' });

export const schemeFileSchema = z
  .looseObject({
    ...fileBase,
    kind: z.literal('scheme'),
    versions: z.array(versionSchema(schemeDefinitionSchema)).min(1),
  })
  .meta({ title: 'Segment Workbench scheme definition file (NAME.scheme.json)' });
