import type { TimMessage } from '@livesell/core';
import { floodMessage } from './flood-messages';

export interface FloodPlan {
  /** Messages per second during the flood (0: burst only). */
  rate: number;
  seconds: number;
  /** Messages delivered in one `MESSAGE_RECEIVED` batch at the start (0: none). */
  burst: number;
  /** How often a batch arrives, as network frames would. */
  tickMs: number;
}

export interface FloodRun {
  /** Messages delivered so far. */
  readonly delivered: number;
  /** Resolves with the count once the last batch was delivered (or `stop()` was called). */
  readonly finished: Promise<number>;
  stop(): void;
}

/**
 * Delivers `plan` through `deliver`: the burst first, then `rate` messages a second in batches
 * every `tickMs`, catching up when a timer fires late (as a socket buffers frames while the page
 * is busy), so the total is exact whatever the machine's load.
 */
export function startFlood(
  plan: FloodPlan,
  target: { roomID: string /** Index of the first message, so IDs stay unique across floods. */; firstIndex?: number },
  deliver: (batch: TimMessage[]) => void,
): FloodRun {
  const total = plan.burst + Math.round(plan.rate * plan.seconds);
  const first = target.firstIndex ?? 0;
  let delivered = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: (count: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const send = (upTo: number) => {
    const now = Date.now();
    const batch: TimMessage[] = [];
    for (; delivered < upTo; delivered++) batch.push(floodMessage(first + delivered, target.roomID, now));
    deliver(batch);
  };
  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    finish(delivered);
  };

  send(plan.burst);
  const start = Date.now();
  const tick = () => {
    const due = plan.burst + Math.min(total - plan.burst, Math.floor(((Date.now() - start) * plan.rate) / 1000));
    send(due);
    if (delivered >= total) stop();
    else timer = setTimeout(tick, plan.tickMs);
  };
  if (delivered >= total) stop();
  else timer = setTimeout(tick, plan.tickMs);

  return {
    get delivered() {
      return delivered;
    },
    finished,
    stop,
  };
}

const num = (value: string | undefined, fallback: number, min: number, max: number) => {
  const n = Number(value);
  return Number.isFinite(n) && value !== undefined && value !== '' ? Math.min(max, Math.max(min, n)) : fallback;
};

/** `?rate=1000&seconds=60&burst=0&tick=20` → a plan (bounded, so a typo cannot hang a phone). */
export function parseFloodPlan(params: Partial<Record<string, string>>): FloodPlan {
  return {
    rate: num(params.rate, 1000, 0, 100_000),
    seconds: num(params.seconds, 10, 0, 3600),
    burst: num(params.burst, 0, 0, 100_000),
    tickMs: num(params.tick, 20, 1, 1000),
  };
}

/**
 * `?warmup=500`: messages delivered at 1,000 msgs/s before the page reports `ready`, so a
 * measured flood meets warm code, as on a page that has been open a while.
 */
export function parseWarmup(params: Partial<Record<string, string>>): FloodPlan | null {
  const count = num(params.warmup, 0, 0, 100_000);
  return count > 0 ? { rate: 1000, seconds: count / 1000, burst: 0, tickMs: 20 } : null;
}
