/**
 * Column types the user chose (`columnTypes`, docs/architecture.md, SPEC §2). Such a column is read as text and
 * converted
 * after the load, so blank and whitespace-only cells are NULL like everywhere else (the reader would
 * reject " " in a number column), and a value that does not fit is, as the user asked
 * (`invalidValues`), either a rejected record with its line, the value and the record's text, or a
 * NULL that is counted and reported with its lines. Rows keep file order (rowid) until the rejected
 * ones are deleted, so their lines are found by walking the file (recordWalker.ts).
 */
import type { ImportOptions } from '../../../shared/api/dataApi';
import type { Session, SqlParam } from '../db/db';
import { quoteIdent, quoteLiteral } from '../db/sql';
import type { RowLocator } from './recordWalker';
import { parseAs, TRIM, typeWords, type ParseOptions } from './typeIssues';

/** Types a chosen column can be converted to here; VARCHAR needs no conversion. */
export function needsConversion(type: string): boolean {
  return !/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR)(\(\d+\))?$/i.test(type.trim());
}

export interface ChosenOutcome {
  /** Records rejected for a value that did not fit (reject mode). */
  rejected: number;
  /** Cells loaded as NULL per column (null mode). */
  invalidAsNull: Record<string, number>;
  warnings: string[];
}

const PAGE = 20_000;
const BATCH = 500;

export async function applyChosenTypes(
  s: Session,
  target: string,
  chosen: Record<string, string>,
  opts: Pick<ImportOptions, 'invalidValues'> & ParseOptions,
  ctx: {
    snapshotId: string;
    unit: 'line' | 'row';
    userLine: (l: number) => number;
    locator: () => RowLocator;
    ordinalOf: () => Promise<string | null>;
  },
): Promise<ChosenOutcome> {
  const out: ChosenOutcome = { rejected: 0, invalidAsNull: {}, warnings: [] };
  const cols = Object.entries(chosen).filter(([, type]) => needsConversion(type));
  if (!cols.length) return out;
  const t = (c: string) => `trim(${quoteIdent(c)}, ${TRIM})`;
  const conv = (c: string, type: string) => `CASE WHEN ${t(c)} = '' THEN NULL ELSE ${parseAs(t(c), type, opts)} END`;
  const fails = (c: string, type: string) => `(${t(c)} <> '' AND (${parseAs(t(c), type, opts)}) IS NULL)`;
  const [counts] = await s.query(
    `SELECT ${cols.map(([c, type], i) => `count(*) FILTER (WHERE ${fails(c, type)}) AS f${i}`).join(', ')} FROM ${target}`,
  );
  const failing = cols.map(([c, type], i) => ({ c, type, n: Number(counts?.[`f${i}`] ?? 0) })).filter((x) => x.n > 0);
  const n = (x: number) => x.toLocaleString('en-US');
  const ordinal = failing.length ? await ctx.ordinalOf() : null;
  if (failing.length && opts.invalidValues === 'null') {
    for (const f of failing) {
      const locator = ctx.locator(); // each column's rows from the top: a locator only moves forward
      const rows = await s.query(
        ordinal
          ? `SELECT ${ordinal} AS r, ${t(f.c)} AS v FROM ${target} WHERE ${fails(f.c, f.type)} ORDER BY rowid LIMIT 3`
          : `SELECT NULL AS r, ${t(f.c)} AS v FROM ${target} WHERE ${fails(f.c, f.type)} LIMIT 3`,
      );
      out.invalidAsNull[f.c] = f.n;
      const lines = ordinal ? await locator.locate(rows.map((r) => Number(r.r))) : new Map<number, { line: number }>();
      const shown = rows
        .map((r) => lines.get(Number(r.r))?.line)
        .filter((l): l is number => l !== undefined)
        .map(ctx.userLine);
      const words = typeWords(f.type);
      out.warnings.push(
        `${f.c}: ${n(f.n)} value${f.n === 1 ? ' that is' : 's that are'} not ${f.n === 1 ? words.one : words.many} ${f.n === 1 ? 'was' : 'were'} loaded as empty (NULL)${shown.length ? `, ${ctx.unit}${shown.length > 1 ? 's' : ''} ${shown.join(', ')}${f.n > shown.length ? ', …' : ''}` : ''} (${[...new Set(rows.map((r) => `'${String(r.v).slice(0, 40)}'`))].join(', ')}${f.n > rows.length ? ', …' : ''}).`,
      );
    }
  } else if (failing.length) {
    out.rejected = ordinal
      ? await rejectFailing(s, target, failing, fails, { ...ctx, ordinal })
      : await rejectWithoutLines(s, target, failing, fails, ctx);
    await s.run(`DELETE FROM ${target} WHERE ${failing.map((f) => fails(f.c, f.type)).join(' OR ')}`);
  }
  for (const [c, type] of cols) {
    await s.run(`ALTER TABLE ${target} ALTER COLUMN ${quoteIdent(c)} SET DATA TYPE ${type} USING ${conv(c, type)}`);
  }
  return out;
}

