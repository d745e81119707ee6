// Boundaries of the pure pre-parse checks: exact length and bracket-depth limits, and what a string
// literal or quoted identifier may contain without tripping the comment/semicolon checks.
import { describe, expect, it } from 'vitest';
import { lexCheckSqlExpr } from '../../../../electron/engine/sqlGuard/lexCheck';
import { checkSqlExprAst } from '../../../../electron/engine/sqlGuard/checkAst';
import { SQL_EXPR_MAX_DEPTH, SQL_EXPR_MAX_LENGTH } from '../../../../shared/segments/sqlExpr/types';

describe('lexCheckSqlExpr', () => {
  it('accepts exactly the maximum length and rejects one more', () => {
    const base = 'a = 1 OR ';
    const fill = (n: number) => base + "'" + 'x'.repeat(n - base.length - 2) + "'";
    expect(fill(SQL_EXPR_MAX_LENGTH)).toHaveLength(4000);
    expect(lexCheckSqlExpr(fill(SQL_EXPR_MAX_LENGTH))).toBeNull();
    expect(lexCheckSqlExpr(fill(SQL_EXPR_MAX_LENGTH + 1))).toBe('is 4001 characters long; the limit is 4000');
  });

  it('accepts 64 nested brackets and rejects 65', () => {
    const nest = (n: number) => '('.repeat(n) + 'a' + ')'.repeat(n);
    expect(lexCheckSqlExpr(nest(SQL_EXPR_MAX_DEPTH))).toBeNull();
    expect(lexCheckSqlExpr(nest(SQL_EXPR_MAX_DEPTH + 1))).toMatch(/deeper than 64/);
  });

  it('ignores ; -- /* inside strings and quoted identifiers, including doubled quotes', () => {
    expect(lexCheckSqlExpr("s = 'a;b--c/*d' AND \"we;ird--col\" = 'it''s; -- fine'")).toBeNull();
    expect(lexCheckSqlExpr("s = 'it''s' -- tail")).toMatch(/comment/);
    expect(lexCheckSqlExpr("s = 'open")).toMatch(/unterminated string/);
    expect(lexCheckSqlExpr('"open = 1')).toMatch(/unterminated quoted identifier/);
  });

  it('rejects NUL and invisible characters anywhere, even inside strings', () => {
    expect(lexCheckSqlExpr("s = 'a\u0000'")).toMatch(/NUL byte at position 7/);
    expect(lexCheckSqlExpr("s = 'a\u202e'")).toMatch(/U\+202E/);
    expect(lexCheckSqlExpr('a = 1\u00a0')).toBeNull(); // a no-break space is visible whitespace, and DuckDB reports it
  });
});

describe('checkSqlExprAst (pure, on parser JSON)', () => {
  const select = (expr: unknown, extra: Record<string, unknown> = {}) => ({
    error: false,
    statements: [
      {
        node: {
          type: 'SELECT_NODE',
          modifiers: [],
          cte_map: { map: [] },
          select_list: [expr],
          from_table: { type: 'EMPTY' },
          where_clause: null,
          group_expressions: [],
          group_sets: [],
          having: null,
          sample: null,
          qualify: null,
          ...extra,
        },
        named_param_map: [],
      },
    ],
  });
  const col = (name: string) => ({ class: 'COLUMN_REF', type: 'COLUMN_REF', alias: '', column_names: [name] });
  const int = (v: number) => ({
    class: 'CONSTANT',
    type: 'VALUE_CONSTANT',
    alias: '',
    value: { type: { id: 'INTEGER' }, is_null: false, value: v },
  });

  it('collects the columns of an accepted expression', () => {
    const expr = { class: 'COMPARISON', type: 'COMPARE_GREATERTHAN', alias: '', left: col('mrr'), right: int(1) };
    expect(checkSqlExprAst(select(expr), ['mrr'])).toEqual({
      ok: true,
      value: { ast: expr, columns: ['mrr'], regexes: [] },
    });
  });

  it('rejects unknown node classes, WHERE, and over-deep trees', () => {
    expect(checkSqlExprAst(select({ class: 'BOUND_REF', type: 'X', alias: '' }), [])).toEqual({
      ok: false,
      reason: 'expressions of kind BOUND_REF are not allowed',
    });
    expect(checkSqlExprAst(select(int(1), { where_clause: int(1) }), [])).toEqual({
      ok: false,
      reason: 'must be one expression (WHERE is not allowed)',
    });
    let deep: unknown = col('a');
    for (let i = 0; i < SQL_EXPR_MAX_DEPTH; i++)
      deep = { class: 'OPERATOR', type: 'OPERATOR_NOT', alias: '', children: [deep] };
    expect(checkSqlExprAst(select(deep), ['a'])).toEqual({ ok: false, reason: 'nests deeper than 64 levels' });
    expect(checkSqlExprAst({ error: false, statements: [] }, [])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/found 0 statements/),
    });
  });
});
