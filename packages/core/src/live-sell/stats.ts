import type { DropReason, LiveSellStats } from './types';

/** The mutable counters behind `tls.stats()`. */
export type StatsCounter = LiveSellStats;

export const createStats = (): StatsCounter => ({
  received: 0,
  emitted: 0,
  dropped: 0,
  droppedByReason: {
    invalid: 0,
    oversized: 0,
    bad_json: 0,
    untrusted: 0,
    reserved: 0,
    other_room: 0,
    own_echo: 0,
    unsupported: 0,
  },
  likeTaps: 0,
  likeMessagesSent: 0,
  likesMerged: 0,
  sent: 0,
  sendFailed: 0,
  listenerErrors: 0,
});

export function drop(stats: StatsCounter, reason: DropReason): void {
  stats.dropped++;
  stats.droppedByReason[reason]++;
}

/** A copy to hand out. */
export const snapshot = (stats: StatsCounter): LiveSellStats => ({
  ...stats,
  droppedByReason: { ...stats.droppedByReason },
});