/**
 * The same without row positions (a column named rowid hides them): each record is a reject with
 * its value and reason, but no line and no raw text.
 */
async function rejectWithoutLines(
  s: Session,
  target: string,
  failing: { c: string; type: string }[],
  fails: (c: string, type: string) => string,
  ctx: { snapshotId: string },
): Promise<number> {
  const why = failing.map(
    (f) =>
      `CASE WHEN ${fails(f.c, f.type)} THEN '''' || left(${quoteIdent(f.c)}, 60) || ''' in ' || ${quoteLiteral(f.c)} || ' is not ${typeWords(f.type).exact}' END`,
  );
  const first = failing.map((f) => `CASE WHEN ${fails(f.c, f.type)} THEN ${quoteLiteral(f.c)} END`);
  const any = failing.map((f) => fails(f.c, f.type)).join(' OR ');
  const [n] = await s.query(`SELECT count(*) AS n FROM ${target} WHERE ${any}`);
  await s.run(
    `INSERT INTO meta.rejects SELECT $1, NULL, coalesce(${first.join(', ')}), concat_ws('; ', ${why.join(', ')}), NULL FROM ${target} WHERE ${any}`,
    [ctx.snapshotId],
  );
  return Number(n?.n ?? 0);
}

/** Move every record with a value that does not fit into meta.rejects, page by page in file order. */
async function rejectFailing(
  s: Session,
  target: string,
  failing: { c: string; type: string }[],
  fails: (c: string, type: string) => string,
  ctx: {
    snapshotId: string;
    unit: 'line' | 'row';
    userLine: (l: number) => number;
    locator: () => RowLocator;
    ordinal: string;
  },
): Promise<number> {
  const locator = ctx.locator();
  const any = failing.map((f) => fails(f.c, f.type)).join(' OR ');
  const picks = failing
    .map((f, i) => `CASE WHEN ${fails(f.c, f.type)} THEN ${quoteIdent(f.c)} END AS x${i}`)
    .join(', ');
  let after = -1;
  let total = 0;
  for (;;) {
    const rows = await s.query(
      `SELECT ${ctx.ordinal} AS r, ${picks} FROM ${target} WHERE ${ctx.ordinal} > $1 AND (${any}) ORDER BY rowid LIMIT ${PAGE}`,
      [after],
    );
    if (!rows.length) break;
    const found = await locator.locate(rows.map((r) => Number(r.r)));
    for (let i = 0; i < rows.length; i += BATCH) {
      const params: SqlParam[] = [];
      const tuples = rows.slice(i, i + BATCH).map((r) => {
        const src = found.get(Number(r.r));
        const line = src ? ctx.userLine(src.line) : null;
        const bad = failing.map((f, k) => ({ f, v: r[`x${k}`] })).filter((x) => x.v !== null && x.v !== undefined);
        const what = bad
          .map((x) => `'${String(x.v).slice(0, 60)}' in ${x.f.c} is not ${typeWords(x.f.type).exact}`)
          .join('; ');
        params.push(
          ctx.snapshotId,
          line,
          bad[0]?.f.c ?? null,
          `${line !== null ? `${ctx.unit} ${line}: ` : ''}${what}`,
          src?.raw ?? null,
        );
        const k = params.length;
        return `($${k - 4}, $${k - 3}::BIGINT, $${k - 2}, $${k - 1}, $${k})`;
      });
      await s.run(`INSERT INTO meta.rejects VALUES ${tuples.join(', ')}`, params);
    }
    total += rows.length;
    after = Number(rows[rows.length - 1]!.r);
    if (rows.length < PAGE) break;
  }
  return total;
}
