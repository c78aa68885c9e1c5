import type { Clock } from '../clock';
import { systemClock } from '../clock';

/**
 * Runs `commit` once, later (next frame, next tick of a timer …). May return a cancel function.
 * The room store asks for at most one pending commit at a time, so this bounds store commits.
 */
export type CommitScheduler = (commit: () => void) => (() => void) | undefined;

/** One commit per animation frame (H5). */
export function frameScheduler(): CommitScheduler {
  return (commit) => {
    const id = requestAnimationFrame(() => commit());
    return () => cancelAnimationFrame(id);
  };
}

/** One commit per `ms` at most (weapp: 50 ms keeps a page at ≤ 20 setData calls a second). */
export function timerScheduler(ms = 50, clock: Clock = systemClock): CommitScheduler {
  return (commit) => {
    const handle = clock.setTimeout(commit, ms);
    return () => clock.clearTimeout(handle);
  };
}

declare const wx: { setStorageSync?: unknown } | undefined;

/** True inside a WeChat mini program (where every commit becomes a `setData` call). */
export function isMiniProgram(): boolean {
  return typeof wx === 'object' && wx !== null && typeof wx.setStorageSync === 'function';
}

/**
 * rAF in browsers; a 50 ms timer in a mini program (Taro polyfills `requestAnimationFrame` there
 * with a ~16 ms timer, which would mean 60 setData calls a second) and wherever rAF is missing.
 */
export function defaultScheduler(): CommitScheduler {
  if (!isMiniProgram() && typeof requestAnimationFrame === 'function') return frameScheduler();
  return timerScheduler(50);
}
