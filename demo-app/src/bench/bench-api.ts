import type { RoomStoreStats } from '@livesell/core';
import type { FloodPlan } from './flood-driver';

export type BenchPhase = 'loading' | 'warming' | 'ready' | 'running' | 'done' | 'error';

export interface BenchResult {
  plan: FloodPlan;
  /** Messages the simulated SDK delivered. */
  delivered: number;
  /** From the first batch to the last, ms. */
  floodMs: number;
  /** The longest synchronous handling of one `MESSAGE_RECEIVED` batch (decode + store intake), ms. */
  maxDeliverMs: number;
  /** What `TIMLiveSell` received and dropped (invalid, untrusted …) during this flood. */
  liveSell: { received: number; dropped: number };
  /** What the room store showed, merged and dropped during this flood (after its last commit). */
  store: RoomStoreStats;
}

/** Counters of one flood: `after - before`, except `pending`, which is a level. */
export function statsSince(before: RoomStoreStats, after: RoomStoreStats): RoomStoreStats {
  const droppedByReason = { ...after.droppedByReason };
  for (const key of Object.keys(droppedByReason) as Array<keyof typeof droppedByReason>) {
    droppedByReason[key] -= before.droppedByReason[key];
  }
  return {
    received: after.received - before.received,
    shown: after.shown - before.shown,
    merged: after.merged - before.merged,
    dropped: after.dropped - before.dropped,
    droppedByReason,
    pending: after.pending,
    commits: after.commits - before.commits,
  };
}

/** A message the viewer sent through the simulated SDK. */
export interface SentRecord {
  /** `Date.now()` when the SDK was asked to send it. */
  at: number;
  /** `LIKE`, `SEND_GIFT` … for custom messages, `TEXT` for danmaku. */
  kind: string;
  priority: string;
  /** A custom message's `description` (a LIKE's tap count). */
  description: string;
}

/** What the H5 bench page exposes as `window.__livesellBench` for the benchmark scripts. */
export interface LiveSellBenchApi {
  readonly phase: BenchPhase;
  start(): boolean;
  result(): BenchResult | null;
  sent(): SentRecord[];
}

/** One line a person and a script can both read (the weapp benchmark parses it from the page). */
export function formatResult(r: BenchResult): string {
  const s = r.store;
  return [
    `delivered=${r.delivered}`,
    `floodMs=${r.floodMs}`,
    `maxDeliverMs=${r.maxDeliverMs.toFixed(1)}`,
    `tlsReceived=${r.liveSell.received}`,
    `tlsDropped=${r.liveSell.dropped}`,
    `received=${s.received}`,
    `shown=${s.shown}`,
    `merged=${s.merged}`,
    `dropped=${s.dropped}`,
    `overflow=${s.droppedByReason.overflow}`,
    `pending=${s.pending}`,
    `commits=${s.commits}`,
  ].join(' ');
}
