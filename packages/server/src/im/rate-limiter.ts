import type { MessagePriority } from '../module';

export const PRIORITIES: readonly MessagePriority[] = ['High', 'Normal', 'Low', 'Lowest'];

export interface PriorityRateLimiterOptions {
  /** Messages per window (Tencent IM: 40 per second per group). */
  limit?: number;
  windowMs?: number;
  /** Largest burst admitted at once (default a fifth of the limit). */
  burst?: number;
  /** Tokens each active higher priority keeps out of reach of a lower one (default 2). */
  reserve?: number;
}

/**
 * Admits at most `limit` messages in any sliding window, deciding on arrival so admitted messages
 * are never delayed. A token bucket paces admissions evenly (refilled at `limit` per window, holding
 * at most `burst`), so a burst cannot use up a whole second and starve what follows. Priority works
 * by reserve: a message may only take a token (and a slot in the window) if enough stay for each
 * higher priority seen in the last window. Under overload High keeps flowing while Lowest, then Low, then Normal are dropped;
 * a room with only Low traffic still gets the full rate.
 */
export class PriorityRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly burst: number;
  private readonly reserve: number;
  private tokens: number;
  private refilledAt: number | undefined;
  /** Admission times, oldest first; never longer than `limit`. */
  private readonly admitted: number[] = [];
  private readonly lastSeen: number[] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];

  constructor(options: PriorityRateLimiterOptions = {}) {
    this.limit = options.limit ?? 40;
    this.windowMs = options.windowMs ?? 1000;
    this.reserve = options.reserve ?? 2;
    this.burst = Math.max(options.burst ?? Math.ceil(this.limit / 5), 1 + 3 * this.reserve);
    this.tokens = this.burst;
  }

  /** Returns true when the message may be delivered now, false when it is dropped. */
  admit(priority: MessagePriority, now: number): boolean {
    const rank = Math.max(0, PRIORITIES.indexOf(priority));
    if (this.refilledAt !== undefined) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.limit) / this.windowMs);
    }
    this.refilledAt = now;
    const since = now - this.windowMs;
    while (this.admitted.length > 0 && (this.admitted[0] as number) <= since) this.admitted.shift();
    let needed = 1;
    for (let higher = 0; higher < rank; higher++) {
      if ((this.lastSeen[higher] as number) > since) needed += this.reserve;
    }
    if (rank < this.lastSeen.length) this.lastSeen[rank] = now;
    if (this.tokens < needed || this.admitted.length + needed > this.limit) return false;
    this.tokens -= 1;
    this.admitted.push(now);
    return true;
  }
}
