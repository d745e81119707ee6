/**
 * Compile context and the resolved as-of (§3): the instant every relative bound is computed from in
 * TypeScript, or `now` for warehouse SQL that must stay current when scheduled (§8).
 */
import {
  addUnitsToDay,
  dayOfMicros,
  formatDate,
  formatMicros,
  microsOfDay,
  parseInstant,
  periodBounds,
} from '../dates';
import type { Diagnostic, Period, TableSchemas, Unit } from '../model';
import { diag } from '../model';
import type { ParsedSqlExprs } from '../sqlExpr/types';
import { getDialect, type Dialect, type DialectName, type TimeKind } from './dialects';
import { Frag, param, raw, sql, type ParamType } from './fragment';
import { typeInfo } from '../types';

// Bounds stay within years 0001–9999 so they remain valid DATE/TIMESTAMP literals everywhere
// (e.g. `inLast 5000 year`); clamping there changes no result for dates inside that range.
const MIN_DAY = -719162; // 0001-01-01
const MAX_DAY = 2932896; // 9999-12-31
function clampDay(day: number): number {
  return Math.min(MAX_DAY, Math.max(MIN_DAY, day));
}

export type CompileAsOf = { kind: 'instant'; at: string } | { kind: 'now' };

export interface CompileContext {
  dialect: DialectName;
  /** Table → columns (DESCRIBE names and types); names are matched exactly. */
  schemas: TableSchemas;
  /** Table → SQL relation text to read (e.g. a snapshot table); default the quoted table name. */
  relations?: Record<string, string>;
  /** The resolved as-of instant (ISO 8601), or `now` (warehouse SQL with CURRENT_DATE/CURRENT_TIMESTAMP). */
  asOf: CompileAsOf;
  /** Parsed SqlRule / expr texts (see sqlExpr/types.ts), keyed by source text. */
  sqlExprs?: ParsedSqlExprs;
  /** Write values into the SQL as typed literals (no parameters): SQL to paste and run as it is. */
  inline?: boolean;
}

/** Mutable state of one compile: the dialect, the as-of, and diagnostics collected on the way. */
export class CompileState {
  readonly dialect: Dialect;
  readonly diagnostics: Diagnostic[] = [];
  /** As-of instant in µs since the epoch, or null for `now`. */
  readonly asOfMicros: number | null;

  constructor(
    readonly ctx: CompileContext,
    readonly entityTable: string,
  ) {
    this.dialect = getDialect(ctx.dialect);
    if (ctx.asOf.kind === 'now') {
      this.asOfMicros = null;
    } else {
      const parsed = parseInstant(ctx.asOf.at);
      if (!parsed) this.error('', `as-of '${ctx.asOf.at}' is not an ISO 8601 date or timestamp`);
      this.asOfMicros = parsed ? parsed.micros : 0;
    }
  }

  error(path: string, text: string): void {
    this.diagnostics.push(diag(path, text));
  }
  warn(path: string, text: string): void {
    this.diagnostics.push(diag(path, text, 'warning'));
  }

  relation(table: string): Frag {
    const rel =
      this.ctx.relations && Object.prototype.hasOwnProperty.call(this.ctx.relations, table)
        ? this.ctx.relations[table]
        : undefined;
    return new Frag([rel ?? this.dialect.quoteIdent(table)]);
  }

  ident(name: string): string {
    return this.dialect.quoteIdent(name);
  }

  /** The as-of date (UTC calendar date) shifted by n units, as a DATE expression. */
  dateBound(n: number, unit: Unit): Frag {
    if (this.asOfMicros === null) return this.nowShift(this.dialect.currentDate(), n, unit, 'date');
    return sql`${param(formatDate(clampDay(addUnitsToDay(dayOfMicros(this.asOfMicros), n, unit))), 'DATE')}`;
  }

  /** The as-of instant shifted by n units, typed for a column of the given timestamp type. */
  instantBound(n: number, unit: Unit, columnType: string): Frag {
    const kind: TimeKind = typeInfo(columnType).timestampKind === 'TIMESTAMPTZ' ? 'timestamptz' : 'timestamp';
    if (this.asOfMicros === null) return this.nowShift(this.dialect.currentTimestamp(kind), n, unit, kind);
    // Same as addUnitsToMicros, with the date part clamped before it becomes microseconds (exactness).
    const day = dayOfMicros(this.asOfMicros);
    const time = this.asOfMicros - microsOfDay(day);
    return this.instantParam(microsOfDay(clampDay(addUnitsToDay(day, n, unit))) + time, columnType);
  }

