// Saving is safe (issue 11 item 3), through the segments service on a real workspace: a definition
// with errors is refused by the engine itself (so no client can bypass the app's disabled button),
// warnings do not block, and segments and schemes share one namespace of names (trimmed, any case).
// Expected messages are written out by hand; files on disk are compared byte for byte.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../shared/api/protocol';
import { entity, openFixtureWorkspace, type TestWorkspace } from './segmentsTestUtils';

let t: TestWorkspace;
beforeAll(async () => {
  t = await openFixtureWorkspace();
});
afterAll(() => t.close());

const files = () => readdirSync(t.ws.segmentsDir).sort();
const def = (where: unknown) => ({ entity, asOf: { kind: 'snapshot' }, where });
const pro = def({ field: 'plan', op: 'eq', value: 'pro' });

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('saveDefinition refuses a definition with errors', () => {
  it('a number condition holding text: the message names the condition, the value and the fix; nothing is written', async () => {
    const before = files();
    const err = await refusal(
      t.api.saveDefinition({
        name: 'Big spenders',
        definition: def({
          all: [
            { field: 'plan', op: 'eq', value: 'pro' },
            { field: 'mrr', op: 'gte', value: 'abc' },
          ],
        }),
        note: '',
      }),
    );
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe(
      "Cannot save 'Big spenders': Condition 2 (mrr ≥ abc): mrr is a number; 'abc' is not. " +
        'Type a number such as 1200 or 0.5 (digits only, no units or thousands separators). Fix it and save again.',
    );
    expect((err.details as { diagnostics: { path: string }[] }).diagnostics.map((d) => d.path)).toEqual([
      'where.all[1].value',
    ]);
    expect(files()).toEqual(before);
  });

  it('an unknown column, an empty SQL rule: every error is listed', async () => {
    const err = await refusal(
      t.api.saveDefinition({
        name: 'Broken',
        definition: def({ all: [{ field: 'MRR', op: 'gt', value: 1 }, { sql: '  ' }] }),
        note: '',
      }),
    );
    expect(err.message).toBe(
      "Cannot save 'Broken': Condition 1 (MRR > 1): there is no column or metric 'MRR' in accounts; did you mean 'mrr'? " +
        '(names are case-sensitive); SQL rule 2 (empty): the SQL rule is empty. Write a true/false expression over the columns, ' +
        'e.g. mrr > 100, or remove the rule. Fix them and save again.',
    );
  });

  it("a SQL rule DuckDB cannot parse, without DuckDB's error class or the prefix it was parsed with", async () => {
    const err = await refusal(
      t.api.saveDefinition({ name: 'Half typed', definition: def({ sql: 'mrr >' }), note: '' }),
    );
    expect(err.message).toMatch(
      /^Cannot save 'Half typed': The SQL rule \(mrr >\): SQL rejected: does not parse: syntax error at end of input\. Check for a missing value, operator or parenthesis\. Fix it and save again\.$/,
    );
  });

  it('a new version with errors is refused and the file stays byte-identical', async () => {
    const saved = await t.api.saveDefinition({ name: 'Pro plans', definition: pro, note: 'v1' });
    const bytes = readFileSync(path.join(t.dir, saved.file));
    const err = await refusal(
      t.api.saveDefinition({
        file: saved.file,
        name: 'Pro plans',
        definition: def({ field: 'plan', op: 'inLast', n: 3, unit: 'day' }),
        note: 'v2',
      }),
    );
    expect(err.message).toBe(
      "Cannot save 'Pro plans': The condition (plan in the last 3 days): 'in the last' (inLast) needs a date or timestamp field; " +
        'plan is text (VARCHAR). Choose another operator or field. Fix it and save again.',
    );
    expect(readFileSync(path.join(t.dir, saved.file)).equals(bytes)).toBe(true);
  });

  it('warnings do not block: a timestamp without a zone is saved', async () => {
    const r = await t.api.saveDefinition({
      name: 'Active lately',
      definition: def({ field: 'last_active_at', op: 'gte', value: '2026-10-15T00:00:00' }),
      note: '',
    });
    expect(r.version).toBe(1);
  });

  it('a stale "fields" record never blocks: the save records today\'s', async () => {
    const stale = {
      ...def({ field: 'mrr', op: 'gt', value: 50 }),
      fields: { accounts: { account_id: 'VARCHAR', mrr: 'VARCHAR' } },
    };
    const r = await t.api.saveDefinition({ name: 'Paying', definition: stale, note: '' });
    const saved = JSON.parse(readFileSync(path.join(t.dir, r.file), 'utf8')) as {
      versions: { definition: { fields: unknown } }[];
    };
    expect(saved.versions[0]!.definition.fields).toEqual({ accounts: { account_id: 'VARCHAR', mrr: 'BIGINT' } });
  });
});

