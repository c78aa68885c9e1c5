import type { DropReason, LiveSellStats } from './types';

const REASONS: readonly DropReason[] = [
  'invalid',
  'oversized',
  'bad_json',
  'untrusted',
  'reserved',
  'other_room',
  'own_echo',
  'unsupported',
];

/** Mutable counters behind `tls.stats()`; `snapshot` hands out a copy. */
export class StatsCounter {
  received = 0;
  emitted = 0;
  dropped = 0;
  readonly droppedByReason = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  likeTaps = 0;
  likeMessagesSent = 0;
  /** Taps sent inside aggregated messages, beyond the one each message stands for. */
  likesMerged = 0;
  sent = 0;
  sendFailed = 0;
  listenerErrors = 0;

  drop(reason: DropReason): void {
    this.dropped++;
    this.droppedByReason[reason]++;
  }

  snapshot(): LiveSellStats {
    return {
      received: this.received,
      emitted: this.emitted,
      dropped: this.dropped,
      droppedByReason: { ...this.droppedByReason },
      likeTaps: this.likeTaps,
      likeMessagesSent: this.likeMessagesSent,
      likesMerged: this.likesMerged,
      sent: this.sent,
      sendFailed: this.sendFailed,
      listenerErrors: this.listenerErrors,
    };
  }
}
