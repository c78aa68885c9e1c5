import { type Clock, systemClock, type TimerHandle } from '../clock';
import { LiveSellError } from '../errors';
import { isLiveStatusCode, type LiveStatusCode } from '../room/live-status';
import { LIVE_STATUS_MIN_INTERVAL_MS } from './constants';
import type { VisibilitySource } from './visibility';

/** Returns a room's live status code (e.g. `livePlayerPluginFetcher(requirePlugin('live-player-plugin'))`). */
export type LiveStatusFetcher = (roomId: number) => Promise<number>;

/**
 * Remembers when each room was last polled. Pollers sharing a gate (one per app) keep the
 * once-a-minute limit even across pages that create a new poller for the same room.
 */
export interface LiveStatusGate {
  lastCallAt(roomId: number): number | null;
  record(roomId: number, at: number): void;
}

export function createLiveStatusGate(): LiveStatusGate {
  const last = new Map<number, number>();
  return {
    lastCallAt: (roomId) => last.get(roomId) ?? null,
    record: (roomId, at) => void last.set(roomId, at),
  };
}

export interface LiveStatusPollerOptions {
  roomId: number;
  fetchStatus: LiveStatusFetcher;
  clock?: Clock;
  /** Polling pauses while the page is hidden; default: always visible. */
  visibility?: VisibilitySource;
  /** Time between successful polls; never less than 60 000 (values below are raised). */
  intervalMs?: number;
  /** Upper bound of the error backoff (the interval doubles per consecutive failure). Default 10 min. */
  maxBackoffMs?: number;
  /** A call that has not settled by then counts as failed. Default 15 s. */
  timeoutMs?: number;
  gate?: LiveStatusGate;
  onStatus?(status: LiveStatusCode): void;
  onError?(error: LiveSellError): void;
}

export interface LiveStatusPollerSnapshot {
  running: boolean;
  visible: boolean;
  inFlight: boolean;
  failures: number;
  lastCallAt: number | null;
  /** When the next call is scheduled, or `null` when none is (stopped, hidden, in flight). */
  nextCallAt: number | null;
  lastStatus: LiveStatusCode | null;
}

export interface LiveStatusPoller {
  /** Starts polling: the first call is immediate unless the room was polled less than a minute ago. */
  start(): void;
  stop(): void;
  /** Polls as soon as the once-a-minute limit allows (ignoring any error backoff). */
  refresh(): void;
  getSnapshot(): LiveStatusPollerSnapshot;
  destroy(): void;
}

/**
 * `getLiveStatus` polling the way WeChat asks for it: the first call returns at once, then one
 * call a minute or slower. The limit is enforced on call start times, so no sequence of
 * start/stop/refresh/show/hide can make two calls less than a minute apart.
 */
export function createLiveStatusPoller(options: LiveStatusPollerOptions): LiveStatusPoller {
  const { roomId, fetchStatus } = options;
  const clock = options.clock ?? systemClock;
  const gate = options.gate ?? createLiveStatusGate();
  const interval = Math.max(LIVE_STATUS_MIN_INTERVAL_MS, options.intervalMs ?? LIVE_STATUS_MIN_INTERVAL_MS);
  const maxBackoff = Math.max(interval, options.maxBackoffMs ?? 10 * 60_000);
  const timeoutMs = options.timeoutMs ?? 15_000;

  let running = false;
  let destroyed = false;
  let refreshWanted = false;
  let failures = 0;
  let lastStatus: LiveStatusCode | null = null;
  let timer: TimerHandle | null = null;
  let nextCallAt: number | null = null;
  let current: { timeout: TimerHandle } | null = null;

  const visible = () => options.visibility?.isVisible() ?? true;
  const unsubscribe = options.visibility?.subscribe((isVisible) => (isVisible ? schedule() : clearTimer()));

  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    nextCallAt = null;
  }

  function schedule(): void {
    clearTimer();
    if (destroyed || !running || !visible() || current) return;
    const now = clock.now();
    const last = gate.lastCallAt(roomId);
    let due = now;
    if (last !== null) {
      const earliest = last + LIVE_STATUS_MIN_INTERVAL_MS;
      const regular = last + Math.min(interval * 2 ** failures, maxBackoff);
      due = Math.max(earliest, refreshWanted ? earliest : regular);
    }
    if (due <= now) {
      call();
      return;
    }
    nextCallAt = due;
    timer = clock.setTimeout(() => {
      timer = null;
      nextCallAt = null;
      call();
    }, due - now);
  }

  function call(): void {
    if (destroyed || !running || !visible() || current) return;
    const now = clock.now();
    const last = gate.lastCallAt(roomId);
    if (last !== null && now - last < LIVE_STATUS_MIN_INTERVAL_MS) {
      schedule();
      return;
    }
    gate.record(roomId, now);
    refreshWanted = false;
    const call = {
      timeout: clock.setTimeout(
        () => settle(call, undefined, new LiveSellError('NETWORK', 'getLiveStatus timed out', { details: { roomId } })),
        timeoutMs,
      ),
    };
    current = call;
    let pending: Promise<number>;
    try {
      // Called synchronously so the recorded call time is the real one.
      pending = Promise.resolve(fetchStatus(roomId));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (status) => settle(call, status),
      (error: unknown) => settle(call, undefined, error),
    );
  }

  function settle(call: { timeout: TimerHandle }, status: number | undefined, error?: unknown): void {
    if (current !== call) return;
    current = null;
    clock.clearTimeout(call.timeout);
    if (destroyed) return;
    if (error === undefined && isLiveStatusCode(status)) {
      failures = 0;
      lastStatus = status;
      options.onStatus?.(status);
    } else {
      failures += 1;
      options.onError?.(toError(error, status, roomId));
    }
    schedule();
  }

  return {
    start() {
      running = true;
      schedule();
    },
    stop() {
      running = false;
      clearTimer();
    },
    refresh() {
      refreshWanted = true;
      schedule();
    },
    getSnapshot: () => ({
      running,
      visible: visible(),
      inFlight: current !== null,
      failures,
      lastCallAt: gate.lastCallAt(roomId),
      nextCallAt,
      lastStatus,
    }),
    destroy() {
      destroyed = true;
      running = false;
      clearTimer();
      if (current) clock.clearTimeout(current.timeout);
      current = null;
      unsubscribe?.();
    },
  };
}

function toError(error: unknown, status: unknown, roomId: number): LiveSellError {
  if (error instanceof LiveSellError) return error;
  if (error === undefined) {
    return new LiveSellError('REMOTE', `getLiveStatus returned ${String(status)}, not a live status code`, {
      details: { roomId, status },
    });
  }
  return new LiveSellError('REMOTE', 'getLiveStatus failed', { cause: error, details: { roomId } });
}
