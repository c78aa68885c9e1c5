import type { Clock, TimerHandle } from '@livesell/core';

/** What Tencent IM's `Group.CallbackAfterSendMsg` tells a backend about one group message (the part used here). */
export interface AfterSendEvent {
  groupID: string;
  fromUserID: string;
  /** `TIMCustomElem` messages: `data` is the live-sell wire name, `description` the LIKE count. */
  custom?: { data: string; description: string; extension: string };
}

export interface LikeTotalsOptions {
  clock: Clock;
  /** Least time between two writes of one room's total (ms). Default 1000. */
  minIntervalMs?: number;
  /** The room's persisted total (the `like_total` group custom field), 0 when none. */
  read(groupID: string): number;
  /** Writes the new total (the field); every member gets it in an op-6 group tip. */
  write(groupID: string, total: number): void;
  log?: (message: string) => void;
}

/** Most taps one aggregated LIKE may carry (as the client decoder: 20 taps/s for 10 s). */
const MAX_LIKES_PER_MESSAGE = 200;
const COUNT = /^[1-9][0-9]{0,5}$/;

/** The taps a LIKE message claims: '' is one, a decimal up to 200 is that many, anything else is not a like. */
export function likesIn(description: string): number | undefined {
  if (description === '') return 1;
  if (!COUNT.test(description)) return undefined;
  const n = Number(description);
  return n <= MAX_LIKES_PER_MESSAGE ? n : undefined;
}

/**
 * The room's like total, kept by the server: what a production backend does with IM's after-send
 * callbacks. Each LIKE message adds its count to the room's pending taps; the total is written to
 * the `like_total` group custom field at most once per `minIntervalMs` per room (the first write at
 * once, the ones during the interval together at its end), so a tap storm costs one write a second.
 * The field is persisted and read by every client on join and resync; its tips keep everyone equal.
 */
export class LikeTotals {
  private readonly pending = new Map<string, number>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly lastWrite = new Map<string, number>();
  private readonly minIntervalMs: number;
  /** LIKE messages counted / refused as malformed, for tests and stats. */
  readonly stats = { messages: 0, likes: 0, malformed: 0, writes: 0 };

  constructor(private readonly options: LikeTotalsOptions) {
    this.minIntervalMs = Math.max(0, options.minIntervalMs ?? 1000);
  }

  /** The callback: counts a LIKE (other messages are not its business). */
  afterSend(event: AfterSendEvent): void {
    const custom = event.custom;
    if (custom?.data !== 'LIKE') return;
    const count = likesIn(custom.description);
    if (count === undefined) {
      this.stats.malformed++;
      return;
    }
    this.stats.messages++;
    this.stats.likes += count;
    this.pending.set(event.groupID, (this.pending.get(event.groupID) ?? 0) + count);
    this.schedule(event.groupID);
  }

  /** The total as the next write will make it (persisted + pending). */
  total(groupID: string): number {
    return this.options.read(groupID) + (this.pending.get(groupID) ?? 0);
  }

  private schedule(groupID: string): void {
    if (this.timers.has(groupID)) return;
    const { clock } = this.options;
    const wait = Math.max(0, (this.lastWrite.get(groupID) ?? -Infinity) + this.minIntervalMs - clock.now());
    if (wait === 0) {
      this.flush(groupID);
      return;
    }
    this.timers.set(
      groupID,
      clock.setTimeout(() => {
        this.timers.delete(groupID);
        this.flush(groupID);
      }, wait),
    );
  }

  private flush(groupID: string): void {
    const count = this.pending.get(groupID) ?? 0;
    this.pending.delete(groupID);
    if (!count) return;
    const total = this.options.read(groupID) + count;
    this.lastWrite.set(groupID, this.options.clock.now());
    try {
      this.options.write(groupID, total);
      this.stats.writes++;
    } catch (error) {
      // The room was deleted or the write refused: the taps are lost for it, and said so.
      this.options.log?.(`likes: could not write the total of ${groupID}: ${String(error)}`);
    }
  }

  /** Writes every pending total now (before the server stops) and cancels the timers. */
  close(): void {
    for (const timer of this.timers.values()) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    for (const groupID of [...this.pending.keys()]) this.flush(groupID);
  }
}