describe('segments and schemes share one namespace of names', () => {
  const scheme = {
    entity,
    asOf: { kind: 'snapshot' },
    tiers: [{ name: 'Paying', where: { field: 'mrr', op: 'gt', value: 0 } }],
    otherwise: 'Free',
  };
  const taken =
    "'Churn watch' is already the name of the segment in segments/churn-watch.segment.json; segments and schemes in a workspace " +
    'need different names (case and spaces do not count). Pick another name, or rename that one first.';

  it('refuses to create a second definition of the same name, in any case and with spaces, segment or scheme', async () => {
    await t.api.saveDefinition({ name: 'Churn watch', definition: pro, note: '' });
    const before = { segments: files(), schemes: existsSync(t.ws.schemesDir) ? readdirSync(t.ws.schemesDir) : [] };
    expect((await refusal(t.api.saveDefinition({ name: '  CHURN   watch ', definition: pro, note: '' }))).message).toBe(
      `Cannot use the name 'CHURN   watch': ${taken}`,
    );
    expect(
      (await refusal(t.api.saveDefinition({ kind: 'scheme', name: 'churn watch', definition: scheme, note: '' })))
        .message,
    ).toBe(`Cannot use the name 'churn watch': ${taken}`);
    expect({ segments: files(), schemes: existsSync(t.ws.schemesDir) ? readdirSync(t.ws.schemesDir) : [] }).toEqual(
      before,
    );
  });

  it('refuses a rename, and a save that renames, to a name in use; its own name (any case) is fine', async () => {
    const other = await t.api.saveDefinition({ name: 'Expansion', definition: pro, note: '' });
    const bytes = readFileSync(path.join(t.dir, other.file));
    expect((await refusal(t.api.renameDefinition({ file: other.file, name: 'churn WATCH' }))).message).toBe(
      `Cannot use the name 'churn WATCH': ${taken}`,
    );
    expect(
      (await refusal(t.api.saveDefinition({ file: other.file, name: 'Churn watch', definition: pro, note: '' })))
        .message,
    ).toBe(`Cannot use the name 'Churn watch': ${taken}`);
    expect(readFileSync(path.join(t.dir, other.file)).equals(bytes)).toBe(true);
    const renamed = await t.api.renameDefinition({ file: other.file, name: 'EXPANSION' });
    expect(renamed.name).toBe('EXPANSION');
  });

  it("refuses to save a teammate's file, opened from outside the workspace, under a name in use", async () => {
    const outside = path.join(t.dir, '..', `teammate-${path.basename(t.dir)}.segment.json`);
    const saved = await t.api.readDefinition({
      file: (await t.api.listDefinitions({})).find((d) => d.name === 'Churn watch')!.file,
    });
    writeFileSync(outside, JSON.stringify(saved.content));
    const doc = await t.api.readDefinition({ file: outside });
    expect(doc.name).toBe('Churn watch');
    const latest = (doc.content as { versions: { definition: Record<string, unknown> }[] }).versions[0]!.definition;
    expect(
      (await refusal(t.api.saveDefinition({ name: doc.name, definition: latest, note: 'from a teammate' }))).message,
    ).toBe(`Cannot use the name 'Churn watch': ${taken}`);
  });

  it('refuses an empty name', async () => {
    expect((await refusal(t.api.saveDefinition({ name: '   ', definition: pro, note: '' }))).message).toBe(
      "Cannot use the name '': The name is empty. Type a name for it.",
    );
  });
});

describe('DuckDB failures of a run reach the user in words, never with internal table names', () => {
  it('a SQL rule comparing text with a number: the count names the rule and says what to do', async () => {
    const err = await refusal(
      t.api.countSegment({
        target: { definition: def({ all: [{ field: 'mrr', op: 'gt', value: 0 }, { sql: 'plan > 5' }] }) },
      }),
    );
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe(
      'SQL rule 2 (plan > 5): DuckDB could not evaluate it on this table (Cannot compare values of type VARCHAR and type INTEGER - ' +
        "an explicit cast is required). It converts or compares values of different types: compare text with quoted text ('5') and numbers with numbers, " +
        'or use TRY_CAST(… AS DOUBLE).',
    );
    expect(err.message).not.toMatch(/Binder Error|Conversion Error|snap|meta\.|__|_LITERAL/);
    const funnel = await refusal(t.api.segmentFunnel({ target: { definition: def({ sql: 'plan > 5' }) } }));
    expect(funnel.message).toMatch(/^The SQL rule \(plan > 5\): DuckDB could not evaluate it/);
  });

  it('an overflow in an expr metric names the metric', async () => {
    const d = {
      ...def({ field: 'big', op: 'gt', value: 0 }),
      metrics: [{ name: 'big', kind: 'expr', sql: 'seats * 9223372036854775807' }],
    };
    const err = await refusal(t.api.countSegment({ target: { definition: d } }));
    expect(err.message).toMatch(
      /^Metric 'big': DuckDB could not evaluate it on this table \(Overflow in multiplication/,
    );
    expect(err.message).toContain('cast to DOUBLE first');
  });
});
