/**
 * Type families in the UI (filter kind, icon, alignment, formatting) come from the one type-family
 * table, shared/segments/types.ts, which the compiler, validation and the engine's profiles use too.
 */
import { familyOf, type Family } from '../../../shared/segments/types';

export type TypeFamily = Family;

export function typeFamily(duckType: string): TypeFamily {
  return familyOf(duckType);
}

/** A short text glyph per family for headers and pickers (text, not emoji: no emoji font is guaranteed). */
export function typeIcon(family: TypeFamily): string {
  switch (family) {
    case 'number':
      return '#';
    case 'string':
      return 'Aa';
    case 'date':
      return 'Dt';
    case 'timestamp':
      return 'Ts';
    case 'boolean':
      return 'T/F';
    default:
      return '{}';
  }
}