  /** A constant instant bound as the column's own timestamp type when that is lossless (§11). */
  instantParam(micros: number, columnType: string): Frag {
    const ts = typeInfo(columnType).timestampKind ?? 'TIMESTAMP';
    const text = formatMicros(micros);
    if (ts === 'TIMESTAMPTZ') return sql`${param(`${text}+00`, 'TIMESTAMPTZ')}`;
    const lossless =
      ts === 'TIMESTAMP_NS' ||
      (ts === 'TIMESTAMP_MS' && micros % 1000 === 0) ||
      (ts === 'TIMESTAMP_S' && micros % 1_000_000 === 0);
    const type: ParamType = ts === 'TIMESTAMP' || !lossless ? 'TIMESTAMP' : ts;
    return sql`${param(text, type)}`;
  }

  /** [start, end) of a calendar period of the as-of date, as DATE expressions. */
  periodDates(period: Period): { start: Frag; end: Frag } {
    if (this.asOfMicros === null) {
      const unit = period.endsWith('Month') ? 'month' : period.endsWith('Quarter') ? 'quarter' : 'year';
      const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
      const shift = period.startsWith('last') ? -1 : period.startsWith('next') ? 1 : 0;
      const base = this.dialect.truncDate(this.dialect.currentDate(), unit);
      const start =
        shift === 0 ? base : this.dialect.addInterval(base, sql`${param(shift * months, 'INTEGER')}`, 'month', 'date');
      const end = this.dialect.addInterval(base, sql`${param((shift + 1) * months, 'INTEGER')}`, 'month', 'date');
      return { start, end };
    }
    const { start, end } = periodBounds(dayOfMicros(this.asOfMicros), period);
    return { start: sql`${param(formatDate(start), 'DATE')}`, end: sql`${param(formatDate(end), 'DATE')}` };
  }

  /** [start, end) of a calendar period as instants (midnight UTC) typed for a timestamp column. */
  periodInstants(period: Period, columnType: string): { start: Frag; end: Frag } {
    if (this.asOfMicros === null) {
      const { start, end } = this.periodDates(period);
      const type = raw(
        this.dialect.typeName(typeInfo(columnType).timestampKind === 'TIMESTAMPTZ' ? 'TIMESTAMPTZ' : 'TIMESTAMP'),
      );
      return { start: sql`CAST(${start} AS ${type})`, end: sql`CAST(${end} AS ${type})` };
    }
    const { start, end } = periodBounds(dayOfMicros(this.asOfMicros), period);
    return {
      start: this.instantParam(microsOfDay(start), columnType),
      end: this.instantParam(microsOfDay(end), columnType),
    };
  }

  /**
   * The start (midnight UTC) of the as-of date shifted by n days, typed for a date or timestamp
   * column; null without a constant as-of or outside the dates a column can hold.
   */
  dayStart(n: number, columnType: string): Frag | null {
    if (this.asOfMicros === null || !Number.isSafeInteger(n)) return null;
    const day = addUnitsToDay(dayOfMicros(this.asOfMicros), n, 'day');
    if (day !== clampDay(day)) return null;
    return typeInfo(columnType).family === 'date'
      ? sql`${param(formatDate(day), 'DATE')}`
      : this.instantParam(microsOfDay(day), columnType);
  }

  /** The as-of UTC date as a DATE expression. */
  asOfDate(): Frag {
    return this.dateBound(0, 'day');
  }

  private nowShift(base: Frag, n: number, unit: Unit, kind: TimeKind): Frag {
    if (n === 0) return base;
    const [step, amount] =
      unit === 'day'
        ? (['day', n] as const)
        : unit === 'week'
          ? (['day', 7 * n] as const)
          : unit === 'month'
            ? (['month', n] as const)
            : unit === 'quarter'
              ? (['month', 3 * n] as const)
              : (['month', 12 * n] as const);
    return this.dialect.addInterval(base, sql`${param(amount, 'INTEGER')}`, step, kind);
  }
}
