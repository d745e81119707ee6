/**
 * What a request runs (docs/cli.md, SPEC §7): a `DefinitionTarget` — a definition file (a path inside the
 * workspace, or an absolute path), the file's text (the CLI reads the file itself), or an unsaved
 * definition (the rule builder's draft) — and the member filters that narrow a run by other targets.
 * Its own module because both halves of the API take targets (the grid's views and the segments).
 */
import { z } from 'zod';
import type { Definition } from '../segments/model';

/**
 * An unsaved definition: the model's Definition (what the zod schemas of shared/segments/schema.ts
 * describe: a segment's `where`, or a scheme's `tiers` and `otherwise`, its kind), or any object a
 * caller built by hand. At the edge it is only checked to be an object: its structure is checked by
 * the engine's validation, which names each problem with its path in the user's words, as for a
 * file, where a schema failure here would be one bare line. The engine takes it as a Definition in
 * one place (definitionSource.ts's draftDefinition), and every run validates it before use.
 */
export const draftDefinition = z.custom<Definition | Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected a definition object',
);

export const definitionTarget = z
  .object({
    /** A definition file: relative to the workspace, or absolute. */
    file: z.string().min(1).max(4096).optional(),
    /** The text of a definition file (with `name` naming it in messages). */
    text: z.string().max(10_000_000).optional(),
    name: z.string().max(4096).optional(),
    /** An unsaved definition (segment: `where`; scheme: `tiers` and `otherwise`). */
    definition: draftDefinition.optional(),
    /** Which version of a file (default: the latest). */
    version: z.number().int().positive().optional(),
    /**
     * One tier of a scheme as a segment: its rows (first match wins), or the `otherwise` tier's by
     * that name. Runs, members, exports and the grid take it like any segment.
     */
    tier: z.string().min(1).max(255).optional(),
  })
  .refine(
    (t) => [t.file, t.text, t.definition].filter((x) => x !== undefined).length === 1,
    'give exactly one of file, text, definition',
  );
export type DefinitionTarget = z.input<typeof definitionTarget>;

/**
 * Narrowing a run's rows by other definitions, by key (grid views and member exports alike): also
 * in each of `alsoIn` (an overlap cell: A ∩ B), in none of `notIn` (A without B; the rest of the
 * table), and (not) among the members of a target on another snapshot (`keysAt`: a flow's groups,
 * a tier move). Their entity table must be the run's; a NULL key is never among them.
 */
export const memberFilters = {
  alsoIn: z.array(definitionTarget).max(12).optional(),
  notIn: z.array(definitionTarget).max(12).optional(),
  /** `{"all": []}` as the target's rule: every row of that snapshot. */
  keysAt: z
    .array(z.object({ snapshot: z.string().min(1).max(100), target: definitionTarget, present: z.boolean() }))
    .max(4)
    .optional(),
};
