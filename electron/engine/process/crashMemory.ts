/**
 * What the engine host remembers of crashes: per request fingerprint (requestFingerprint.ts), how
 * many times that request was in flight when the engine stopped (or got stuck), and how. A request
 * with `refuseAfter` such strikes is refused from then on; one that succeeds is forgiven. Bounded:
 * the oldest entries are forgotten first.
 */
import type { ErrorData } from '../../../shared/api/protocol';

export interface Strikes {
  count: number;
  method: string;
  /** What happened the last time, e.g. "signal SIGSEGV while running importFile". */
  how: string;
}

const MAX_REMEMBERED = 200;

export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

export class CrashMemory {
  private readonly strikes = new Map<string, Strikes>();

  constructor(private readonly refuseAfter: number) {}

  get isEmpty(): boolean {
    return this.strikes.size === 0;
  }

  /** Count one more crash against `fingerprint`; returns its record. */
  strike(fingerprint: string, method: string, how: string): Strikes {
    const s = this.strikes.get(fingerprint) ?? { count: 0, method, how };
    s.count++;
    s.how = how;
    this.strikes.delete(fingerprint); // re-inserted last: the map forgets the oldest first
    this.strikes.set(fingerprint, s);
    for (const key of this.strikes.keys()) {
      if (this.strikes.size <= MAX_REMEMBERED) break;
      this.strikes.delete(key);
    }
    return s;
  }

  /** The record of a request to refuse, or null. */
  refused(fingerprint: string): Strikes | null {
    const s = this.strikes.get(fingerprint);
    return s && s.count >= this.refuseAfter ? s : null;
  }

  isRefused(s: Strikes): boolean {
    return s.count >= this.refuseAfter;
  }

  forgive(fingerprint: string): void {
    this.strikes.delete(fingerprint);
  }
}

/** The error a refused request gets, in the user's words. */
export function refusal(s: Strikes): ErrorData {
  return {
    code: 'invalid_input',
    message: `Refused: this ${s.method} request stopped the engine ${times(s.count)} (last: ${s.how}), so it is not run again. Change its input (another file, rule or pattern); the engine is still running.`,
  };
}
