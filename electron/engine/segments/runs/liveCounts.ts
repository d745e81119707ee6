/**
 * Stale-query interruption for live counts (docs/architecture.md, SPEC §10, §11): each count with a `liveKey` runs as a
 * job; a newer count for the same key cancels the older one, so rapid edits never pile up work.
 * Order is by arrival: a call takes its ticket before preparing, and checks it is still current
 * before querying, so a slow-to-prepare older call never cancels a newer one.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../../shared/api/protocol';

export class LiveCounts {
  private readonly running = new Map<string, string>();

  /**
   * A job id for a new live count (the caller's own `jobId` when it gave one, so cancelJob of that
   * id reaches it); `cancel` is called for the previous job of this key.
   */
  start(liveKey: string, cancel: (jobId: string) => void, own?: string): string {
    const prior = this.running.get(liveKey);
    if (prior) cancel(prior);
    const jobId = own ?? `live:${liveKey}:${randomUUID()}`;
    this.running.set(liveKey, jobId);
    return jobId;
  }

  /**
   * Throw `interrupted` when a newer count of this key has started: a call is stale from the moment
   * a newer one arrives, even if the newer one got through its preparation first.
   */
  assertCurrent(liveKey: string, jobId: string): void {
    if (this.running.get(liveKey) !== jobId)
      throw new ApiError('interrupted', 'Cancelled: a newer count replaced this one');
  }

  /** Forget a finished job (only if it is still the newest of its key). */
  finish(liveKey: string, jobId: string): void {
    if (this.running.get(liveKey) === jobId) this.running.delete(liveKey);
  }
}
