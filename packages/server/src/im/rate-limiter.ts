import type { MessagePriority } from '../module';

export const PRIORITIES: readonly MessagePriority[] = ['High', 'Normal', 'Low', 'Lowest'];

export interface PriorityRateLimiterOptions {
  /** Messages delivered per window (Tencent IM: 40 per second per group). */
  limit?: number;
  windowMs?: number;
  /** Slots each active higher priority keeps free from a lower one. */
  reserve?: number;
}

/**
 * Admits at most `limit` messages in any sliding window, deciding on arrival so admitted messages are
 * not delayed. Priority works by headroom: a message may only take a slot if enough slots stay free
 * for each higher priority that has been seen in the last window. So under overload High keeps
 * flowing while Normal, then Low, then Lowest are dropped; a room with only Low traffic still gets
 * the full rate.
 */
export class PriorityRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly reserve: number;
  /** Admission times, oldest first; never longer than `limit`. */
  private readonly admitted: number[] = [];
  private readonly lastSeen: number[] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];

  constructor(options: PriorityRateLimiterOptions = {}) {
    this.limit = options.limit ?? 40;
    this.windowMs = options.windowMs ?? 1000;
    this.reserve = options.reserve ?? Math.max(1, Math.floor(this.limit / 10));
  }

  /** Returns true when the message may be delivered now, false when it is dropped. */
  admit(priority: MessagePriority, now: number): boolean {
    const rank = Math.max(0, PRIORITIES.indexOf(priority));
    const since = now - this.windowMs;
    while (this.admitted.length > 0 && (this.admitted[0] as number) <= since) this.admitted.shift();
    let headroom = 0;
    for (let higher = 0; higher < rank; higher++) {
      if ((this.lastSeen[higher] as number) > since) headroom += this.reserve;
    }
    if (rank < this.lastSeen.length) this.lastSeen[rank] = now;
    if (this.admitted.length + headroom >= this.limit) return false;
    this.admitted.push(now);
    return true;
  }
}
