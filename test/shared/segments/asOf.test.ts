import { describe, expect, it } from 'vitest';
import { resolveAsOf } from '../../../shared/segments/asOf';

const now = new Date('2026-11-05T08:09:10.123Z');

describe('resolveAsOf', () => {
  it('fixed date → its midnight UTC; fixed timestamp → that instant in UTC', () => {
    expect(resolveAsOf({ kind: 'fixed', at: '2026-11-01' }, { now })).toEqual({
      ok: true,
      at: '2026-11-01T00:00:00.000Z',
      source: 'fixed',
    });
    expect(resolveAsOf({ kind: 'fixed', at: '2026-11-01T01:00:00+02:00' }, { now })).toMatchObject({
      at: '2026-10-31T23:00:00.000Z',
    });
  });
  it('snapshot → midnight UTC of the snapshot date (also when asOf is absent); now → the start instant', () => {
    expect(resolveAsOf({ kind: 'snapshot' }, { now, snapshotAsOf: '2026-10-01' })).toMatchObject({
      at: '2026-10-01T00:00:00.000Z',
    });
    expect(resolveAsOf(undefined, { now, snapshotAsOf: '2026-10-01' })).toMatchObject({ source: 'snapshot' });
    expect(resolveAsOf({ kind: 'now' }, { now })).toMatchObject({ at: '2026-11-05T08:09:10.123Z', source: 'now' });
    expect(resolveAsOf({ kind: 'snapshot' }, { now }).ok).toBe(false);
  });
  it('an override wins and bad text is an error, not a guess', () => {
    expect(resolveAsOf({ kind: 'now' }, { now, override: '2026-01-31' })).toEqual({
      ok: true,
      at: '2026-01-31T00:00:00.000Z',
      source: 'override',
    });
    expect(resolveAsOf({ kind: 'now' }, { now, override: '31/01/2026' }).ok).toBe(false);
  });
});
