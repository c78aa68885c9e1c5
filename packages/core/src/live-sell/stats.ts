import type { LiveSellStats } from './types';

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

/** Counters with drops by reason: the client's and the room store's. */
interface DropCounts<R extends string> {
  dropped: number;
  droppedByReason: Record<R, number>;
}

export function countDrop<R extends string>(stats: DropCounts<R>, reason: R): void {
  stats.dropped++;
  stats.droppedByReason[reason]++;
}

/** A copy to hand out. */
export const snapshot = <T extends DropCounts<string>>(stats: T): T =>
  Object.assign({}, stats, { droppedByReason: Object.assign({}, stats.droppedByReason) });
