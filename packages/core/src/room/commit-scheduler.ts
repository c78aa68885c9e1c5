import type { Clock } from '../clock';
import { systemClock } from '../clock';

/**
 * Runs `commit` once, later (next frame, next tick of a timer …). May return a cancel function.
 * The room store asks for at most one pending commit at a time, so this bounds store commits.
 * `flooding` is true when the store's last commit took in more events than one commit shows rows
 * (a flood): a scheduler may then wait longer, as `timerScheduler` does; `frameScheduler` ignores it.
 */
export type CommitScheduler = (commit: () => void, flooding?: boolean) => (() => void) | undefined;

/** One commit per animation frame (H5). */
export function frameScheduler(): CommitScheduler {
  return (commit) => {
    const id = requestAnimationFrame(() => commit());
    return () => cancelAnimationFrame(id);
  };
}

/**
 * One commit per `ms` at most (weapp: 50 ms keeps a page at ≤ 20 setData calls a second), and one
 * per `floodMs` while the store is flooding: a flood then costs WeChat half as many setData calls,
 * each as small as before (the store's row cap per commit is the same). The longer wait applies
 * only while events keep coming: the first event after a quiet spell (none within `ms` of the last
 * commit) commits after `ms` again, so a lone message after a flood is not slowed.
 */
export function timerScheduler(ms = 50, clock: Clock = systemClock, floodMs = ms * 2): CommitScheduler {
  // When the last commit ran (clocks do not go below 0, so the first event is never "right after").
  let lastCommit = -ms;
  return (commit, flooding) => {
    const handle = clock.setTimeout(
      () => {
        lastCommit = clock.now();
        commit();
      },
      flooding && clock.now() - lastCommit < ms ? floodMs : ms,
    );
    return () => clock.clearTimeout(handle);
  };
}

declare const wx: { setStorageSync?: unknown } | undefined;

/** True inside a WeChat mini program (where every commit becomes a `setData` call). */
export function isMiniProgram(): boolean {
  return typeof wx === 'object' && wx !== null && typeof wx.setStorageSync === 'function';
}

/**
 * rAF in browsers; in a mini program (Taro polyfills `requestAnimationFrame` there with a ~16 ms
 * timer, which would mean 60 setData calls a second) and wherever rAF is missing, a 50 ms timer
 * that stretches to 100 ms while the store is flooding.
 */
export function defaultScheduler(): CommitScheduler {
  if (!isMiniProgram() && typeof requestAnimationFrame === 'function') return frameScheduler();
  return timerScheduler(50); // 100 ms while flooding
}
