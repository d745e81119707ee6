/**
 * The fields a comparison's pickers offer (pure): the entity table's columns, then the metrics its
 * definitions define; measures are the numeric ones, dimensions every one but the key. Defaults: a
 * money-like measure (mrr, revenue, amount, contract value, charges) and a low-cardinality-sounding
 * dimension (channel, plan, …) judged by name and type only, since nothing here reads the data.
 */
import type { ColumnInfo } from '../../../shared/api/dataApi';
import type { Metric } from '../../../shared/segments/model';
import type { Family } from '../../../shared/segments/types';
import { fieldOptions } from '../builder/conditions';
import { pickMeasure } from '../defaultMeasure';

export interface CompareField {
  name: string;
  /** `unknown`: an expr metric, whose type only a run knows (offered as a number). */
  family: Family | 'unknown';
  kind: 'column' | 'metric';
  key: boolean;
}

/** The table's columns, then the metrics (metrics named like a column, or like an earlier metric, left out). */
export function compareFields(
  table: string,
  columns: ColumnInfo[],
  key: string | null,
  metrics: readonly Metric[] = [],
): CompareField[] {
  const seen = new Set<string>();
  const unique = metrics.filter((m) => (seen.has(m.name) ? false : (seen.add(m.name), true)));
  return fieldOptions(table, columns, unique).map((f) => ({
    name: f.name,
    family: f.family,
    kind: f.isMetric ? 'metric' : 'column',
    key: f.name === key && !f.isMetric,
  }));
}

export const measureFields = (fields: readonly CompareField[]) =>
  fields.filter((f) => (f.family === 'number' || (f.family === 'unknown' && f.kind === 'metric')) && !f.key);
export const dimensionFields = (fields: readonly CompareField[]) =>
  fields.filter((f) => !f.key && f.family !== 'other' && f.family !== 'unknown');

/** The default measure of a comparison (defaultMeasure.ts: the builder's and the KPIs' too). */
export function defaultMeasure(fields: readonly CompareField[]): string | null {
  return pickMeasure(measureFields(fields));
}

/** Likely categorical columns, best first. */
const DIMENSION = [
  /channel/i,
  /^plan$/i,
  /plan/i,
  /(^|_)(segment|tier|tiers)($|_)/i,
  /industry/i,
  /country|region/i,
  /contract/i,
  /status/i,
  /source|medium/i,
  /type|category|kind/i,
];
/** Free text and identifiers (too many values for a breakdown). */
const NOT_A_DIMENSION = /(^|_)(id|key|name|email|domain|url|phone|address|description|notes?)($|_)|ID$/;

export function defaultDimension(fields: readonly CompareField[]): string | null {
  const dims = dimensionFields(fields);
  const text = dims.filter((f) => (f.family === 'string' || f.family === 'boolean') && !NOT_A_DIMENSION.test(f.name));
  for (const re of DIMENSION) {
    const f = text.find((x) => re.test(x.name));
    if (f) return f.name;
  }
  return text[0]?.name ?? dims.find((f) => f.family === 'date')?.name ?? dims[0]?.name ?? null;
}
