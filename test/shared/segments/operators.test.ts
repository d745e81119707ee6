import { describe, expect, it } from 'vitest';
import { OPS } from '../../../shared/segments/model';
import { OPERAND_KEYS, OPERATORS, opsForFamily } from '../../../shared/segments/operators';
import { describeFamilies, typeInfo } from '../../../shared/segments/types';

describe('operators table', () => {
  it('covers every op of §3 with symmetric negation partners', () => {
    expect(Object.keys(OPERATORS).sort()).toEqual([...OPS].sort());
    for (const spec of Object.values(OPERATORS)) {
      if (spec.negation) expect(OPERATORS[spec.negation].negation).toBe(spec.op);
      expect(OPERAND_KEYS[spec.operands]).toBeDefined();
    }
    expect(
      Object.values(OPERATORS)
        .filter((s) => s.negation)
        .map((s) => `${s.op}/${s.negation}`)
        .sort(),
    ).toEqual(
      [
        'contains/notContains',
        'eq/neq',
        'in/notIn',
        'inTable/notInTable',
        'isEmpty/isNotEmpty',
        'isNotEmpty/isEmpty',
        'neq/eq',
        'notContains/contains',
        'notIn/in',
        'notInTable/inTable',
      ].sort(),
    );
  });
  it('marks exactly the ops §3 says are true for NULL', () => {
    expect(
      Object.values(OPERATORS)
        .filter((s) => s.nullMatches)
        .map((s) => s.op)
        .sort(),
    ).toEqual(['isEmpty', 'neq', 'notContains', 'notIn', 'notInTable']);
  });
  it('offers ops by field family', () => {
    expect(opsForFamily('boolean')).toEqual(['eq', 'neq', 'isEmpty', 'isNotEmpty', 'isTrue', 'isFalse']);
    expect(opsForFamily('date')).toContain('inPeriod');
    expect(opsForFamily('string')).not.toContain('between');
    expect(opsForFamily('other')).toEqual(['isEmpty', 'isNotEmpty']);
  });
});

describe('DuckDB type families', () => {
  it('classifies DESCRIBE type names', () => {
    const fam = (t: string) => typeInfo(t).family;
    for (const t of [
      'TINYINT',
      'SMALLINT',
      'INTEGER',
      'BIGINT',
      'HUGEINT',
      'UBIGINT',
      'DECIMAL(18,3)',
      'DOUBLE',
      'FLOAT',
    ])
      expect(fam(t), t).toBe('number');
    for (const t of ['VARCHAR', "ENUM('a', 'b')"]) expect(fam(t), t).toBe('string');
    for (const t of ['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS'])
      expect(fam(t), t).toBe('timestamp');
    expect(fam('DATE')).toBe('date');
    expect(fam('BOOLEAN')).toBe('boolean');
    for (const t of ['INTEGER[]', 'STRUCT(a INTEGER)', 'MAP(VARCHAR, INTEGER)', 'UUID', 'BLOB', 'TIME', 'INTERVAL'])
      expect(fam(t), t).toBe('other');
    expect(typeInfo('DECIMAL(18,3)')).toMatchObject({ base: 'DECIMAL', numberKind: 'decimal' });
    expect(typeInfo('TIMESTAMP WITH TIME ZONE').timestampKind).toBe('TIMESTAMPTZ');
    expect(describeFamilies(['date', 'timestamp'])).toBe('a date or timestamp field');
    expect(describeFamilies(['number'])).toBe('a number field');
  });
});
