import type { Clock, TimerHandle } from '../clock';

/**
 * Neither hls.js nor mpegts.js (nor a `<live-player>` on a half-dead network) reports a stream
 * that silently stops: the picture just freezes. The watchdog notices — no first frame within
 * `firstFrameMs` of a load, or no progress for `stallMs` once frames flowed.
 */
export interface WatchdogOptions {
  stallMs: number;
  firstFrameMs: number;
}

export const defaultWatchdogOptions: WatchdogOptions = { stallMs: 5000, firstFrameMs: 10_000 };

/** What the watchdog watches: whether a load is active, which one, and whether it has shown a frame. */
export interface WatchTarget {
  active: boolean;
  loadId: number;
  firstFrame: boolean;
}

export interface Watchdog {
  /** Re-arms when the watched phase changes (a new load, first frame seen, stopped). */
  update(target: WatchTarget): void;
  /** The picture moved: postpones the stall timer. */
  progress(): void;
  stop(): void;
}

export function createWatchdog(
  clock: Clock,
  options: WatchdogOptions,
  on: { stall(): void; firstFrameTimeout(): void },
): Watchdog {
  let phase: string | null = null;
  let timer: TimerHandle | null = null;
  let stallArmed = false;

  const clear = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const armStall = () => {
    clear();
    timer = clock.setTimeout(() => {
      timer = null;
      stallArmed = false;
      on.stall();
    }, options.stallMs);
  };

  return {
    update(target) {
      const next = target.active ? `${target.loadId}:${target.firstFrame}` : null;
      if (next === phase) return;
      phase = next;
      clear();
      stallArmed = false;
      if (!target.active) return;
      if (target.firstFrame) {
        stallArmed = true;
        armStall();
      } else {
        timer = clock.setTimeout(() => {
          timer = null;
          on.firstFrameTimeout();
        }, options.firstFrameMs);
      }
    },
    progress() {
      if (stallArmed) armStall();
    },
    stop() {
      clear();
      phase = null;
      stallArmed = false;
    },
  };
}
